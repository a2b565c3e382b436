// Byte buffers and their hex form.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kr {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Lower-case hex, no separators.
std::string to_hex(ByteView bytes);
// Upper-case hex with ':' between octets, as openssl prints fingerprints.
std::string to_colon_hex(ByteView bytes);
// Accepts upper or lower case, no separators; nullopt on odd length or a non-hex digit.
std::optional<Bytes> from_hex(std::string_view hex);

}  // namespace kr
