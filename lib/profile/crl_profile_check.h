// The check that runs before a CRL is built or signed: does what the script asks for fit the CRL
// profile and the issuer? Each violation names the request field ("this-update", "next-update",
// "issuer", "crl-number", "signature-algorithm", "revoked[2].serial", "revoked[2].reason",
// "revoked[2].revocation-date") and carries the id the same problem gets from lint_crl.
#pragma once

#include <openssl/evp.h>

#include <optional>
#include <string>
#include <vector>

#include "profile/crl_profile.h"
#include "profile/request_check.h"
#include "x509/crl_builder.h"

namespace kr::profile {

// signature_algorithm: the CPS Appendix A name the CRL will be signed with; empty means the
// default for the issuer's key (default_crl_signature_algorithm). Never builds or signs anything.
std::vector<Violation> check_crl_request(const CrlProfile& profile, const x509::CrlTemplate& crl,
                                         const std::string& signature_algorithm);

// The profile's algorithm for the issuer's key: for RSA the first PKCS#1 v1.5 algorithm the
// profile lists (else the first RSA one); for EC the ECDSA algorithm with the hash that matches
// the curve (P-256 SHA-256, P-384 SHA-384, P-521 SHA-512) when listed. nullopt when none fits.
std::optional<std::string> default_crl_signature_algorithm(const CrlProfile& profile,
                                                           const EVP_PKEY* issuer_key);

}  // namespace kr::profile
