// util: hex, UTC time, atomic no-overwrite files.
#include <doctest/doctest.h>

#include "support/temp_dir.h"
#include "util/atomic_file.h"
#include "util/bytes.h"
#include "util/error.h"
#include "util/time.h"

using namespace kr;

TEST_SUITE("util") {
  TEST_CASE("hex round trip and rejection") {
    Bytes b{0x00, 0xab, 0xff};
    CHECK(to_hex(b) == "00abff");
    CHECK(to_colon_hex(b) == "00:AB:FF");
    CHECK(from_hex("00ABff") == b);
    CHECK_FALSE(from_hex("abc"));
    CHECK_FALSE(from_hex("zz"));
  }

  TEST_CASE("UTC times are strict") {
    auto t = parse_utc("2040-05-26T00:00:00Z");
    REQUIRE(t);
    CHECK(format_utc(*t) == "2040-05-26T00:00:00Z");
    CHECK(parse_utc("2024-02-29T23:59:59Z"));
    CHECK_FALSE(parse_utc("2023-02-29T00:00:00Z"));
    CHECK_FALSE(parse_utc("2040-05-26T00:00:00"));
    CHECK_FALSE(parse_utc("2040-05-26 00:00:00Z"));
    CHECK_FALSE(parse_utc("2040-05-26T24:00:00Z"));
    CHECK_FALSE(parse_utc("2040-05-26T00:00:00+01:00"));
  }

  TEST_CASE("AtomicFile never overwrites and leaves nothing behind on failure") {
    test::TempDir dir;
    write_new_file(dir / "a.crt", as_bytes("first"));
    CHECK_THROWS_WITH(
        write_new_file(dir / "a.crt", as_bytes("second")),
        ((dir / "a.crt").string() + ": already exists; keyrite never overwrites a file").c_str());
    CHECK(read_file(dir / "a.crt") == Bytes{'f', 'i', 'r', 's', 't'});
    {
      AtomicFile f(dir / "b.crt");
      f.write(std::string_view("partial"));
    }  // not committed
    CHECK_FALSE(std::filesystem::exists(dir / "b.crt"));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);
  }
}

#include "util/pgp_words.h"

TEST_CASE("PGP words: the published example vector") {
  // The worked example of the PGP word list's documentation.
  auto data = *from_hex("E58294F2E9A227486E8B061B31CC528FD7FA3F19");
  std::string joined;
  for (const auto& w : pgp_words(data)) joined += (joined.empty() ? "" : " ") + w;
  CHECK(joined ==
        "topmost Istanbul Pluto vagabond treadmill Pacific brackish dictator goldfish Medusa "
        "afflict bravado chatter revolver Dupont midsummer stopwatch whimsical cowbell bottomless");
  CHECK(pgp_word_rows(ByteView(data).first(5)) ==
        "  1  topmost    Istanbul   Pluto      vagabond\n  5  treadmill\n");
}
