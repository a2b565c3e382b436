// util/utf8.h: the one validator (Unicode 15, table 3-7 of well-formed byte sequences) and the
// character count every name, profile and transcript check uses.
#include "util/utf8.h"

#include <doctest/doctest.h>

#include <string>

using namespace kr;

TEST_SUITE("util::utf8") {
  TEST_CASE("well-formed sequences of one to four bytes are valid") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ASCII"));
    CHECK(valid_utf8("Zo\xC3\xAB"));            // U+00EB
    CHECK(valid_utf8("\xE2\x82\xAC"));          // U+20AC
    CHECK(valid_utf8("\xF0\x9F\x94\x91"));      // U+1F511
    CHECK(valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
    CHECK(valid_utf8(std::string("a\0b", 3)));  // NUL is a character like any other
  }

  TEST_CASE("overlong forms, surrogates, values past U+10FFFF and cut sequences are not") {
    CHECK_FALSE(valid_utf8("\xC0\xAF"));  // '/' in two bytes
    CHECK_FALSE(valid_utf8("\xC1\xBF"));
    CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));      // overlong in three bytes
    CHECK_FALSE(valid_utf8("\xF0\x80\x80\xAF"));  // overlong in four bytes
    CHECK_FALSE(valid_utf8("\xED\xA0\x80"));      // U+D800, a surrogate
    CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // U+110000
    CHECK_FALSE(valid_utf8("\xF5\x80\x80\x80"));
    CHECK_FALSE(valid_utf8("\xC3"));  // cut short
    CHECK_FALSE(valid_utf8("\xE2\x82"));
    CHECK_FALSE(valid_utf8("\x80"));  // a lone continuation byte
    CHECK_FALSE(valid_utf8("ok\xFF"));
  }

  TEST_CASE("utf8_sequence_length says where the next character starts") {
    std::string s = "a\xC3\xAB\xE2\x82\xAC\xF0\x9F\x94\x91";
    CHECK(utf8_sequence_length(s, 0) == 1);
    CHECK(utf8_sequence_length(s, 1) == 2);
    CHECK(utf8_sequence_length(s, 3) == 3);
    CHECK(utf8_sequence_length(s, 6) == 4);
    CHECK(utf8_sequence_length(s, 2) == 0);  // inside a character
  }

  TEST_CASE("characters, not bytes") {
    CHECK(utf8_characters("") == 0);
    CHECK(utf8_characters("abc") == 3);
    CHECK(utf8_characters("Zo\xC3\xAB") == 3);
    CHECK(utf8_characters("\xE2\x82\xAC\xF0\x9F\x94\x91") == 2);
    const unsigned char bytes[] = {0xC3, 0xAB, 0x41};
    CHECK(valid_utf8(bytes, sizeof bytes));
    CHECK_FALSE(valid_utf8(bytes, 1));
  }
}
