// Rebuilding a token key's public half as an OpenSSL EVP_PKEY from its PKCS#11 attributes.
#pragma once

#include <string>

#include "ossl/types.h"
#include "pkcs11/session.h"
#include "util/bytes.h"

namespace kr::pkcs11 {

// DER OID of a NIST curve ("P-256" ...) as CKA_EC_PARAMS wants it; throws for other names.
Bytes curve_params_der(const std::string& curve);
// The curve name for CKA_EC_PARAMS bytes; empty when it is not one keyrite supports.
std::string curve_from_params(ByteView params);

ossl::EvpPkeyPtr rsa_public_key(ByteView modulus, ByteView exponent);
// `ec_point` may be the raw uncompressed point or wrapped in a DER OCTET STRING (modules differ).
ossl::EvpPkeyPtr ec_public_key(const std::string& curve, ByteView ec_point);

}  // namespace kr::pkcs11
