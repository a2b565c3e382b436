// SHA-256 of byte strings and files, the hash keyrite records for every input and output.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>

#include "util/bytes.h"

namespace kr::ossl {

using Sha256 = std::array<std::uint8_t, 32>;

Sha256 sha256(ByteView data);
std::string sha256_hex(ByteView data);
std::string sha256_file_hex(const std::filesystem::path& path);

}  // namespace kr::ossl
