// A one-paragraph human summary of a certificate, for tools to print and officers to read aloud.
#pragma once

#include <openssl/x509.h>

#include <string>

namespace kr::x509 {

// "subject: C = US, O = Amazon, CN = Amazon Root CA 1; issuer: ...; serial: 066c...;
//  validity: 2015-05-26T00:00:00Z to 2038-01-17T00:00:00Z; key: RSA 2048-bit, SPKI SHA-256 ...;
//  signature: sha256WithRSAEncryption; certificate SHA-256: ..."
// Never throws for an odd certificate: unreadable parts are shown as such.
std::string describe_certificate(const X509* cert);

}  // namespace kr::x509
