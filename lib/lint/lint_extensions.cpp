// Lints of the extensions: none repeated, none outside the profile, and each profile extension
// present with the right criticality and content. Contents are decoded by OpenSSL; a value it
// cannot decode is reported, never guessed at. The key-related kinds are checked here, the kinds
// with OIDs and URLs in lint_values.cpp and subjectAltName in lint_san.cpp.
#include <openssl/x509v3.h>

#include <algorithm>
#include <map>

#include "lint/lint_internal.h"
#include "x509/extensions.h"
#include "x509/overload.h"

namespace kr::lint::cert_lints {
namespace {

using ossl::Owned;

std::string ext_name(const X509_EXTENSION* ext) {
  const ASN1_OBJECT* obj = X509_EXTENSION_get_object(const_cast<X509_EXTENSION*>(ext));
  int nid = OBJ_obj2nid(obj);
  if (nid != NID_undef) return std::string(x509::extension_name(nid));
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof buf, obj, 1);
  return n > 0 ? std::string(buf) : "(unreadable OID)";
}

std::string prefix(const x509::ExtensionValue& v) {
  return std::visit(Overload{[](const x509::BasicConstraints&) { return "e_bc"; },
                             [](const x509::KeyUsage&) { return "e_ku"; },
                             [](const x509::SubjectKeyIdentifier&) { return "e_ski"; },
                             [](const x509::AuthorityKeyIdentifier&) { return "e_aki"; },
                             [](const x509::CertificatePolicies&) { return "e_policies"; },
                             [](const x509::AuthorityInfoAccess&) { return "e_aia"; },
                             [](const x509::CrlDistributionPoints&) { return "e_crldp"; },
                             [](const x509::ExtendedKeyUsage&) { return "e_eku"; },
                             [](const x509::OcspNoCheck&) { return "e_ocsp_nocheck"; },
                             [](const x509::SubjectAltName&) { return "e_san"; },
                             [](const x509::NameConstraints&) { return "e_nc"; }},
                    v);
}

std::string octets_hex(const ASN1_OCTET_STRING* s) {
  return to_hex(
      ByteView(ASN1_STRING_get0_data(s), static_cast<std::size_t>(ASN1_STRING_length(s))));
}

// The issuer's subjectKeyIdentifier: from the issuing CA, or the certificate itself when it is
// self-signed. Empty when there is none to compare against.
std::string expected_key_id(const Context& c) {
  const X509* from = c.issuer                                        ? c.issuer
                     : c.profile.issuer == profile::IssuerRule::self ? c.cert
                                                                     : nullptr;
  if (!from) return {};
  Owned<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free> ski(static_cast<ASN1_OCTET_STRING*>(
      X509_get_ext_d2i(from, NID_subject_key_identifier, nullptr, nullptr)));
  return ski ? octets_hex(ski.get()) : std::string();
}

void check_bc(const Context& c, const x509::BasicConstraints& want, X509_EXTENSION* ext) {
  Owned<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free> bc(
      static_cast<BASIC_CONSTRAINTS*>(X509V3_EXT_d2i(ext)));
  if (!bc) return c.error("e_extension_malformed", "basicConstraints does not decode");
  bool ca = bc->ca != 0;
  if (want.ca && !ca)
    c.error("e_bc_not_ca",
            "basicConstraints has cA FALSE; the " + c.profile.name + " profile requires cA TRUE");
  if (!want.ca && ca)
    c.error("e_bc_ca",
            "basicConstraints has cA TRUE; the " + c.profile.name + " profile requires cA FALSE");
  const profile::SettingRule* settable = find_setting(c.profile, profile::Setting::path_length);
  if (!bc->pathlen) {
    if (want.path_len)
      c.error("e_bc_pathlen_mismatch", "basicConstraints has no pathLenConstraint; the " +
                                           c.profile.name + " profile requires " +
                                           std::to_string(*want.path_len));
    return;
  }
  long got = ASN1_INTEGER_get(bc->pathlen);
  if (settable) {
    if (got < 0 || got > settable->max_path_length)
      c.error("e_bc_pathlen_mismatch", "basicConstraints has pathLenConstraint " +
                                           std::to_string(got) + "; the " + c.profile.name +
                                           " profile allows 0 to " +
                                           std::to_string(settable->max_path_length));
  } else if (!want.path_len) {
    c.error("e_bc_pathlen_present", "basicConstraints has pathLenConstraint " +
                                        std::to_string(got) + "; the " + c.profile.name +
                                        " profile requires it absent");
  } else if (got != *want.path_len) {
    c.error("e_bc_pathlen_mismatch", "basicConstraints has pathLenConstraint " +
                                         std::to_string(got) + "; the " + c.profile.name +
                                         " profile requires " + std::to_string(*want.path_len));
  }
}

void check_ku(const Context& c, const x509::KeyUsage& want, X509_EXTENSION* ext) {
  Owned<ASN1_BIT_STRING, ASN1_BIT_STRING_free> bits(
      static_cast<ASN1_BIT_STRING*>(X509V3_EXT_d2i(ext)));
  if (!bits) return c.error("e_extension_malformed", "keyUsage does not decode");
  auto listed = [](const std::vector<x509::KeyUsageBit>& bits, int i) {
    return std::any_of(bits.begin(), bits.end(), [&](auto b) { return static_cast<int>(b) == i; });
  };
  std::vector<std::string> got, wanted, also;
  bool fits = true;
  for (int i = 0; i < ASN1_STRING_length(bits.get()) * 8; ++i) {
    if (ASN1_BIT_STRING_get_bit(bits.get(), i) != 1) continue;
    got.push_back(i <= 8 ? std::string(x509::key_usage_bit_name(static_cast<x509::KeyUsageBit>(i)))
                         : "bit " + std::to_string(i));
    fits &= listed(want.bits, i) || listed(want.may_also, i);
  }
  for (auto b : want.bits) {
    wanted.push_back(std::string(x509::key_usage_bit_name(b)));
    fits &= ASN1_BIT_STRING_get_bit(bits.get(), static_cast<int>(b)) == 1;
  }
  for (auto b : want.may_also) also.push_back(std::string(x509::key_usage_bit_name(b)));
  if (fits) return;
  std::string is = "keyUsage is " + (got.empty() ? "empty" : profile::join_list(got, "and")) +
                   "; the " + c.profile.name + " profile requires ";
  c.error("e_ku_bits_mismatch", also.empty()
                                    ? is + "exactly " + profile::join_list(wanted, "and")
                                    : is + profile::join_list(wanted, "and") + " and allows also " +
                                          profile::join_list(also, "and"));
}

// The identifier must be one the profile's methods make of the key, unless it accepts any (a
// cross-certificate's copied identifier).
void check_ski(const Context& c, const x509::SubjectKeyIdentifier& want, X509_EXTENSION* ext) {
  Owned<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free> ski(
      static_cast<ASN1_OCTET_STRING*>(X509V3_EXT_d2i(ext)));
  if (!ski) return c.error("e_extension_malformed", "subjectKeyIdentifier does not decode");
  if (want.accept_any) return;
  std::vector<x509::KeyIdMethod> methods{want.method};
  methods.insert(methods.end(), want.accept.begin(), want.accept.end());
  std::string got = octets_hex(ski.get());
  std::vector<std::string> names;
  for (auto m : methods) {
    if (to_hex(x509::key_identifier(c.cert, m)) == got) return;
    names.emplace_back(x509::key_id_method_name(m));
  }
  if (methods.size() == 1 && methods[0] == x509::KeyIdMethod::rfc5280_method_1)
    return c.error("e_ski_not_sha1_of_spki",
                   "subjectKeyIdentifier is " + got +
                       "; the SHA-1 of the subjectPublicKey (RFC 5280 4.2.1.2 method 1) is " +
                       to_hex(x509::key_identifier_sha1(c.cert)));
  c.error("e_ski_method_not_allowed", "subjectKeyIdentifier is " + got + "; the " + c.profile.name +
                                          " profile allows " + profile::join_list(names, "or") +
                                          " of the subjectPublicKey");
}

void check_aki(const Context& c, X509_EXTENSION* ext) {
  Owned<AUTHORITY_KEYID, AUTHORITY_KEYID_free> aki(
      static_cast<AUTHORITY_KEYID*>(X509V3_EXT_d2i(ext)));
  if (!aki) return c.error("e_extension_malformed", "authorityKeyIdentifier does not decode");
  if (aki->issuer || aki->serial)
    c.error("e_aki_has_issuer_serial",
            "authorityKeyIdentifier has authorityCertIssuer or "
            "authorityCertSerialNumber; CPS Appendix B forbids them");
  if (!aki->keyid) return c.error("e_aki_no_key_id", "authorityKeyIdentifier has no keyIdentifier");
  std::string want = expected_key_id(c);
  if (!want.empty() && octets_hex(aki->keyid) != want)
    c.error("e_aki_mismatch", "authorityKeyIdentifier is " + octets_hex(aki->keyid) +
                                  "; the issuer's subjectKeyIdentifier is " + want);
}

}  // namespace

void extension_list(const Context& c) {
  std::map<std::string, int> count;
  std::vector<std::string> order;
  for (int i = 0; i < X509_get_ext_count(c.cert); ++i) {
    const X509_EXTENSION* ext = X509_get_ext(c.cert, i);
    if (!ext) continue;
    std::string name = ext_name(ext);
    if (count[name]++ == 0) order.push_back(name);
    int nid = OBJ_obj2nid(X509_EXTENSION_get_object(const_cast<X509_EXTENSION*>(ext)));
    bool in_profile = false;
    for (const auto& spec : c.profile.extensions)
      in_profile |= x509::extension_nid(spec.value) == nid;
    if (!in_profile && count[name] == 1)
      c.error("e_extension_not_in_profile",
              name + (X509_EXTENSION_get_critical(ext) ? " (critical)" : "") + " is not in the " +
                  c.profile.name + " profile");
  }
  for (const auto& name : order)
    if (count[name] > 1)
      c.error("e_duplicate_extension", name + " appears " + std::to_string(count[name]) +
                                           " times; RFC 5280 4.2 allows it once");
}

void profile_extensions(const Context& c) {
  for (const auto& spec : c.profile.extensions) {
    std::string name(x509::extension_name(spec.value));
    std::string id = prefix(spec.value);
    int index = X509_get_ext_by_NID(c.cert, x509::extension_nid(spec.value), -1);
    X509_EXTENSION* ext = index >= 0 ? X509_get_ext(c.cert, index) : nullptr;
    if (!ext) {
      if (!spec.optional)
        c.error(id + "_missing",
                name + " is missing; the " + c.profile.name + " profile requires it");
      continue;
    }
    bool critical = X509_EXTENSION_get_critical(ext) == 1;
    if (spec.critical && !critical)
      c.error(id + "_not_critical",
              name + " is not critical; the " + c.profile.name + " profile requires it critical");
    if (!spec.critical && critical)
      c.error(id + "_critical",
              name + " is critical; the " + c.profile.name + " profile requires it non-critical");
    std::visit(Overload{[&](const x509::BasicConstraints& bc) { check_bc(c, bc, ext); },
                        [&](const x509::KeyUsage& ku) { check_ku(c, ku, ext); },
                        [&](const x509::SubjectKeyIdentifier& v) { check_ski(c, v, ext); },
                        [&](const x509::AuthorityKeyIdentifier&) { check_aki(c, ext); },
                        [&](const x509::CertificatePolicies& v) { check_policies(c, v, ext); },
                        [&](const x509::AuthorityInfoAccess& v) { check_aia(c, v, ext); },
                        [&](const x509::CrlDistributionPoints&) { check_crldp(c, ext); },
                        [&](const x509::ExtendedKeyUsage& v) { check_eku(c, v, ext); },
                        [&](const x509::OcspNoCheck&) { check_nocheck(c, ext); },
                        [&](const x509::SubjectAltName& v) { check_san_extension(c, v, ext); },
                        [&](const x509::NameConstraints& v) { check_name_constraints(c, v, ext); }},
               spec.value);
  }
}

}  // namespace kr::lint::cert_lints
