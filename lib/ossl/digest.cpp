// SHA-256 via EVP.
#include "ossl/digest.h"

#include <openssl/evp.h>

#include "ossl/error.h"
#include "util/atomic_file.h"

namespace kr::ossl {

Sha256 sha256(ByteView data) {
  Sha256 out{};
  unsigned int len = 0;
  check(EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(), nullptr), "SHA-256");
  return out;
}

std::string sha256_hex(ByteView data) {
  return to_hex(sha256(data));
}

std::string sha256_file_hex(const std::filesystem::path& path) {
  return sha256_hex(read_file(path));
}

}  // namespace kr::ossl
