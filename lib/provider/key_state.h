// One HSM key as keyrite's provider holds it: pkcs11-helper's handle on the private key, the
// public key every signature must verify against, and per-scheme material prepared once
// (PKCS#11 mechanism, DigestInfo prefix, AlgorithmIdentifier, a verifier on the public key).
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <string>

#include "ossl/types.h"
#include "provider/helper_runtime.h"
#include "provider/scheme.h"
#include "util/bytes.h"
#include "util/secret.h"

namespace kr::provider {

class HsmKeyState {
 public:
  // Opens the key through pkcs11-helper (logging in with `pin` if the process is not logged in).
  // The PIN is kept, in locked zeroing memory, for as long as the key: pkcs11-helper asks for it
  // again whenever the token has been logged out underneath it.
  HsmKeyState(HelperLease lease, HelperToken& token, Bytes cka_id, std::string label,
              ossl::EvpPkeyPtr public_key, Secret pin);
  HsmKeyState(const HsmKeyState&) = delete;
  HsmKeyState& operator=(const HsmKeyState&) = delete;
  ~HsmKeyState();

  KeyType type() const { return type_; }
  const EVP_PKEY* public_key() const { return public_key_.get(); }
  // `key "root-ca-1" (CKA_ID 0a1b...) on token "root-hsm"`, for messages.
  const std::string& name() const { return name_; }
  const Bytes& cka_id() const { return cka_id_; }
  const pkcs11::TokenInfo& token() const { return token_->info; }
  std::size_t max_signature_size() const { return max_signature_size_; }

  // The DER AlgorithmIdentifier that OpenSSL's default provider writes for this scheme and key,
  // so an HSM-signed object is byte-identical in form to a software-signed one.
  const Bytes& algorithm_id(const Scheme& scheme);

  // Signs `digest` on the token and returns the signature as X.509 carries it (DER
  // ECDSA-Sig-Value, or the RSA signature block), only after it verified against the expected
  // public key. Writes at most `out_size` bytes to `out`; returns the length.
  std::size_t sign_digest(const Scheme& scheme, ByteView digest, unsigned char* out,
                          std::size_t out_size);

  // Verifies with the expected public key (the default provider's implementation).
  bool verify_digest(const Scheme& scheme, ByteView digest, ByteView signature);

 private:
  struct Prepared;
  Prepared& prepared(const Scheme& scheme);
  Bytes token_sign(const Prepared& p, ByteView digest);

  // Declaration order is destruction order reversed: the certificate goes before the PIN it
  // reads and before the lease that keeps pkcs11-helper initialised.
  HelperLease lease_;
  HelperToken* token_;
  Bytes cka_id_;
  std::string label_;
  ossl::EvpPkeyPtr public_key_;
  Secret pin_;
  PinSource pin_source_;
  KeyType type_;
  std::string name_;
  std::size_t max_signature_size_ = 0;
  std::size_t raw_signature_size_ = 0;  // what the token returns: k or 2 * field bytes
  std::mutex prepared_mutex_;
  std::array<std::unique_ptr<Prepared>, kSchemeSlots> prepared_;
  HelperCertificate certificate_;
};

}  // namespace kr::provider
