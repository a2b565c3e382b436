// The check that runs before anything is built or signed: does what the script asks for fit the
// profile? Each violation names the request field, so the caller can point at the script's
// file:line:column ("steps[2].self-sign.validity.not-after").
#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <optional>
#include <string>
#include <vector>

#include "profile/profile.h"
#include "util/time.h"
#include "x509/extension_settings.h"
#include "x509/name.h"

namespace kr::profile {

struct CertificateRequest {
  x509::DistinguishedName subject;
  // Subject attributes (short names) the script asks to write as PrintableString; the profile's
  // subject.printable must allow each (e_subject_string_type).
  std::vector<std::string> subject_printable;
  UtcTime not_before{};
  UtcTime not_after{};
  const EVP_PKEY* public_key = nullptr;  // the subject's key
  std::string signature_algorithm;  // Appendix A name; empty: the profile's default for the key
  const X509* issuer = nullptr;     // the issuing CA; nullptr for a self-signed certificate
  // What the script sets in the extensions; each must be permitted by the profile.
  x509::ExtensionSettings settings;
  // The code-signing subjectAltName permanentIdentifier (CPS Appendix B); empty: not set.
  std::string permanent_identifier;
  // A cross-certificate profile: the certificate whose subject name, public key and
  // subjectKeyIdentifier are certified again. subject and public_key may be left empty (they are
  // read from it); when given they must match it.
  const X509* existing = nullptr;
};

// field: "subject", "subject.<C|O|CN|...>", "validity.not-before", "validity.not-after", "key",
// "signature-algorithm", "issuer", "existing-certificate", "extensions.<setting>" (path-length,
// ca-issuers, ocsp, crl-distribution-points, policies, dns-names, ip-addresses, emails,
// permanent-identifier). id: the lint id the same problem would get in the finished certificate,
// or one that only a request can have (e_setting_not_permitted, e_setting_invalid).
struct Violation {
  std::string field;
  std::string message;
  std::string id;
};

// Empty when the request fits the profile. Never builds or signs anything. Guardrails no setting
// can switch off: the profile's maximum validity; for an issued certificate, an issuer that is a
// CA certificate with keyCertSign whose validity contains the new certificate's
// (e_validity_outlives_issuer); CPS 6.1.5 keys; Appendix A algorithms without SHA-1.
std::vector<Violation> check_request(const Profile& profile, const CertificateRequest& request);

// The profile's default signature algorithm for this key; nullopt when the key is not allowed.
std::optional<std::string> default_signature_algorithm(const Profile& profile, const EVP_PKEY* key);

// The algorithm a request will be signed with: its own, or the default for the signing key.
// Empty when neither exists (check_request reports why).
std::string effective_signature_algorithm(const Profile& profile,
                                          const CertificateRequest& request);

}  // namespace kr::profile
