// The certificate extensions a profile asks for, as plain data. The builder writes them in list
// order; the lint compares a certificate against the same list. A new extension kind (certificate
// policies, AIA, CRL distribution points, EKU, ...) is one more alternative in ExtensionValue plus
// a case in each visitor; nothing else changes.
#pragma once

#include <cstdint>
#include <optional>
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

// Exactly these bits are set; all others clear.
struct KeyUsage {
  std::vector<KeyUsageBit> bits;
};

// RFC 5280 4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING value (160 bits).
struct SubjectKeyIdentifier {};

// keyIdentifier only, equal to the issuer's subjectKeyIdentifier; no authorityCertIssuer or
// authorityCertSerialNumber (CPS Appendix B, subordinate CA profile).
struct AuthorityKeyIdentifier {};

using ExtensionValue =
    std::variant<BasicConstraints, KeyUsage, SubjectKeyIdentifier, AuthorityKeyIdentifier>;

struct ExtensionSpec {
  ExtensionValue value;
  bool critical = false;
};

// OpenSSL NID and RFC 5280 name of an extension kind.
int extension_nid(const ExtensionValue& value);
std::string_view extension_name(const ExtensionValue& value);  // "basicConstraints"

}  // namespace kr::x509
