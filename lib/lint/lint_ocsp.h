// The OCSP lint: a pre-signed RFC 6960 response (RFC 5019 profile: one SingleResponse, no nonce)
// against CPS 7.3 / 4.10.1 and the CA/Browser Forum Baseline Requirements 4.9.10. Reads only,
// never throws on odd input. Unlike the certificate and CRL lints it does verify the signature:
// an OCSP response names its signer, and a delegated signer must be authorized by the CA.
//
// Ids: e_ocsp_not_successful, e_ocsp_not_basic (checked first; nothing else is checked without
// them), e_ocsp_version, e_ocsp_single_response_count, e_ocsp_sig_alg_forbidden,
// e_ocsp_sig_alg_not_appendix_a, e_ocsp_sig_alg_params_invalid, e_ocsp_signature_invalid,
// e_ocsp_responder_id_mismatch, e_ocsp_signer_not_valid (at producedAt),
// e_ocsp_signer_not_authorized (delegated: not issued by the CA, or no id-kp-OCSPSigning),
// e_ocsp_nocheck_missing, e_ocsp_signer_cert_missing (delegated certificate not in certs),
// e_ocsp_time_encoding, e_ocsp_this_update_after_produced, e_ocsp_next_update_missing,
// e_ocsp_next_update_not_after_this_update, e_ocsp_interval, e_ocsp_certid_hash_forbidden,
// e_ocsp_certid_mismatch, e_ocsp_status_unknown, e_ocsp_revocation_after_this_update,
// e_ocsp_reason_not_allowed, e_ocsp_nonce_present, e_ocsp_extension_critical,
// n_ocsp_issuer_not_checked, e_ocsp_lint_failed.
#pragma once

#include <openssl/ocsp.h>
#include <openssl/x509.h>

#include <vector>

#include "lint/lint.h"
#include "util/bytes.h"

namespace kr::lint {

// What the response is about, which decides its longest allowed validity interval
// (nextUpdate - thisUpdate): BRs 4.9.10 / CPS 4.10.1.
enum class OcspSubjectKind {
  ca_certificate,  // subordinate CA certificates: at most 12 months (calendar)
  subscriber,      // subscriber certificates: at most 10 days, counted inclusively in seconds
};

struct OcspLintOptions {
  OcspSubjectKind subject_kind = OcspSubjectKind::ca_certificate;
  Bytes expected_serial;  // when not empty, the CertID's serial must equal it (big-endian)
};

// issuer: the CA that issued the certificate whose status this is (the CertID is checked against
// it); nullptr when unknown. signer: the delegated responder certificate that signed the
// response; nullptr when the CA signed it itself or when the signer is to be found in the
// response's certs by the responder ID. Without an issuer, a signer whose key the CertID's
// issuerKeyHash names is taken to be the CA.
std::vector<Finding> lint_ocsp_response(const OCSP_RESPONSE* response, const X509* issuer,
                                        const X509* signer);
std::vector<Finding> lint_ocsp_response(const OCSP_RESPONSE* response, const X509* issuer,
                                        const X509* signer, const OcspLintOptions& options);

}  // namespace kr::lint
