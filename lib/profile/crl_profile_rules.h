// The CRL profile rules that apply both before a CRL is built (check_crl_request) and after it is
// signed (lint_crl), written once so the two agree and give the same messages.
#pragma once

#include <openssl/x509.h>

#include <optional>
#include <string>
#include <vector>

#include "profile/crl_profile.h"
#include "profile/rules.h"
#include "util/time.h"
#include "x509/algorithms.h"
#include "x509/key_info.h"

namespace kr::profile {

// e_crl_next_update_not_after_this_update, e_crl_interval_exceeds_profile (field next-update).
std::optional<Problem> check_crl_interval(const CrlProfile& p, UtcTime this_update,
                                          UtcTime next_update);

// e_crl_outside_issuer_validity (fields this-update, next-update): the CRL's period must lie inside
// the issuer certificate's validity. next_update may be absent (a foreign CRL).
std::vector<Problem> check_crl_issuer_validity(const X509* issuer, UtcTime this_update,
                                               std::optional<UtcTime> next_update);

// e_crl_issuer_not_crl_signer (field issuer): a keyUsage without cRLSign (RFC 5280 4.2.1.3).
std::optional<Problem> check_crl_issuer_key_usage(const X509* issuer);

// e_crl_reason_unspecified, e_crl_reason_not_allowed. `value` is the ASN.1 value (it may be one
// RFC 5280 does not define); `where` starts the message ("revoked[2]", "revoked[2] (serial 0a)");
// `field` is the request field ("revoked[2].reason").
std::optional<Problem> check_crl_reason(const CrlProfile& p, long value, const std::string& where,
                                        const std::string& field);

// e_crl_sig_alg_forbidden, e_crl_sig_alg_not_in_profile, e_crl_sig_alg_key_mismatch (field
// signature-algorithm); arguments as for check_signature_algorithm in rules.h.
std::optional<Problem> check_crl_signature_algorithm(const CrlProfile& p,
                                                     const x509::SignatureAlgorithm* alg,
                                                     const std::string& text,
                                                     const x509::KeyInfo* signer);

// RFC 5280 5.2.3 and 4.1.2.2: content octets of a DER INTEGER, sign octet included.
int integer_content_octets(const ASN1_INTEGER* value);

}  // namespace kr::profile
