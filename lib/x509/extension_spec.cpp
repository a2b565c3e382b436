// Names and NIDs for the extension kinds in extension_spec.h.
#include "x509/extension_spec.h"

#include <openssl/objects.h>

#include <array>
#include <utility>

#include "x509/overload.h"

namespace kr::x509 {
namespace {

constexpr std::array<std::pair<std::string_view, KeyUsageBit>, 9> kBits{{
    {"digitalSignature", KeyUsageBit::digital_signature},
    {"nonRepudiation", KeyUsageBit::non_repudiation},
    {"keyEncipherment", KeyUsageBit::key_encipherment},
    {"dataEncipherment", KeyUsageBit::data_encipherment},
    {"keyAgreement", KeyUsageBit::key_agreement},
    {"keyCertSign", KeyUsageBit::key_cert_sign},
    {"cRLSign", KeyUsageBit::crl_sign},
    {"encipherOnly", KeyUsageBit::encipher_only},
    {"decipherOnly", KeyUsageBit::decipher_only},
}};

constexpr std::array<std::pair<std::string_view, KeyIdMethod>, 4> kKeyIdMethods{{
    {"rfc5280-method-1", KeyIdMethod::rfc5280_method_1},
    {"rfc7093-method-1", KeyIdMethod::rfc7093_method_1},
    {"rfc7093-method-2", KeyIdMethod::rfc7093_method_2},
    {"rfc7093-method-3", KeyIdMethod::rfc7093_method_3},
}};

}  // namespace

std::optional<KeyIdMethod> key_id_method_from_name(std::string_view name) {
  for (const auto& [n, m] : kKeyIdMethods)
    if (n == name) return m;
  return std::nullopt;
}

std::string_view key_id_method_name(KeyIdMethod method) {
  for (const auto& [n, m] : kKeyIdMethods)
    if (m == method) return n;
  return "unknown";
}

std::optional<KeyUsageBit> key_usage_bit_from_name(std::string_view name) {
  for (const auto& [n, bit] : kBits)
    if (n == name) return bit;
  if (name == "contentCommitment") return KeyUsageBit::non_repudiation;
  return std::nullopt;
}

std::string_view key_usage_bit_name(KeyUsageBit bit) {
  for (const auto& [n, b] : kBits)
    if (b == bit) return n;
  return "unknown";
}

int extension_nid(const ExtensionValue& value) {
  return std::visit(Overload{
                        [](const BasicConstraints&) { return NID_basic_constraints; },
                        [](const KeyUsage&) { return NID_key_usage; },
                        [](const SubjectKeyIdentifier&) { return NID_subject_key_identifier; },
                        [](const AuthorityKeyIdentifier&) { return NID_authority_key_identifier; },
                        [](const CertificatePolicies&) { return NID_certificate_policies; },
                        [](const AuthorityInfoAccess&) { return NID_info_access; },
                        [](const CrlDistributionPoints&) { return NID_crl_distribution_points; },
                        [](const ExtendedKeyUsage&) { return NID_ext_key_usage; },
                        [](const OcspNoCheck&) { return NID_id_pkix_OCSP_noCheck; },
                        [](const SubjectAltName&) { return NID_subject_alt_name; },
                        [](const NameConstraints&) { return NID_name_constraints; },
                    },
                    value);
}

std::string_view extension_name(const ExtensionValue& value) {
  return extension_name(extension_nid(value));
}

std::string_view extension_name(int nid) {
  // OpenSSL's short names are the RFC 5280 ones ("basicConstraints"), except "noCheck".
  if (nid == NID_id_pkix_OCSP_noCheck) return "ocspNoCheck";
  const char* sn = OBJ_nid2sn(nid);
  return sn ? sn : "unknown";
}

}  // namespace kr::x509
