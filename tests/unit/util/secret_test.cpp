// Secret's sized constructors: zeros for a buffer an API fills, random bytes for key material.
#include "util/secret.h"

#include <doctest/doctest.h>

#include <algorithm>

using kr::Secret;

TEST_SUITE("util::Secret") {
  TEST_CASE("a zero-filled secret has the size asked for, every byte zero") {
    Secret s(48, Secret::Fill::zeros);
    CHECK(s.size() == 48);
    CHECK(std::all_of(s.data(), s.data() + s.size(), [](std::uint8_t b) { return b == 0; }));
    CHECK(Secret(0, Secret::Fill::zeros).empty());
  }

  TEST_CASE("random secrets have the size asked for and differ from each other") {
    Secret a(32, Secret::Fill::random), b(32, Secret::Fill::random);
    REQUIRE(a.size() == 32);
    REQUIRE(b.size() == 32);
    // Two equal 256-bit draws, or an all-zero one, would mean the generator was not used.
    CHECK_FALSE(std::equal(a.data(), a.data() + 32, b.data()));
    CHECK_FALSE(std::all_of(a.data(), a.data() + 32, [](std::uint8_t x) { return x == 0; }));
    CHECK(Secret(0, Secret::Fill::random).empty());
  }

  TEST_CASE("clone copies the bytes; the text constructor keeps them as given") {
    Secret a(16, Secret::Fill::random);
    Secret b = a.clone();
    CHECK(b.view() == a.view());
    CHECK(Secret(std::string_view("pin")).view() == "pin");
  }
}
