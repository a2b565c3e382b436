// HSM keys as OpenSSL EVP_PKEYs: standard OpenSSL signing code (X509_sign_ctx,
// X509_CRL_sign_ctx, X509_REQ_sign_ctx, OCSP_basic_sign_ctx, EVP_DigestSign*) signs with a key
// that never leaves the token. keyrite's provider hashes in software and asks the token, through
// pkcs11-helper, only for the final raw operation (CKM_ECDSA, CKM_RSA_PKCS over a DigestInfo,
// CKM_RSA_PKCS_PSS); every signature the token returns is verified against the expected public
// key before OpenSSL sees it.
//
// Login state. PKCS#11 login belongs to the process, not to a session, and pkcs11-helper shares
// keyrite's already-initialised library. If keyrite's own pkcs11::Login is open when an HSM key
// logs in, the key uses that login and never ends it; otherwise the key's login is ended when the
// last HSM key is freed. If the token is logged out under a live key, the key logs in again with
// its PIN on the next signature, and that login is then the key's. pkcs11-helper also logs out
// and in again by itself after a failed token operation (its retry), which likewise passes the
// login to the key. Open keyrite's Login before loading keys you will use alongside it, and free
// the keys before it ends.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "ossl/types.h"
#include "pkcs11/keys.h"
#include "pkcs11/module.h"
#include "pkcs11/token.h"
#include "util/bytes.h"
#include "util/secret.h"

namespace kr::provider {

// Which key, where, and what it must prove to be.
struct HsmKeySpec {
  std::shared_ptr<pkcs11::Module> module;
  pkcs11::TokenInfo token;
  Bytes cka_id;                  // must be unique on the token (pkcs11-helper looks up by it)
  std::string label;             // for messages only
  const EVP_PKEY* public_key{};  // the expected public key; copied
};

// Opens the key and proves it before returning: exactly one private key with this CKA_ID on the
// token, and a test signature from it that verifies against `public_key`. Throws kr::Error
// naming the key otherwise (wrong PIN, no such key, duplicate CKA_ID, public key mismatch).
// The PIN is copied into locked, zeroing memory and used only through pkcs11-helper's PIN hook.
// The returned key keeps the module loaded; it may outlive the caller's handles.
ossl::EvpPkeyPtr load_hsm_key(const HsmKeySpec& spec, const Secret& user_pin);

// The same, for a pair found or generated with pkcs11/keys.h.
ossl::EvpPkeyPtr load_hsm_key(const std::shared_ptr<pkcs11::Module>& module,
                              const pkcs11::TokenInfo& token, const pkcs11::KeyPair& pair,
                              const Secret& user_pin);

// `key "root-ca-1" (CKA_ID 0a1b...) on token "root-hsm"` for an HSM key; nullopt for any other.
std::optional<std::string> hsm_key_description(const EVP_PKEY* key);

}  // namespace kr::provider
