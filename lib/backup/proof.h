// Proof that a token private key belongs to a given public key: the token signs, OpenSSL verifies.
// Restore uses it so a descriptor whose public key does not match the wrapped key is caught even
// for EC keys, whose private objects carry no public point.
#pragma once

#include <openssl/evp.h>

#include "pkcs11/keys.h"
#include "pkcs11/session.h"
#include "util/bytes.h"

namespace kr::backup {

// SHA-256 of `data` signed by the token key (CKM_SHA256_RSA_PKCS, or CKM_ECDSA over the digest
// since SoftHSM has no CKM_ECDSA_SHA256), returned in the form OpenSSL verifies: PKCS#1 v1.5 for
// RSA, a DER ECDSA-Sig-Value for EC.
Bytes sign_sha256_on_token(pkcs11::Session& session, CK_OBJECT_HANDLE private_key,
                           pkcs11::KeyAlgorithm algorithm, ByteView data);

// EVP_DigestVerify with SHA-256; false for a bad signature.
bool verify_sha256(const EVP_PKEY* public_key, ByteView data, ByteView signature);

// Signs fresh random data with the token key and verifies it under `public_key`.
bool token_key_matches(pkcs11::Session& session, CK_OBJECT_HANDLE private_key,
                       pkcs11::KeyAlgorithm algorithm, const EVP_PKEY* public_key);

}  // namespace kr::backup
