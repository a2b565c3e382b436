// Leaf keys made for bulk generation. OpenSSL 3.0 puts every provider-native key through its
// encoder and decoder framework whenever the key is written as a SubjectPublicKeyInfo (twice per
// certificate: X509_set_pubkey encodes, then decodes what it encoded) or as PKCS#8: measured at
// two thirds of a P-256 leaf's CPU time. An EC key held as a built-in (EC_KEY) key is encoded by
// OpenSSL's ASN.1 methods directly, with the same bytes. RSA keys are made from two primes of
// OpenSSL's prime generator instead of EVP keygen, whose SP 800-56B derivation (a constant-time
// gcd per candidate) costs twice as much in OpenSSL 3.0 (bench/testpki/README.md has the figures).
// Both draw every random byte from the library context's generator, so --seed still fixes them.
#pragma once

#include <openssl/types.h>

#include "ossl/types.h"
#include "testpki/spec.h"

namespace kr::testpki {

ossl::EvpPkeyPtr generate_ec_leaf_key(OSSL_LIB_CTX* libctx, const std::string& curve);
ossl::EvpPkeyPtr generate_rsa_from_primes(OSSL_LIB_CTX* libctx, int bits);

// Either of the above by the key's family.
ossl::EvpPkeyPtr generate_leaf_key(OSSL_LIB_CTX* libctx, const KeySpec& key);

}  // namespace kr::testpki
