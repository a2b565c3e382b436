// Fixtures for the backup tests: KEK bytes, the SO flow that imports a trusted KEK, and an
// independent RFC 5649 unwrap with OpenSSL.
#pragma once

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <stdexcept>

#include "backup/kek.h"
#include "ossl/der.h"
#include "pkcs11/session.h"
#include "support/temp_softhsm.h"
#include "util/bytes.h"
#include "util/secret.h"

namespace kr::test {

inline Secret random_kek_bytes() {
  return Secret(32, Secret::Fill::random);
}

// The SO flow SoftHSM requires for CKA_TRUSTED: log in as SO, import, log out. The KEK stays
// usable by the user who logs in next on the same session.
inline backup::BackupKek trusted_wrap_kek(pkcs11::Session& session, const TempSoftHsm& hsm,
                                          const Secret& bytes) {
  pkcs11::Login so(session, pkcs11::UserType::security_officer, hsm.so_pin());
  return backup::BackupKek::import(session, bytes, pkcs11::KekUse::wrap, pkcs11::KekTrust::trusted);
}

// RFC 5649 (OpenSSL's EVP_aes_256_wrap_pad) or RFC 3394 (EVP_aes_256_wrap) unwrap in software;
// nullopt when the integrity check fails.
inline std::optional<Bytes> openssl_unwrap(const Secret& kek, ByteView wrapped, bool rfc5649) {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
  Bytes out(wrapped.size() + 16);
  int len = 0, final_len = 0;
  bool ok = EVP_DecryptInit_ex(ctx, rfc5649 ? EVP_aes_256_wrap_pad() : EVP_aes_256_wrap(), nullptr,
                               kek.data(), nullptr) == 1 &&
            EVP_DecryptUpdate(ctx, out.data(), &len, wrapped.data(),
                              static_cast<int>(wrapped.size())) == 1 &&
            EVP_DecryptFinal_ex(ctx, out.data() + len, &final_len) == 1;
  EVP_CIPHER_CTX_free(ctx);
  ERR_clear_error();
  if (!ok || len <= 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(len + final_len));
  return out;
}

// The SPKI DER of the public half of a PKCS#8 PrivateKeyInfo; empty when it does not parse.
inline Bytes spki_of_pkcs8(const Bytes& pkcs8) {
  const unsigned char* p = pkcs8.data();
  PKCS8_PRIV_KEY_INFO* info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, static_cast<long>(pkcs8.size()));
  if (!info) return {};
  EVP_PKEY* key = EVP_PKCS82PKEY(info);
  PKCS8_PRIV_KEY_INFO_free(info);
  if (!key) return {};
  Bytes spki = ossl::spki_der(key);
  EVP_PKEY_free(key);
  return spki;
}

}  // namespace kr::test
