// Throwaway software keys of the same shape as another key: the ceremony's trial signature before
// the HSM signs, and the auditor's replay, sign with one only so that OpenSSL writes the signature
// AlgorithmIdentifier into the to-be-signed bytes; the signature itself is thrown away.
#pragma once

#include <openssl/evp.h>

namespace kr::x509 {

// A fresh in-memory key pair of the same algorithm and size (or curve) as `like`; never written
// anywhere. Cached per shape for the life of the process: generating RSA 4096 takes seconds.
EVP_PKEY* throwaway_key_like(const EVP_PKEY* like);

}  // namespace kr::x509
