// Hex or PGP words, and where two roots first differ (by word, as witnesses read them).
#include "report/expect_root.h"

#include <cctype>

#include "util/error.h"
#include "util/pgp_words.h"

namespace kr::report {

Bytes parse_expected_root(const std::string& value) {
  std::string hex;
  bool only_hex = true;
  for (char c : value) {
    if (std::isxdigit(static_cast<unsigned char>(c)))
      hex += c;
    else if (c != ' ' && c != ':' && c != '\n' && c != '\t')
      only_hex = false;
  }
  if (only_hex) {
    auto bytes = from_hex(hex);
    if (!bytes || bytes->size() != 32)
      throw UsageError("--expect-root: " + std::to_string(hex.size()) +
                       " hex digits; a transcript root has 64 (or give its 32 PGP words)");
    return *bytes;
  }
  Bytes words;
  try {
    words = bytes_from_pgp_words(value);
  } catch (const Error& e) {
    throw UsageError(std::string("--expect-root: ") + e.what(),
                     "copy the 32 words exactly as the paper log has them, in order");
  }
  if (words.size() != 32)
    throw UsageError("--expect-root: " + std::to_string(words.size()) +
                     " PGP words; a transcript root has 32");
  return words;
}

RootComparison compare_root(const Bytes& expected, const std::optional<Bytes>& actual) {
  RootComparison c;
  c.expected_hex = to_hex(expected);
  if (!actual) {
    c.message = "the transcript has no verified closing checkpoint to compare with the paper log";
    return c;
  }
  c.actual_hex = to_hex(*actual);
  c.matches = expected == *actual;
  if (c.matches) {
    c.message = "the final root matches the paper log";
    return c;
  }
  std::size_t i = 0;
  while (i < expected.size() && i < actual->size() && expected[i] == (*actual)[i]) ++i;
  const auto want = pgp_words(expected), got = pgp_words(*actual);
  c.message = "the final root does NOT match the paper log: word " + std::to_string(i + 1) +
              " is \"" + (i < got.size() ? got[i] : "") + "\" in the transcript and \"" +
              (i < want.size() ? want[i] : "") + "\" on the paper log";
  return c;
}

}  // namespace kr::report
