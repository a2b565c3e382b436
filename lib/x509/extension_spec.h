// The certificate extensions a profile asks for, as plain data. The builder writes them in list
// order; the lint compares a certificate against the same list. A new extension kind is one more
// alternative in ExtensionValue plus a case in each visitor; nothing else changes.
//
// Values in a spec are what the builder writes. Fields marked "lint only" are the limits the lint
// applies to certificates made elsewhere (real certificates may use the choices a profile allows
// but keyrite does not make); the builder ignores them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kr::x509 {

// RFC 5280 4.2.1.3 bit positions.
enum class KeyUsageBit : int {
  digital_signature = 0,
  non_repudiation = 1,  // contentCommitment
  key_encipherment = 2,
  data_encipherment = 3,
  key_agreement = 4,
  key_cert_sign = 5,
  crl_sign = 6,
  encipher_only = 7,
  decipher_only = 8,
};
// RFC 5280 names ("digitalSignature", "keyCertSign", "cRLSign"); nullopt when unknown.
std::optional<KeyUsageBit> key_usage_bit_from_name(std::string_view name);
std::string_view key_usage_bit_name(KeyUsageBit bit);

struct BasicConstraints {
  bool ca = true;
  std::optional<int> path_len;  // nullopt: pathLenConstraint must be absent
};

// Exactly `bits` are written. The lint also accepts any of `may_also` (CPS Appendix B: "keyExchange
// may be set"); with `may_also` empty it requires exactly `bits`.
struct KeyUsage {
  std::vector<KeyUsageBit> bits;
  std::vector<KeyUsageBit> may_also;  // lint only
};

// RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value (160 bits), unless the
// template supplies the bytes (a cross-certificate copies the existing certificate's).
struct SubjectKeyIdentifier {};

// keyIdentifier only, equal to the issuer's subjectKeyIdentifier; no authorityCertIssuer or
// authorityCertSerialNumber (CPS Appendix B, subordinate CA profile).
struct AuthorityKeyIdentifier {};

// One PolicyInformation per OID, in order, without qualifiers (CPS 7.1.8: not applicable).
struct CertificatePolicies {
  std::vector<std::string> policies;  // dotted OIDs written
  std::vector<std::string> required;  // lint only: each must be present
  std::vector<std::string> one_of;    // lint only: exactly one of these must be present (if any)
};

// One AccessDescription per URL: the OCSP ones first, then caIssuers (the Amazon order).
struct AuthorityInfoAccess {
  std::vector<std::string> ca_issuers;
  std::vector<std::string> ocsp;
};

// One DistributionPoint whose fullName holds every URL (alternative locations of the same CRL).
struct CrlDistributionPoints {
  std::vector<std::string> uris;
};

// KeyPurposeIds as dotted OIDs (x509/key_purposes.h has the names).
struct ExtendedKeyUsage {
  std::vector<std::string> purposes;  // written, in order
  std::vector<std::string> required;  // lint only: each must be present
  std::vector<std::string> may_also;  // lint only: accepted besides `purposes`
};

// id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1): the value is NULL.
struct OcspNoCheck {};

// Names in this order: dNSName, iPAddress, rfc822Name, otherName permanentIdentifier (RFC 4043,
// identifierValue only, no assigner). An empty one is not written when its spec is optional.
struct SubjectAltName {
  std::vector<std::string> dns_names;
  std::vector<std::string> ip_addresses;  // text: "192.0.2.1", "2001:db8::1"
  std::vector<std::string> emails;
  std::vector<std::string> permanent_identifiers;
  int min_names = 0;                          // lint only: at least this many names
  bool wildcards = true;                      // lint only: false: no '*' in a dNSName (EV)
  bool require_permanent_identifier = false;  // lint only: code signing (CPS Appendix B)
  bool single_label_names = false;  // lint only: "localhost" accepted (kr-testpki test profiles)
};

using ExtensionValue =
    std::variant<BasicConstraints, KeyUsage, SubjectKeyIdentifier, AuthorityKeyIdentifier,
                 CertificatePolicies, AuthorityInfoAccess, CrlDistributionPoints, ExtendedKeyUsage,
                 OcspNoCheck, SubjectAltName>;

struct ExtensionSpec {
  ExtensionValue value;
  bool critical = false;
  // The lint accepts a certificate without it; the builder still writes it whenever it has
  // content (a subjectAltName without names is left out).
  bool optional = false;
};

// OpenSSL NID and RFC 5280 name of an extension kind.
int extension_nid(const ExtensionValue& value);
std::string_view extension_name(const ExtensionValue& value);  // "basicConstraints"
// The same names by NID ("ocspNoCheck" for id-pkix-ocsp-nocheck); OpenSSL's short name otherwise.
std::string_view extension_name(int nid);

// The spec of that kind in a list, or nullptr.
template <class T>
const T* find_extension(const std::vector<ExtensionSpec>& specs) {
  for (const auto& s : specs)
    if (auto* v = std::get_if<T>(&s.value)) return v;
  return nullptr;
}
template <class T>
T* find_extension(std::vector<ExtensionSpec>& specs) {
  for (auto& s : specs)
    if (auto* v = std::get_if<T>(&s.value)) return v;
  return nullptr;
}

}  // namespace kr::x509
