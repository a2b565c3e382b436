// Keys and signatures in the seeded library context: every random byte they need comes from the
// caller's RandomScope (seeded_random.h).
#pragma once

#include <openssl/types.h>
#include <openssl/x509.h>

#include <string_view>

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

// The default algorithm for a signing key when neither spec nor profile says otherwise.
std::string default_algorithm_for(const EVP_PKEY* key);

}  // namespace kr::testpki
