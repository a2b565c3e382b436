// The certificate lint: a finished (signed, trial-signed or foreign) certificate against a profile.
// Every finding has a stable id (e_ error, w_ warning, n_ notice) that transcripts and tests can
// rely on. The lint reads only; it never trusts, verifies signatures (that is crosscheck's job, and
// a trial signature from a throwaway key would not verify anyway) or throws on odd input.
//
// Ids: e_version_not_v3, e_serial_not_positive, e_serial_too_long, e_serial_entropy_too_short,
// e_unique_id_present, e_sig_alg_mismatch, e_sig_alg_params_invalid, e_sig_alg_forbidden,
// e_sig_alg_not_in_profile, e_sig_alg_key_mismatch, e_validity_time_encoding,
// e_validity_not_after_before_not_before, e_validity_exceeds_profile, e_key_unreadable,
// e_key_too_weak, e_key_not_in_profile, e_multi_attr_rdn, e_subject_missing_attr,
// e_subject_attr_repeated, e_subject_attr_not_allowed, e_subject_empty_value,
// e_subject_value_too_long, e_subject_value_not_utf8, e_subject_string_type,
// e_country_not_two_letters, e_cn_looks_like_domain, e_subject_empty, e_cn_not_in_san,
// e_issuer_subject_mismatch, n_issuer_not_checked, e_duplicate_extension,
// e_extension_not_in_profile, e_extension_malformed.
// Per profile extension, <x> one of bc, ku, ski, aki, policies, aia, crldp, eku, ocsp_nocheck,
// san: e_<x>_missing, e_<x>_not_critical, e_<x>_critical. Content: e_bc_not_ca, e_bc_ca,
// e_bc_pathlen_present, e_bc_pathlen_mismatch, e_ku_bits_mismatch, e_ski_not_sha1_of_spki,
// e_aki_no_key_id, e_aki_has_issuer_serial, e_aki_mismatch, e_policies_missing_required,
// e_policies_one_of, e_aia_not_uri, e_aia_uri_not_http, e_aia_ca_issuers_missing,
// e_aia_ocsp_missing, e_crldp_not_uri, e_crldp_uri_not_http, e_crldp_no_uri,
// e_crldp_reasons_or_issuer, e_eku_missing_purpose, e_eku_purpose_not_allowed, e_san_dns_invalid,
// e_san_dns_wildcard, e_san_ip_invalid, e_san_email_invalid, e_san_type_not_allowed,
// e_san_too_few_names, e_san_permanent_id_missing, e_san_permanent_id_no_value,
// e_san_permanent_id_assigner.
// With the issuing CA's certificate: e_issuer_not_ca, e_issuer_path_len_exceeded,
// e_validity_outlives_issuer, e_subject_key_is_issuer_key.
// Cross-certificates (lint_cross_certificate): e_cross_existing_missing, e_cross_subject_mismatch,
// e_cross_key_mismatch, e_cross_ski_mismatch.
// e_lint_failed: a lint itself failed; the certificate is not trusted.
#pragma once

#include <openssl/x509.h>

#include <string>
#include <vector>

#include "profile/profile.h"

namespace kr::lint {

enum class Severity { error, warning, notice };

struct Finding {
  std::string id;
  Severity severity = Severity::error;
  std::string message;
};

// issuer: the issuing CA's certificate, or nullptr for a self-signed one.
std::vector<Finding> lint_certificate(const X509* cert, const profile::Profile& profile,
                                      const X509* issuer);

// A cross-certificate: lint_certificate, then the links to the certificate it certifies again:
// the same subject name bytes, SubjectPublicKeyInfo bytes and subjectKeyIdentifier.
std::vector<Finding> lint_cross_certificate(const X509* cert, const profile::Profile& profile,
                                            const X509* issuer, const X509* existing);

bool has_errors(const std::vector<Finding>& findings);
std::string_view severity_name(Severity s);

}  // namespace kr::lint
