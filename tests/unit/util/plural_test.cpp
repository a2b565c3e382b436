// Counts in words (plural.h).
#include "util/plural.h"

#include <doctest/doctest.h>

using kr::count_of;

TEST_SUITE("util::count_of") {
  TEST_CASE("one is singular; zero and many are plural") {
    CHECK(count_of(1, "step") == "1 step");
    CHECK(count_of(0, "step") == "0 steps");
    CHECK(count_of(12, "step") == "12 steps");
  }

  TEST_CASE("a noun with its own plural") {
    CHECK(count_of(1, "query", "queries") == "1 query");
    CHECK(count_of(2, "query", "queries") == "2 queries");
  }
}
