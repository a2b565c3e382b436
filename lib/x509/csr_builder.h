// PKCS#10 certification requests (RFC 2986) for a CA key that another CA will certify (the
// make-csr step), and the proof-of-possession check for requests keyrite receives. Signing is not
// done here: X509_REQ_sign_ctx with a context from provider::make_signing_context signs it.
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <string>

#include "ossl/types.h"
#include "util/bytes.h"
#include "x509/name.h"

namespace kr::x509 {

struct CsrTemplate {
  DistinguishedName subject;             // written as build_name writes certificate subjects
  const EVP_PKEY* public_key = nullptr;  // the key whose private half signs the request
};

// A version 0 (v1) request with the subject, the key and an empty attribute set. Throws
// kr::Error for a missing key or an empty or unencodable subject.
ossl::X509ReqPtr build_csr(const CsrTemplate& t);

// The DER CertificationRequestInfo, re-encoded from the structure (i2d_re_X509_REQ_tbs): after
// signing, the exact bytes the signature covers.
Bytes csr_tbs_der(const X509_REQ* csr);

// Proof of possession: the request's signature verifies with the request's own public key.
// False (never an exception) for a missing key, an unknown algorithm or a bad signature; leaves
// OpenSSL's error queue empty.
bool csr_signature_valid(const X509_REQ* csr);

// PEM ("CERTIFICATE REQUEST", or the old "NEW CERTIFICATE REQUEST") or DER that must use every
// byte; throws kr::Error "<what>: not a PEM or DER certificate request: ...".
ossl::X509ReqPtr read_csr(ByteView data, const std::string& what);
Bytes csr_der(const X509_REQ* csr);
std::string csr_pem(const X509_REQ* csr);

}  // namespace kr::x509
