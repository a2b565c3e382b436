// --expect-root: hex or PGP words, and a comparison that says where the roots differ.
#include "report/expect_root.h"

#include <doctest/doctest.h>

#include <cctype>

#include "util/error.h"
#include "util/pgp_words.h"

using namespace kr;

namespace {
std::string usage_error(const std::string& value) {
  try {
    report::parse_expected_root(value);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}
Bytes sample_root() {
  Bytes b(32);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<std::uint8_t>(i * 37 + 11);
  return b;
}
std::string words(const Bytes& b) {
  std::string out;
  for (const auto& w : pgp_words(b)) out += w + " ";
  return out;
}
}  // namespace

TEST_SUITE("report::expect_root") {
  TEST_CASE("hex with spaces or colons, and words in rows with numbers, give the same root") {
    const Bytes root = sample_root();
    const std::string hex = to_hex(root);
    CHECK(report::parse_expected_root(hex) == root);
    CHECK(report::parse_expected_root(hex.substr(0, 10) + ":" + hex.substr(10) + " ") == root);
    CHECK(report::parse_expected_root(words(root)) == root);
    CHECK(report::parse_expected_root(pgp_word_rows(root)) == root);
  }
  TEST_CASE("wrong values fail with a message that says what is wrong") {
    const Bytes root = sample_root();
    CHECK(usage_error("abcd") ==
          "--expect-root: 4 hex digits; a transcript root has 64 (or give its 32 PGP words)");
    auto w = pgp_words(root);
    std::string dropped;  // word 3 left out: word 4 (odd list) lands in an even position
    for (std::size_t i = 0; i < w.size(); ++i)
      if (i != 2) dropped += w[i] + " ";
    std::string lower = w[3];
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(usage_error(dropped) ==
          "--expect-root: word 3 \"" + lower +
              "\" is an odd-position word in an even position: a word before it "
              "was dropped or repeated");
    CHECK(usage_error(w[0] + " " + w[1] + " foo") ==
          "--expect-root: word 3 \"foo\" is not in the PGP word list");
    CHECK(usage_error(w[0] + " " + w[1]) == "--expect-root: 2 PGP words; a transcript root has 32");
  }
  TEST_CASE("a mismatch names the first differing word") {
    const Bytes root = sample_root();
    Bytes other = root;
    other[5] ^= 1;
    const auto c = report::compare_root(root, other);
    CHECK_FALSE(c.matches);
    CHECK(c.message.find("does NOT match the paper log: word 6 is \"" + pgp_words(other)[5] +
                         "\"") != std::string::npos);
    CHECK(report::compare_root(root, root).matches);
    CHECK_FALSE(report::compare_root(root, std::nullopt).matches);
  }
}
