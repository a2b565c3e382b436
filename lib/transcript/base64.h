// Standard base64 (RFC 4648 section 4, with padding), as signed notes and checkpoints use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/bytes.h"

namespace kr::transcript {

std::string base64_encode(ByteView data);
// Strict: padding required, no whitespace, no non-alphabet characters, unused bits zero, so every
// byte string has exactly one accepted encoding. nullopt otherwise.
std::optional<Bytes> base64_decode(std::string_view text);

}  // namespace kr::transcript
