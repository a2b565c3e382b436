// Argon2id via libargon2's raw interface.
#include "quorum/kdf.h"

#include <argon2.h>

#include "util/error.h"

namespace kr::quorum {

std::optional<std::string> kdf_params_problem(const KdfParams& p) {
  auto range = [](const char* field, std::uint32_t value, std::uint32_t min,
                  std::uint32_t max) -> std::optional<std::string> {
    if (value < min)
      return std::string(field) + ": " + std::to_string(value) + " is below the minimum " +
             std::to_string(min);
    if (value > max)
      return std::string(field) + ": " + std::to_string(value) + " is above the maximum " +
             std::to_string(max);
    return std::nullopt;
  };
  if (auto e = range("kdf-memory-kib", p.memory_kib, kMinKdfMemoryKib, kMaxKdfMemoryKib)) return e;
  if (auto e = range("kdf-iterations", p.iterations, 1, kMaxKdfIterations)) return e;
  if (auto e = range("kdf-parallelism", p.parallelism, 1, kMaxKdfParallelism)) return e;
  if (std::uint64_t{p.memory_kib} * p.iterations > kMaxKdfMemoryPasses)
    return "kdf-memory-kib x kdf-iterations: " +
           std::to_string(std::uint64_t{p.memory_kib} * p.iterations) + " is above the maximum " +
           std::to_string(kMaxKdfMemoryPasses) + " (4 GiB of passes)";
  return std::nullopt;
}

Secret derive_passphrase_key(const Secret& passphrase, ByteView salt, const KdfParams& params) {
  if (auto problem = kdf_params_problem(params)) throw Error(*problem);
  if (salt.size() != kKdfSaltSize) throw Error("kdf-salt must be 16 bytes");
  Secret key(32, Secret::Fill::zeros);
  int rc =
      argon2id_hash_raw(params.iterations, params.memory_kib, params.parallelism, passphrase.data(),
                        passphrase.size(), salt.data(), salt.size(), key.data(), key.size());
  if (rc != ARGON2_OK)
    throw Error(std::string("Argon2id failed: ") + argon2_error_message(rc),
                rc == ARGON2_MEMORY_ALLOCATION_ERROR ? "the host has too little memory for the "
                                                       "share file's kdf-memory-kib"
                                                     : "");
  return key;
}

}  // namespace kr::quorum
