// Keys and signatures in the seeded library context: every random byte they need comes from the
// caller's RandomScope (seeded_random.h).
#pragma once

#include <openssl/types.h>
#include <openssl/x509.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "ossl/types.h"
#include "testpki/spec.h"

namespace kr::testpki {

ossl::EvpPkeyPtr generate_key(OSSL_LIB_CTX* libctx, const KeySpec& key);
ossl::EvpPkeyPtr generate_rsa_1024(OSSL_LIB_CTX* libctx);  // the rsa-1024 defect only

// A signing context for one of x509/algorithms.h's names (the SHA-1 ones too: the sha1-signature
// defect signs with them), fetched from libctx so that ECDSA nonces and PSS salts are seeded.
ossl::EvpMdCtxPtr signing_context(OSSL_LIB_CTX* libctx, EVP_PKEY* key, std::string_view algorithm);

void sign_certificate(X509* cert, OSSL_LIB_CTX* libctx, EVP_PKEY* key, std::string_view algorithm);
void sign_crl(X509_CRL* crl, OSSL_LIB_CTX* libctx, EVP_PKEY* key, std::string_view algorithm);

// A worker's signing contexts, one per signing key and algorithm, set up once (the digest and
// signature fetches and the key's import into the signature happen there) and copied for each
// certificate: per-signature set-up was a third of a leaf's signing time, most of it spent in the
// method store's locks, which the workers share. Not thread-safe: one per worker.
class SignerCache {
 public:
  explicit SignerCache(OSSL_LIB_CTX* libctx) : libctx_(libctx) {}
  void sign_certificate(X509* cert, EVP_PKEY* key, std::string_view algorithm);

 private:
  OSSL_LIB_CTX* libctx_;
  std::map<std::pair<const EVP_PKEY*, std::string>, ossl::EvpMdCtxPtr> contexts_;
};

// The default algorithm for a signing key when neither spec nor profile says otherwise.
std::string default_algorithm_for(const EVP_PKEY* key);

}  // namespace kr::testpki
