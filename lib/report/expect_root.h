// --expect-root: the final transcript root as copied onto the paper log, in hex (64 digits, spaces
// and colons allowed) or as 32 PGP words, compared with the transcript's closing checkpoint.
#pragma once

#include <optional>
#include <string>

#include "util/bytes.h"

namespace kr::report {

// Throws kr::UsageError with a message that says what is wrong with the value (a word not in the
// list, a dropped word, the wrong number of words or digits).
Bytes parse_expected_root(const std::string& value);

struct RootComparison {
  bool matches = false;
  std::string expected_hex, actual_hex;
  std::string message;  // "matches the paper log" or where they first differ
};

// actual: the closing checkpoint's root; nullopt when the transcript has none that verified.
RootComparison compare_root(const Bytes& expected, const std::optional<Bytes>& actual);

}  // namespace kr::report
