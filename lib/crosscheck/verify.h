// Independent verification with Botan 2: a second X.509 implementation parses and checks every
// certificate keyrite signs, so a bug in how we drive OpenSSL cannot pass unnoticed. Nothing here
// includes OpenSSL or keyrite's x509 code: inputs are DER bytes only.
#pragma once

#include <string>
#include <vector>

#include "util/bytes.h"
#include "util/time.h"

namespace kr::crosscheck {

struct Result {
  bool ok = false;
  std::string message;  // "verified" style text on success; Botan's reason on failure
};

// Does the certificate's signature verify under this SubjectPublicKeyInfo (DER)?
Result verify_certificate_signature(ByteView cert_der, ByteView issuer_spki_der);

// PKIX checks of a self-signed root on its own one-certificate path, at time `at`:
// signature, validity, CA bit, key usage, and Botan's own algorithm and key-strength policy
// (SHA-1 and keys below 110-bit strength, i.e. RSA < 2048, are refused, the hash rule applied to
// the root itself although Botan exempts anchors from it).
Result validate_self_signed_root(ByteView cert_der, UtcTime at);

// PKIX validation of leaf up to one of trust_anchors via intermediates, at time `at`. CRLs given
// are consulted (a revoked certificate fails); their absence is not an error.
Result validate_chain(ByteView leaf_der, const std::vector<Bytes>& intermediates_der,
                      const std::vector<Bytes>& trust_anchors_der,
                      const std::vector<Bytes>& crls_der, UtcTime at);

}  // namespace kr::crosscheck
