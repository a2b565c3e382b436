// The CRL lint: a finished (signed, trial-signed or foreign) CRL against a CRL profile. Like the
// certificate lint it reads only, never verifies the signature and never throws on odd input;
// findings use Finding with stable ids.
//
// Ids: e_crl_version_not_v2, e_crl_sig_alg_mismatch (TBSCertList and outer AlgorithmIdentifier
// differ), e_crl_sig_alg_params_invalid, e_crl_sig_alg_forbidden, e_crl_sig_alg_not_in_profile,
// e_crl_sig_alg_key_mismatch, e_crl_time_encoding, e_crl_next_update_missing,
// e_crl_next_update_not_after_this_update, e_crl_interval_exceeds_profile,
// n_crl_issuer_not_checked, e_crl_issuer_mismatch, e_crl_outside_issuer_validity,
// e_crl_issuer_not_crl_signer, e_crl_duplicate_extension, e_crl_extension_unknown,
// e_crl_extension_critical, e_crl_extension_malformed, e_crl_number_missing,
// e_crl_number_negative (RFC 5280 5.2.3 allows 0..MAX), e_crl_number_too_long, e_crl_aki_missing,
// e_crl_aki_no_key_id, e_crl_aki_has_issuer_serial, e_crl_aki_mismatch, e_crl_entries_unsorted
// (reported once, with a count), e_crl_entry_duplicate, e_crl_entry_serial_not_positive,
// e_crl_entry_serial_too_long, e_crl_entry_time_encoding, e_crl_entry_after_this_update,
// e_crl_entry_ext_unknown, e_crl_entry_ext_critical, e_crl_entry_ext_duplicate,
// e_crl_entry_ext_malformed, e_crl_reason_unspecified, e_crl_reason_not_allowed,
// e_crl_lint_failed. Entry-level ids are reported for the first 5 entries, then once more as
// "... and N more revoked entries with the same problem".
#pragma once

#include <openssl/x509.h>

#include <vector>

#include "lint/lint.h"
#include "profile/crl_profile.h"

namespace kr::lint {

// issuer: the CA certificate that signs the CRL; nullptr when it is not known (the name, AKI and
// validity checks then give n_crl_issuer_not_checked).
std::vector<Finding> lint_crl(const X509_CRL* crl, const profile::CrlProfile& profile,
                              const X509* issuer);

}  // namespace kr::lint
