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
#include <utility>
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

// How a key identifier is derived from a key. RFC 5280 4.2.1.2 method 1 is SHA-1 of the
// subjectPublicKey BIT STRING value; RFC 7093 section 2 methods 1-3 are the leftmost 160 bits of
// SHA-256, SHA-384 and SHA-512 of the same bytes (what Let's Encrypt's newer CAs use).
enum class KeyIdMethod { rfc5280_method_1, rfc7093_method_1, rfc7093_method_2, rfc7093_method_3 };
// "rfc5280-method-1", "rfc7093-method-1", ...; nullopt when unknown.
std::optional<KeyIdMethod> key_id_method_from_name(std::string_view name);
std::string_view key_id_method_name(KeyIdMethod method);

// `method` makes the identifier of a new key, unless the template supplies the bytes (a
// cross-certificate copies the existing certificate's). The lint accepts an identifier made by
// `method` or any of `accept`; `accept_any` accepts any value (a cross-certificate's copied
// identifier, whatever its issuer's method was: RFC 5280 lets a CA choose).
struct SubjectKeyIdentifier {
  KeyIdMethod method = KeyIdMethod::rfc5280_method_1;
  std::vector<KeyIdMethod> accept;  // lint only: besides `method`
  bool accept_any = false;          // lint only
};

// keyIdentifier only, equal to the issuer's subjectKeyIdentifier; no authorityCertIssuer or
// authorityCertSerialNumber (CPS Appendix B, subordinate CA profile).
struct AuthorityKeyIdentifier {};

// The qualifiers written with one policy (RFC 5280 4.2.1.4): CPS pointer URIs, then a user
// notice whose explicitText is a UTF8String (RFC 6818). Never dropped: a qualifier for a policy
// that is not written makes the encoder throw.
struct PolicyQualifiers {
  std::string policy;                 // dotted OID
  std::vector<std::string> cps_uris;  // id-qt-cps, IA5String
  std::string user_notice;            // id-qt-unotice explicitText; empty: none
};

// One PolicyInformation per OID, in order; qualifiers only where `qualifiers` names the policy
// (CPS 7.1.8 uses none).
struct CertificatePolicies {
  std::vector<std::string> policies;  // dotted OIDs written
  std::vector<PolicyQualifiers> qualifiers;
  bool user_notice_allowed = true;    // request check and lint: BRs 7.1.2.10.5 allow only id-qt-cps
  std::vector<std::string> required;  // lint only: each must be present
  std::vector<std::string> one_of;    // lint only: exactly one of these must be present (if any)
};

// One AccessDescription per URL: the OCSP ones first, then caIssuers (the Amazon order). Which
// methods a certificate must carry is the profile's choice: CPS Appendix B requires both, the
// CA/B Forum BRs (7.1.2.10.3, since OCSP became optional) neither in CA certificates. Whatever is
// required, an authorityInfoAccess that is written holds at least one URL.
struct AuthorityInfoAccess {
  std::vector<std::string> ca_issuers;
  std::vector<std::string> ocsp;
  bool require_ca_issuers = true;  // request check and lint
  bool require_ocsp = true;        // request check and lint
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

// GeneralSubtrees of one side of nameConstraints (RFC 5280 4.2.1.10), written without minimum or
// maximum, in this order: dNSName, iPAddress, directoryName.
struct NameSubtrees {
  std::vector<std::string> dns_names;  // "example.com"; "" is every domain name (BRs 7.1.2.5.2)
  std::vector<std::string> ip_ranges;  // "192.0.2.0/24", "2001:db8::/32"; "0.0.0.0/0" is all IPv4
  std::vector<std::vector<std::pair<std::string, std::string>>> directory_names;  // as a subject
  bool empty() const { return dns_names.empty() && ip_ranges.empty() && directory_names.empty(); }
};

// nameConstraints. The subtrees belong to the subordinate CA, so they come from a script; the
// profile says whether the CA/B Forum rules for a technically constrained TLS subordinate apply.
struct NameConstraints {
  NameSubtrees permitted, excluded;
  // Request check and lint, BRs 7.1.2.5.2: permitted holds a directoryName; dNSName, IPv4 and IPv6
  // are each permitted somewhere or excluded entirely; no other name type.
  bool technically_constrained_tls = false;
};

using ExtensionValue =
    std::variant<BasicConstraints, KeyUsage, SubjectKeyIdentifier, AuthorityKeyIdentifier,
                 CertificatePolicies, AuthorityInfoAccess, CrlDistributionPoints, ExtendedKeyUsage,
                 OcspNoCheck, SubjectAltName, NameConstraints>;

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
