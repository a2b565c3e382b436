// Standard base64 (RFC 4648 section 4, with padding): signed notes and checkpoints, share files,
// descriptors and approvals all use this one.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/bytes.h"

namespace kr {

std::string base64_encode(ByteView data);
// Strict: padding required, no whitespace, no non-alphabet characters, unused bits zero, so every
// byte string has exactly one accepted encoding. nullopt otherwise.
std::optional<Bytes> base64_decode(std::string_view text);

}  // namespace kr
