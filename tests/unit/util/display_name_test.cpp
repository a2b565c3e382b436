// Display names and the note-key-name tokens derived from them.
#include "util/display_name.h"

#include <doctest/doctest.h>

using kr::display_name_problem;
using kr::name_token;

TEST_SUITE("util::display_name") {
  TEST_CASE("names as people write them are accepted") {
    for (const char* name :
         {"Cara", "Ana Ortiz", "Zo\xC3\xAB O'Brien", "Jos\xC3\xA9 \xC3\x81lvarez",
          "\xE7\x8E\x8B\xE5\xB0\x8F\xE6\x98\x8E", "Anne-Marie d'Arc"})
      CHECK_MESSAGE(!display_name_problem(name, "custodian name"), name);
  }

  TEST_CASE("empty, control characters, broken UTF-8 and outer blanks are refused") {
    CHECK(display_name_problem("", "custodian name") == "a custodian name may not be empty");
    CHECK(display_name_problem("Al\tex", "custodian name") ==
          "a custodian name may not contain control characters");
    CHECK(display_name_problem("Al\xC2\x85x", "custodian name") ==  // U+0085, a C1 control
          "a custodian name may not contain control characters");
    CHECK(display_name_problem("Al\xFFx", "custodian name") ==
          "a custodian name must be valid UTF-8 (byte 2 is not)");
    CHECK(display_name_problem("\xC3\xA9\xC0\xAF", "custodian name") ==  // overlong '/'
          "a custodian name must be valid UTF-8 (byte 2 is not)");
    CHECK(display_name_problem(" Cara", "custodian name") ==
          "custodian name \" Cara\" may not start or end with a blank");
    CHECK(display_name_problem("Cara\xC2\xA0", "custodian name") ==  // NO-BREAK SPACE
          "custodian name \"Cara\xC2\xA0\" may not start or end with a blank");
  }

  TEST_CASE("the token escapes exactly what a signed-note key name may not hold") {
    CHECK(name_token("Cara") == "Cara");
    CHECK(name_token("Ana Ortiz") == "Ana%20Ortiz");
    CHECK(name_token("Zo\xC3\xAB O'Brien") == "Zo\xC3\xAB%20O'Brien");
    CHECK(name_token("A+B") == "A%2BB");
    CHECK(name_token("100%") == "100%25");
    CHECK(name_token("A\xE3\x80\x80"
                     "B") == "A%E3%80%80B");  // IDEOGRAPHIC SPACE
  }

  TEST_CASE("distinct names give distinct tokens") {
    // Without escaping '%' itself, "A B" and "A%20B" would both sign as custodian/A%20B.
    CHECK(name_token("A B") != name_token("A%20B"));
    CHECK(name_token("A B") != name_token("A_B"));
    CHECK(name_token("A+B") != name_token("A%2BB"));
  }
}
