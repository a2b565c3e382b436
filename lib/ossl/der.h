// DER and PEM conversions of keys, certificates and names, and the SPKI fingerprint.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

#include "ossl/error.h"
#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::ossl {

// DER of any OpenSSL object through its i2d function, written into our own buffer (sized by a
// first call) so no caller frees an OpenSSL allocation. Throws "DER encoding of <what>".
template <class T, class I2d>
Bytes to_der(const T* obj, I2d i2d, const std::string& what) {
  int len = i2d(obj, nullptr);
  if (len <= 0) throw_error("DER encoding of " + what);
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d(obj, &p) != len) throw_error("DER encoding of " + what);
  return out;
}

// The DER SubjectPublicKeyInfo of a key, or of a certificate's key exactly as the certificate
// holds it.
Bytes spki_der(const EVP_PKEY* key);
Bytes spki_der(const X509* cert);
// PKCS#11's raw ECDSA signature (r || s, each half the length) as the DER ECDSA-Sig-Value that
// X.509 and OpenSSL's verifiers want. Throws for an empty or odd-length input.
Bytes ecdsa_raw_to_der(ByteView raw);
Bytes cert_der(const X509* cert);
Bytes name_der(const X509_NAME* name);
std::string cert_pem(const X509* cert);
std::string public_key_pem(const EVP_PKEY* key);

// SHA-256 of the DER SubjectPublicKeyInfo: the key fingerprint form used in the CPS.
std::string spki_sha256_hex(const EVP_PKEY* key);

// Parses PEM or DER (ossl/pem_or_der.h); `what` names the input in error messages.
X509Ptr read_certificate(ByteView data, const std::string& what);
EvpPkeyPtr read_public_key(ByteView data, const std::string& what);

}  // namespace kr::ossl
