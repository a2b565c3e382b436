// CRL-number state: numbers only ever increase, per issuer, across ceremonies.
#include <doctest/doctest.h>

#include <fstream>

#include "ceremony/crl_state.h"
#include "support/temp_dir.h"
#include "util/error.h"

using namespace kr;
using namespace kr::ceremony;

TEST_SUITE("ceremony::crl_state") {
  TEST_CASE("next number: one more than the larger of state and previous CRL") {
    CHECK(next_crl_number(std::nullopt, std::nullopt) == Bytes{1});
    CHECK(next_crl_number(Bytes{0x05}, std::nullopt) == Bytes{0x06});
    CHECK(next_crl_number(Bytes{0x05}, Bytes{0x07}) == Bytes{0x08});
    CHECK(next_crl_number(Bytes{0x09}, Bytes{0x07}) == Bytes{0x0a});
    CHECK(next_crl_number(Bytes{0xff}, std::nullopt) == Bytes{0x01, 0x00});
    CHECK(next_crl_number(Bytes{0x00, 0x00, 0xff, 0xff}, std::nullopt) == Bytes{0x01, 0x00, 0x00});
  }

  TEST_CASE("records are per issuer and a number that is not greater is refused unwritten") {
    test::TempDir dir;
    auto state = dir / "crl-state.jsonl";
    CHECK_FALSE(last_crl_number(state, "aa"));
    record_crl_number(state, {"aa", "CN = A", {0x01}, "t", "h", "c", "s"});
    record_crl_number(state, {"bb", "CN = B", {0x07}, "t", "h", "c", "s"});
    record_crl_number(state, {"aa", "CN = A", {0x02}, "t", "h", "c", "s"});
    CHECK(last_crl_number(state, "aa") == Bytes{0x02});
    CHECK(last_crl_number(state, "bb") == Bytes{0x07});
    auto size = std::filesystem::file_size(state);
    CHECK_THROWS_WITH(record_crl_number(state, {"aa", "CN = A", {0x02}, "t", "h", "c", "s"}),
                      ("CRL number 02 is not greater than 02, already recorded for this issuer in " +
                       state.string()).c_str());
    CHECK(std::filesystem::file_size(state) == size);
  }

  TEST_CASE("a damaged state file stops, naming file and line") {
    test::TempDir dir;
    auto state = dir / "crl-state.jsonl";
    record_crl_number(state, {"aa", "CN = A", {0x01}, "t", "h", "c", "s"});
    std::ofstream(state, std::ios::app) << "{not json\n";
    CHECK_THROWS_WITH(last_crl_number(state, "aa"),
                      (state.string() + ":2: not a CRL state record").c_str());
  }
}
