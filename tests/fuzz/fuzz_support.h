// Shared by the libFuzzer targets: the test-vector audit key and roster (docs/test-vectors), so
// the transcript, checkpoint and proof targets start from inputs that verify and reach the deep
// checks, not only the first parse error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ossl/der.h"
#include "ossl/types.h"
#include "util/atomic_file.h"

namespace kr::fuzz {

inline std::string source_file(const std::string& relative) {
  auto bytes = read_file(std::string(KR_SOURCE_DIR) + "/" + relative);
  return std::string(bytes.begin(), bytes.end());
}

// The audit key of docs/test-vectors/transcript.jsonl, loaded once.
inline const EVP_PKEY* vector_audit_key() {
  static ossl::EvpPkeyPtr key = [] {
    const std::string path = std::string(KR_SOURCE_DIR) + "/docs/test-vectors/audit-key.pem";
    return ossl::read_public_key(read_file(path), path);
  }();
  return key.get();
}

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace kr::fuzz
