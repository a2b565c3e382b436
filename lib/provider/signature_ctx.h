// The state of one signing or verifying operation on an HSM key, and its parameters as
// OpenSSL's signature API sets and reads them (digest, RSA padding, PSS salt length, MGF1).
#pragma once

#include <openssl/params.h>

#include <array>
#include <memory>
#include <optional>
#include <utility>

#include "ossl/types.h"
#include "provider/key_state.h"
#include "provider/scheme.h"

namespace kr::provider {

struct SignatureCtx {
  explicit SignatureCtx(KeyType type)
      : type(type), padding(type == KeyType::ec ? Padding::none : Padding::pkcs1) {}

  KeyType type;
  std::shared_ptr<HsmKeyState> key;
  Digest digest = Digest::sha256;
  Padding padding;
  std::optional<int> pss_saltlen;  // as requested; only the digest length is accepted
  std::optional<Digest> mgf1;      // as requested; only the signing digest is accepted
  ossl::EvpMdCtxPtr hash;          // streaming digest of EVP_DigestSign/VerifyUpdate
  bool hashing = false;

  // The scheme the parameters describe; throws naming a combination keyrite does not sign with.
  Scheme scheme() const;
  void set_key(void* provkey);
  void set_params(const OSSL_PARAM params[]);
  void get_params(OSSL_PARAM params[]) const;
  void start_hash();
  void update_hash(const unsigned char* data, std::size_t size);
  // The digest of everything streamed since the last init.
  std::pair<std::array<unsigned char, EVP_MAX_MD_SIZE>, std::size_t> finish_hash();
  std::unique_ptr<SignatureCtx> clone() const;
};

const OSSL_PARAM* settable_params(KeyType type);
const OSSL_PARAM* gettable_params(KeyType type);

}  // namespace kr::provider
