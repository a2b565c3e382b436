// CRLs to and from DER and PEM, for tools and tests reading CRLs from files.
#pragma once

#include <openssl/x509.h>

#include <string>

#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::x509 {

// PEM ("-----BEGIN X509 CRL-----") or DER that must use every byte; throws kr::Error
// "<what>: not a PEM or DER CRL: ...".
ossl::X509CrlPtr read_crl(ByteView data, const std::string& what);
Bytes crl_der(const X509_CRL* crl);
std::string crl_pem(const X509_CRL* crl);

}  // namespace kr::x509
