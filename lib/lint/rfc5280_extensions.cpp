// Certificate extensions, RFC 5280 4.2: each at most once, the criticality each section demands,
// basicConstraints and keyUsage consistent with each other (4.2.1.3, 4.2.1.9), key identifiers
// present where they must be (4.2.1.1, 4.2.1.2) and name constraints well formed (4.2.1.10).
// Where the profile lint checks the same rule, its id is used and its finding wins (lint/sink.h).
#include <openssl/err.h>

#include "lint/rfc5280_internal.h"

namespace kr::lint::rfc {
namespace {

template <class T, auto Free>
Owned<T, Free> decode(X509_EXTENSION* ext) {
  Owned<T, Free> out(ext ? static_cast<T*>(X509V3_EXT_d2i(ext)) : nullptr);
  ERR_clear_error();
  return out;
}

bool critical(const X509_EXTENSION* ext) {
  return ext && X509_EXTENSION_get_critical(ext) == 1;
}

bool self_issued(const X509* cert) {
  const X509_NAME* issuer = X509_get_issuer_name(cert);
  const X509_NAME* subject = X509_get_subject_name(cert);
  return issuer && subject && X509_NAME_cmp(issuer, subject) == 0;
}

bool is_zero(const ASN1_INTEGER* i) {
  for (int k = 0; k < ASN1_STRING_length(i); ++k)
    if (ASN1_STRING_get0_data(i)[k] != 0) return false;
  return true;
}

// Minimum must be 0 and maximum absent in every subtree (RFC 5280 4.2.1.10).
bool subtrees_use_min_max(const STACK_OF(GENERAL_SUBTREE) * subtrees) {
  for (int i = 0; i < sk_GENERAL_SUBTREE_num(subtrees); ++i) {
    const GENERAL_SUBTREE* t = sk_GENERAL_SUBTREE_value(subtrees, i);
    if (t && ((t->minimum && !is_zero(t->minimum)) || t->maximum)) return true;
  }
  return false;
}

enum class Rule {
  must_be_critical,
  must_not_be_critical,
  should_be_critical,
  should_not_be_critical
};

struct CriticalityRule {
  int nid;
  Rule rule;
  const char* id;
  const char* section;
  const char* same_as;  // the profile lint's id for the same finding, or ""
};

// The extensions whose criticality RFC 5280 fixes and that no other lint here checks
// (basicConstraints, keyUsage, key identifiers, name constraints and subjectAltName are checked
// with their contents).
constexpr CriticalityRule kCriticality[] = {
    {NID_policy_constraints, Rule::must_be_critical, "e_policy_constraints_not_critical",
     "4.2.1.11", ""},
    {NID_inhibit_any_policy, Rule::must_be_critical, "e_inhibit_any_policy_not_critical",
     "4.2.1.14", ""},
    {NID_info_access, Rule::must_not_be_critical, "e_aia_critical", "4.2.2.1", "e_aia_critical"},
    {NID_sinfo_access, Rule::must_not_be_critical, "e_sia_critical", "4.2.2.2", ""},
    {NID_subject_directory_attributes, Rule::must_not_be_critical,
     "e_subject_directory_attributes_critical", "4.2.1.8", ""},
    {NID_freshest_crl, Rule::must_not_be_critical, "e_freshest_crl_critical", "4.2.1.15", ""},
    {NID_policy_mappings, Rule::should_be_critical, "w_policy_mappings_not_critical", "4.2.1.5",
     ""},
    {NID_issuer_alt_name, Rule::should_not_be_critical, "w_ian_critical", "4.2.1.7", ""},
    {NID_crl_distribution_points, Rule::should_not_be_critical, "w_crl_dp_critical", "4.2.1.13",
     "e_crldp_critical"},
};

}  // namespace

void extension_list(const CertContext& c) {
  duplicate_extensions(X509_get0_extensions(c.cert), c.out, "e_duplicate_extension", "",
                       "e_duplicate_extension");
}

void basic_constraints_and_key_usage(const CertContext& c) {
  const auto* exts = X509_get0_extensions(c.cert);
  X509_EXTENSION* bc_ext = find_extension(exts, NID_basic_constraints);
  X509_EXTENSION* ku_ext = find_extension(exts, NID_key_usage);
  auto bc = decode<BASIC_CONSTRAINTS, BASIC_CONSTRAINTS_free>(bc_ext);
  auto ku = decode<ASN1_BIT_STRING, ASN1_BIT_STRING_free>(ku_ext);
  if (bc_ext && !bc) c.out.error("e_extension_malformed", "basicConstraints does not decode");
  if (ku_ext && !ku) c.out.error("e_extension_malformed", "keyUsage does not decode");
  bool ca = bc && bc->ca;
  if (ca && !critical(bc_ext))
    c.out.error("e_bc_not_critical",
                "basicConstraints is not critical; RFC 5280 4.2.1.9 requires it critical in CA "
                "certificates",
                "e_bc_not_critical");
  bool cert_sign = ku && ASN1_BIT_STRING_get_bit(ku.get(), 5) == 1;
  if (ku) {
    bool any = false;
    for (int bit = 0; bit < ASN1_STRING_length(ku.get()) * 8; ++bit)
      any |= ASN1_BIT_STRING_get_bit(ku.get(), bit) == 1;
    if (!any)
      c.out.error("e_ku_empty", "keyUsage has no bit set; RFC 5280 4.2.1.3 requires at least one");
    if (cert_sign && !ca)
      c.out.error("e_ku_cert_sign_without_ca",
                  "keyUsage asserts keyCertSign but basicConstraints does not assert cA; RFC 5280 "
                  "4.2.1.3 requires both or neither");
    if (!critical(ku_ext))
      c.out.warning("w_ku_not_critical",
                    "keyUsage is not critical; RFC 5280 4.2.1.3 says it SHOULD be",
                    "e_ku_not_critical");
  } else if (ca && !ku_ext) {
    c.out.error("e_ku_missing",
                "keyUsage is missing; RFC 5280 4.2.1.3 requires it in CA certificates",
                "e_ku_missing");
  }
  if (bc && bc->pathlen && (!ca || !cert_sign))
    c.out.error("e_bc_pathlen_without_cert_sign",
                std::string("basicConstraints has pathLenConstraint but ") +
                    (!ca ? "does not assert cA" : "keyUsage does not assert keyCertSign") +
                    "; RFC 5280 4.2.1.9 allows it only with both");
}

void key_identifiers(const CertContext& c) {
  const auto* exts = X509_get0_extensions(c.cert);
  X509_EXTENSION* ski_ext = find_extension(exts, NID_subject_key_identifier);
  if (ski_ext) {
    if (critical(ski_ext))
      c.out.error("e_ski_critical",
                  "subjectKeyIdentifier is critical; RFC 5280 4.2.1.2 requires it non-critical",
                  "e_ski_critical");
    if (!decode<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>(ski_ext))
      c.out.error("e_extension_malformed", "subjectKeyIdentifier does not decode");
  } else if (is_ca(c.cert)) {
    c.out.error("e_ski_missing",
                "subjectKeyIdentifier is missing; RFC 5280 4.2.1.2 requires it in CA certificates",
                "e_ski_missing");
  }
  X509_EXTENSION* aki_ext = find_extension(exts, NID_authority_key_identifier);
  bool self = self_issued(c.cert);
  if (!aki_ext) {
    if (!self)
      c.out.error("e_aki_missing",
                  "authorityKeyIdentifier is missing; RFC 5280 4.2.1.1 requires it in every "
                  "certificate that is not self-signed",
                  "e_aki_missing");
    return;
  }
  if (critical(aki_ext))
    c.out.error("e_aki_critical",
                "authorityKeyIdentifier is critical; RFC 5280 4.2.1.1 requires it non-critical",
                "e_aki_critical");
  auto aki = decode<AUTHORITY_KEYID, AUTHORITY_KEYID_free>(aki_ext);
  if (!aki) return c.out.error("e_extension_malformed", "authorityKeyIdentifier does not decode");
  if (!aki->keyid) {
    if (!self)
      c.out.error("e_aki_no_key_id",
                  "authorityKeyIdentifier has no keyIdentifier; RFC 5280 4.2.1.1 requires one",
                  "e_aki_no_key_id");
    return;
  }
  if (!c.issuer) return;
  std::string want = subject_key_id(c.issuer);
  if (!want.empty() && octets_hex(aki->keyid) != want)
    c.out.error("e_aki_mismatch",
                "authorityKeyIdentifier is " + octets_hex(aki->keyid) +
                    "; the issuer's subjectKeyIdentifier is " + want,
                "e_aki_mismatch");
}

void name_constraints(const CertContext& c) {
  X509_EXTENSION* ext = find_extension(X509_get0_extensions(c.cert), NID_name_constraints);
  if (!ext) return;
  if (!critical(ext))
    c.out.error("e_name_constraints_not_critical",
                "nameConstraints is not critical; RFC 5280 4.2.1.10 requires it critical");
  if (!is_ca(c.cert))
    c.out.error("e_name_constraints_not_ca",
                "nameConstraints is in a certificate that is not a CA certificate; RFC 5280 "
                "4.2.1.10 allows it only in CA certificates");
  auto nc = decode<NAME_CONSTRAINTS, NAME_CONSTRAINTS_free>(ext);
  if (!nc) return c.out.error("e_extension_malformed", "nameConstraints does not decode");
  if (sk_GENERAL_SUBTREE_num(nc->permittedSubtrees) <= 0 &&
      sk_GENERAL_SUBTREE_num(nc->excludedSubtrees) <= 0)
    c.out.error("e_name_constraints_empty",
                "nameConstraints has neither permittedSubtrees nor excludedSubtrees; RFC 5280 "
                "4.2.1.10 requires at least one");
  if (subtrees_use_min_max(nc->permittedSubtrees) || subtrees_use_min_max(nc->excludedSubtrees))
    c.out.error("e_name_constraints_min_max",
                "nameConstraints has a subtree with a non-zero minimum or a maximum; RFC 5280 "
                "4.2.1.10 requires minimum 0 and no maximum");
}

void criticality(const CertContext& c) {
  const auto* exts = X509_get0_extensions(c.cert);
  for (const auto& rule : kCriticality) {
    X509_EXTENSION* ext = find_extension(exts, rule.nid);
    if (!ext) continue;
    bool is_critical = critical(ext);
    std::string name = extension_name(ext);
    std::string section = std::string("RFC 5280 ") + rule.section;
    switch (rule.rule) {
      case Rule::must_be_critical:
        if (!is_critical)
          c.out.error(rule.id, name + " is not critical; " + section + " requires it critical",
                      rule.same_as);
        break;
      case Rule::must_not_be_critical:
        if (is_critical)
          c.out.error(rule.id, name + " is critical; " + section + " requires it non-critical",
                      rule.same_as);
        break;
      case Rule::should_be_critical:
        if (!is_critical)
          c.out.warning(rule.id, name + " is not critical; " + section + " says it SHOULD be",
                        rule.same_as);
        break;
      case Rule::should_not_be_critical:
        if (is_critical)
          c.out.warning(rule.id, name + " is critical; " + section + " says it SHOULD NOT be",
                        rule.same_as);
        break;
    }
  }
  // 4.2.1.6: with a non-empty subject, subjectAltName SHOULD be non-critical (the empty-subject
  // case, where it must be critical, is e_subject_empty_without_san).
  X509_EXTENSION* san = find_extension(exts, NID_subject_alt_name);
  const X509_NAME* subject = X509_get_subject_name(c.cert);
  if (critical(san) && subject && X509_NAME_entry_count(subject) > 0)
    c.out.warning("w_san_critical",
                  "subjectAltName is critical although the subject name is not empty; RFC 5280 "
                  "4.2.1.6 says it SHOULD NOT be then",
                  "e_san_critical");
}

}  // namespace kr::lint::rfc
