// CRL-number state: numbers only ever increase, per issuer, across ceremonies.
#include "ceremony/crl_state.h"

#include <doctest/doctest.h>

#include <fstream>

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
    CHECK_THROWS_WITH(
        record_crl_number(state, {"aa", "CN = A", {0x02}, "t", "h", "c", "s"}),
        ("CRL number 02 is not greater than 02, already recorded for this issuer in " +
         state.string())
            .c_str());
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

  TEST_CASE("a reserved number is taken before signing; a released one is free again") {
    test::TempDir dir;
    auto state = dir / "crl-state.jsonl";
    record_crl_number(state, {"aa", "CN = A", {0x01}, "t", "h1", "c", "s"});
    reserve_crl_number(state, {"aa", "CN = A", {0x02}, "t", "tbs2", "c", "s"});
    CHECK(last_crl_number(state, "aa") == Bytes{0x02});
    CHECK(next_crl_number(last_crl_number(state, "aa"), std::nullopt) == Bytes{0x03});
    CHECK_THROWS_WITH(
        reserve_crl_number(state, {"aa", "CN = A", {0x02}, "t", "x", "c", "s2"}),
        ("CRL number 02 is not greater than 02, already taken for this issuer in " + state.string())
            .c_str());
    // The reservation's own CRL is recorded as issued.
    record_crl_number(state, {"aa", "CN = A", {0x02}, "t", "h2", "c", "s"});
    CHECK(open_reservations(state, "aa").empty());
    reserve_crl_number(state, {"aa", "CN = A", {0x03}, "t", "tbs3", "c", "s"});
    release_crl_number(state, {"aa", "CN = A", {0x03}, "t", "tbs3", "c", "s"});
    CHECK(last_crl_number(state, "aa") == Bytes{0x02});
    CHECK(open_reservations(state, "aa").empty());
  }

  TEST_CASE("a reservation a dead process left open is found, then skipped for good") {
    test::TempDir dir;
    auto state = dir / "crl-state.jsonl";
    reserve_crl_number(state, {"aa", "CN = A", {0x05}, "t", "tbs5", "first", "crl"});
    auto open = open_reservations(state, "aa");
    REQUIRE(open.size() == 1);
    CHECK(open[0].crl_number == Bytes{0x05});
    CHECK(open[0].tbs_sha256 == "tbs5");
    CHECK(open[0].ceremony == "first");
    skip_crl_number(state, {"aa", "CN = A", {0x05}, "t", "tbs5", "second", "crl"});
    CHECK(open_reservations(state, "aa").empty());
    CHECK(next_crl_number(last_crl_number(state, "aa"), std::nullopt) == Bytes{0x06});
    CHECK(open_reservations(state, "bb").empty());
  }

  TEST_CASE("an unknown state stops, naming file and line") {
    test::TempDir dir;
    auto state = dir / "crl-state.jsonl";
    std::ofstream(state) << R"({"issuer_spki_sha256":"aa","crl_number":"01","state":"maybe"})"
                         << "\n";
    CHECK_THROWS_WITH(
        last_crl_number(state, "aa"),
        (state.string() + ":1: state \"maybe\" is not issued, reserved, released or skipped")
            .c_str());
  }

  TEST_CASE("whether the state file can be appended to") {
    test::TempDir dir;
    CHECK(crl_state_write_problem(dir / "new" / "crl-state.jsonl").empty());
    std::ofstream(dir / "existing.jsonl") << "";
    CHECK(crl_state_write_problem(dir / "existing.jsonl").empty());
    std::filesystem::create_directory(dir / "a-directory");
    CHECK(crl_state_write_problem(dir / "a-directory") == "it is not a regular file");
    std::ofstream(dir / "plain") << "";
    CHECK(crl_state_write_problem(dir / "plain" / "below" / "state.jsonl") ==
          (dir / "plain").string() + " is not a directory");
  }
}
