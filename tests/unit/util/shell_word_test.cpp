// Shell words for the commands keyrite prints (shell_word.h).
#include "util/shell_word.h"

#include <doctest/doctest.h>

using kr::shell_word;

TEST_SUITE("util::shell_word") {
  TEST_CASE("a word no shell splits or interprets is unchanged") {
    CHECK(shell_word("out/example-roots-2015.events.jsonl") ==
          "out/example-roots-2015.events.jsonl");
    CHECK(shell_word("/media/Chlo\xC3\xA9/roots.yaml") == "/media/Chlo\xC3\xA9/roots.yaml");
  }

  TEST_CASE("spaces, apostrophes, shell characters and the empty word are quoted") {
    CHECK(shell_word("ceremony room/roots.yaml") == "'ceremony room/roots.yaml'");
    CHECK(shell_word("Chlo\xC3\xA9 N'Diaye") == "'Chlo\xC3\xA9 N'\\''Diaye'");
    CHECK(shell_word("$HOME;rm *") == "'$HOME;rm *'");
    CHECK(shell_word("a\nb") == "'a\nb'");
    CHECK(shell_word("") == "''");
  }
}
