// DER and PEM conversions of keys, certificates and names, and the SPKI fingerprint.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::ossl {

Bytes spki_der(const EVP_PKEY* key);
Bytes cert_der(const X509* cert);
Bytes name_der(const X509_NAME* name);
std::string cert_pem(const X509* cert);
std::string public_key_pem(const EVP_PKEY* key);

// SHA-256 of the DER SubjectPublicKeyInfo: the key fingerprint form used in the CPS.
std::string spki_sha256_hex(const EVP_PKEY* key);

// Parses PEM or DER (detected); `what` names the input in error messages.
X509Ptr read_certificate(ByteView data, const std::string& what);
EvpPkeyPtr read_public_key(ByteView data, const std::string& what);

}  // namespace kr::ossl
