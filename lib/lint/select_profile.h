// Which profile an artifact is linted against when kr-lint is not given --profile: chosen from the
// artifact itself, and only among the profiles that exist in the profiles directory (a profile
// that does not exist yet means RFC 5280 lints only, never a wrong profile).
#pragma once

#include <openssl/x509.h>

#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace kr::lint {

struct ProfileChoice {
  std::string name;    // empty: no profile applies
  std::string reason;  // why, for the report: "self-signed CA certificate"
};

// In order, the first match wins (lib/lint/README.md has the table): self-signed CA -> root-ca;
// a CA certificate whose subject name and public key are also those of a self-signed CA
// certificate, or of a CA certificate from another issuer, among `others` (the other inputs and
// --issuer) -> cross-ca (BRs 7.1.2.2: "the same Subject Name and Subject Public Key Information
// as one or more existing CA Certificate(s)"); other CA with serverAuth and nameConstraints ->
// constrained-tls-subordinate-ca (else as without); other CA with serverAuth -> tls-subordinate-ca
// (else subordinate-ca); other CA with an EKU -> subordinate-ca (else non-tls-subordinate-ca);
// other CA -> subordinate-ca (else tls-subordinate-ca); extendedKeyUsage OCSPSigning ->
// ocsp-signing (else ocsp-responder); serverAuth with the EV policy -> tls-server-ev (else
// tls-server); serverAuth -> tls-server; codeSigning with the EV policy -> code-signing-ev (else
// code-signing); codeSigning -> code-signing; timeStamping -> time-stamping; clientAuth -> client;
// anything else, or a profile that does not exist: none.
ProfileChoice choose_certificate_profile(const X509* cert, const std::filesystem::path& dir,
                                         std::span<const X509* const> others = {});
// crl, when it exists.
ProfileChoice choose_crl_profile(const std::filesystem::path& dir);

bool profile_exists(const std::filesystem::path& dir, const std::string& name);
// The names of dir/*.yaml, sorted.
std::vector<std::string> profile_names(const std::filesystem::path& dir);

}  // namespace kr::lint
