// UTF-8 (RFC 3629), one implementation for transcripts, names and profile rules: validation (no
// overlong forms, no surrogates, nothing above U+10FFFF) and character counts.
#pragma once

#include <cstddef>
#include <string_view>

namespace kr {

// The length of the valid UTF-8 sequence starting at s[i] (1..4), or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
bool valid_utf8(std::string_view s);
inline bool valid_utf8(const unsigned char* data, std::size_t size) {
  return valid_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
}

// Characters, counted as the bytes that are not UTF-8 continuation bytes (10xxxxxx): for valid
// UTF-8 the number of code points. RFC 5280's upper bounds and column widths are in characters.
std::size_t utf8_characters(std::string_view s);

}  // namespace kr
