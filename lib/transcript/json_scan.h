// A strict, bounded JSON validator for untrusted transcript lines (RFC 8259): one object per line,
// UTF-8 only, limited nesting depth and number length, no duplicate names in any object. It returns
// the top-level fields as raw slices of the line, so the verifier reads "seq" and "type" without
// building a document; the few lines it needs whole (line 0, checkpoints) go to nlohmann::json only
// after passing this check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kr::transcript {

struct JsonLimits {
  std::size_t max_depth = 64;          // objects and arrays nested deeper are refused
  std::size_t max_number_length = 32;  // characters of one number; longer is "absurd"
  // No whitespace outside strings, as keyrite writes transcript lines: a line with a space, TAB
  // or CR between tokens (or a CR before its newline) was not written by keyrite.
  bool compact = false;
};

class JsonError : public std::runtime_error {
 public:
  JsonError(std::size_t offset, const std::string& message)
      : std::runtime_error(message), offset_(offset) {}
  std::size_t offset() const { return offset_; }  // byte offset in the line

 private:
  std::size_t offset_;
};

struct JsonField {
  std::string name;        // decoded
  std::string_view value;  // the raw JSON text of the value, a slice of the scanned line
};

// Validates `text` as exactly one JSON object and fills `fields` with its top-level members in
// order (the vector is reused across calls to avoid allocation). Throws JsonError.
void scan_json_object(std::string_view text, const JsonLimits& limits,
                      std::vector<JsonField>& fields);

// Reading raw values the scanner has already validated.
std::optional<std::uint64_t> json_to_uint64(std::string_view raw);  // a plain integer 0..2^64-1
std::optional<std::string> json_to_string(std::string_view raw);    // a JSON string, decoded

}  // namespace kr::transcript
