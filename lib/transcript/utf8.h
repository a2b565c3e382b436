// UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <string_view>

namespace kr::transcript {

// The length of the valid UTF-8 sequence starting at s[i] (1..4), or 0 when it is invalid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
bool valid_utf8(std::string_view s);

}  // namespace kr::transcript
