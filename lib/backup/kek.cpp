// HKDF derivations from the KEK bytes and the KEK's session-object lifetime.
#include "backup/kek.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>

#include <memory>

#include "ossl/error.h"
#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::backup {
namespace {

constexpr std::string_view kSalt = "keyrite key backup v1";

Secret hkdf(const Secret& ikm, std::string_view info) {
  std::unique_ptr<EVP_KDF, ossl::Deleter<EVP_KDF_free>> kdf(
      EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  if (!kdf) ossl::throw_error("HKDF is not available");
  std::unique_ptr<EVP_KDF_CTX, ossl::Deleter<EVP_KDF_CTX_free>> ctx(EVP_KDF_CTX_new(kdf.get()));
  if (!ctx) ossl::throw_error("HKDF context");
  char digest[] = "SHA256";
  OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
                         OSSL_PARAM_construct_octet_string(
                             OSSL_KDF_PARAM_KEY, const_cast<std::uint8_t*>(ikm.data()), ikm.size()),
                         OSSL_PARAM_construct_octet_string(
                             OSSL_KDF_PARAM_SALT, const_cast<char*>(kSalt.data()), kSalt.size()),
                         OSSL_PARAM_construct_octet_string(
                             OSSL_KDF_PARAM_INFO, const_cast<char*>(info.data()), info.size()),
                         OSSL_PARAM_construct_end()};
  Secret out(32, Secret::Fill::zeros);
  if (EVP_KDF_derive(ctx.get(), out.data(), out.size(), params) != 1)
    ossl::throw_error("HKDF-SHA256");
  return out;
}

}  // namespace

std::string kek_check_value(const Secret& kek_bytes) {
  Secret check = hkdf(kek_bytes, "kek check value");
  return to_hex(ByteView(check.data(), check.size()));
}

BackupKek BackupKek::import(pkcs11::Session& session, const Secret& kek_bytes, pkcs11::KekUse use,
                            pkcs11::KekTrust trust) {
  BackupKek kek;
  kek.check_value_ = kek_check_value(kek_bytes);
  kek.mac_key_ = hkdf(kek_bytes, "descriptor mac");
  kek.handle_ = pkcs11::import_aes_kek(session, kek_bytes, use, trust);
  kek.session_ = &session;
  kek.use_ = use;
  kek.trust_ = trust;
  return kek;
}

BackupKek::BackupKek(BackupKek&& other) noexcept
    : session_(other.session_),
      handle_(other.handle_),
      use_(other.use_),
      trust_(other.trust_),
      check_value_(std::move(other.check_value_)),
      mac_key_(std::move(other.mac_key_)) {
  other.session_ = nullptr;
  other.handle_ = CK_INVALID_HANDLE;
}

BackupKek::~BackupKek() {
  // A session object would also vanish with its session; destroying it now keeps its lifetime to
  // the step that needed it.
  if (session_ && handle_ != CK_INVALID_HANDLE) pkcs11::release_session_object(*session_, handle_);
}

std::string BackupKek::mac_hex(std::string_view text) const {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), mac_key_.data(), static_cast<int>(mac_key_.size()),
            reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac, &len))
    ossl::throw_error("HMAC-SHA256 of the backup descriptor");
  return to_hex(ByteView(mac, len));
}

}  // namespace kr::backup
