// HKDF through OpenSSL's EVP_KDF.
#include "quorum/derive.h"

#include <openssl/core_names.h>
#include <openssl/kdf.h>

#include <memory>

#include "ossl/digest.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "util/bytes.h"
#include "util/error.h"

namespace kr::quorum {
namespace {

using KdfPtr = std::unique_ptr<EVP_KDF, ossl::Deleter<EVP_KDF_free>>;
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, ossl::Deleter<EVP_KDF_CTX_free>>;

Secret hex_pin(const Secret& secret, std::string_view info) {
  auto raw = hkdf_sha256(secret, info, 16);
  static constexpr char kDigits[] = "0123456789abcdef";
  Secret pin;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    pin.push_back(static_cast<std::uint8_t>(kDigits[raw.data()[i] >> 4]));
    pin.push_back(static_cast<std::uint8_t>(kDigits[raw.data()[i] & 0xf]));
  }
  return pin;
}

}  // namespace

Secret hkdf_sha256(const Secret& key, std::string_view info, std::size_t length) {
  if (key.empty()) throw Error("HKDF of an empty secret");
  KdfPtr kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  if (!kdf) ossl::throw_error("EVP_KDF_fetch HKDF");
  KdfCtxPtr ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) ossl::throw_error("EVP_KDF_CTX_new");
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_octet_string(
                             OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(key.data()), key.size()),
                         OSSL_PARAM_construct_octet_string(
                             OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size()),
                         OSSL_PARAM_construct_end()};
  Secret out(length, Secret::Fill::zeros);
  ossl::check(EVP_KDF_derive(ctx.get(), out.data(), out.size(), params), "HKDF-SHA256");
  return out;
}

Secret derive_user_pin(const Secret& secret) {
  return hex_pin(secret, "keyrite user pin");
}
Secret derive_so_pin(const Secret& secret) {
  return hex_pin(secret, "keyrite so pin");
}
Secret derive_backup_kek(const Secret& secret) {
  return hkdf_sha256(secret, "keyrite backup kek", 32);
}

std::string secret_check(const Secret& secret) {
  auto check = hkdf_sha256(secret, "keyrite secret check", 32);
  return ossl::sha256_hex(ByteView(check.data(), check.size()));
}

}  // namespace kr::quorum
