// Standard base64 (RFC 4648 with padding) for share payloads, public keys and signatures.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/bytes.h"

namespace kr::quorum {

std::string to_base64(ByteView bytes);
// Strict: only the standard alphabet, correct padding, no whitespace; nullopt otherwise.
std::optional<Bytes> from_base64(std::string_view text);

}  // namespace kr::quorum
