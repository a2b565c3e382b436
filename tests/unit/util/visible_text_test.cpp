// Text made visible for display, and PGP words read back from paper.
#include "util/visible_text.h"

#include <doctest/doctest.h>

#include "util/error.h"
#include "util/pgp_words.h"

using namespace kr;

TEST_SUITE("util::visible_text") {
  TEST_CASE("a direction override and a terminal escape are shown as code points") {
    CHECK(visible_text("Eve\u202Egpj.exe") == "Eve<U+202E>gpj.exe");
    CHECK(visible_text("\x1b]0;title\x07") == "<U+001B>]0;title<U+0007>");
    CHECK(visible_text("tab\there", Newlines::keep) == "tab\there");
  }
}

TEST_SUITE("util::pgp_words") {
  TEST_CASE("words read back give the bytes, in any case, with row numbers and commas") {
    const Bytes data{0x00, 0xff, 0x7a, 0x01};
    CHECK(bytes_from_pgp_words(pgp_word_rows(data)) == data);
    CHECK(bytes_from_pgp_words("AARDVARK, yucatan\n  1 ") == Bytes{0x00, 0xff});
  }
  TEST_CASE("a word from the wrong list or no list is named") {
    try {
      bytes_from_pgp_words("aardvark absurd");
      FAIL("accepted an even word in an odd position");
    } catch (const Error& e) {
      CHECK(std::string(e.what()) ==
            "word 2 \"absurd\" is an even-position word in an odd position: a word before it was "
            "dropped or repeated");
    }
    CHECK_THROWS_WITH_AS(bytes_from_pgp_words("aardvark zebra"),
                         "word 2 \"zebra\" is not in the PGP word list", Error);
  }
}
