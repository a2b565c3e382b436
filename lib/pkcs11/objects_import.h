// Public key objects made from a public key held in software (a backup descriptor's SPKI), so a
// restored private key has its public half on the token again.
#pragma once

#include <openssl/evp.h>

#include <string>

#include "pkcs11/session.h"
#include "util/bytes.h"

namespace kr::pkcs11 {

// Creates a token public key object (CKA_TOKEN, not private, CKA_VERIFY only) with this label and
// CKA_ID: CKA_MODULUS/CKA_PUBLIC_EXPONENT for RSA, CKA_EC_PARAMS/CKA_EC_POINT (DER OCTET STRING,
// as PKCS#11 specifies) for P-256, P-384 and P-521. Throws for other key types.
CK_OBJECT_HANDLE create_public_key_object(Session& session, const EVP_PKEY* key,
                                          const std::string& label, ByteView id);

}  // namespace kr::pkcs11
