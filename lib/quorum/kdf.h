// The passphrase KDF of share files: Argon2id (libargon2), with limits checked before it runs so
// a crafted header cannot make keyrite allocate gigabytes or spin for hours.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "util/bytes.h"
#include "util/secret.h"

namespace kr::quorum {

struct KdfParams {
  std::uint32_t memory_kib = 65536;
  std::uint32_t iterations = 3;
  std::uint32_t parallelism = 1;
};

// The caps are what kr-token init and kr-quorum write at most, and what a share file's header
// may ask of the reader: a header is read before any passphrase is known, so whoever can edit
// the file chooses the cost. 1 GiB and memory x passes <= 4 GiB keep one unlock within seconds
// and within a ceremony laptop's memory (RFC 9106's second recommended setting is 64 MiB, 3).
constexpr std::uint32_t kMinKdfMemoryKib = 8192;
constexpr std::uint32_t kMaxKdfMemoryKib = 1024 * 1024;  // 1 GiB
constexpr std::uint32_t kMaxKdfIterations = 16;
constexpr std::uint32_t kMaxKdfParallelism = 16;
constexpr std::uint64_t kMaxKdfMemoryPasses = std::uint64_t{4} * 1024 * 1024;  // KiB x passes
constexpr std::size_t kKdfSaltSize = 16;

// Why these parameters are refused ("kdf-memory-kib: 1024 is below the minimum 8192"), or
// nullopt when they are acceptable.
std::optional<std::string> kdf_params_problem(const KdfParams& params);

// A 32-byte key from the passphrase; throws kr::Error for refused parameters.
Secret derive_passphrase_key(const Secret& passphrase, ByteView salt, const KdfParams& params);

}  // namespace kr::quorum
