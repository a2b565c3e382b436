// The formats of event values that the verifier checks beyond JSON (docs/transcript-format.md
// section 2): targets, SHA-256 hex, and the inputs/outputs lists.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kr::transcript {

// UTC with milliseconds as the writer stamps it: exactly YYYY-MM-DDTHH:MM:SS.mmmZ, a real
// calendar date, years 1950..9999 (event "time" and the checkpoint time).
bool valid_time_millis(std::string_view time);
// "<kind>:<name>": kind is lower-case ASCII letters and '-', name is non-empty.
bool valid_target(std::string_view target);
// Exactly 64 lower-case hex digits.
bool valid_sha256_hex(std::string_view hex);
// Why a raw JSON value (already validated by the scanner) is not a list of
// {"name": <string>, "sha256": <64 lower-case hex>} objects with exactly those members in that
// order, or nullopt when it is.
std::optional<std::string> digest_list_problem(std::string_view raw);

}  // namespace kr::transcript
