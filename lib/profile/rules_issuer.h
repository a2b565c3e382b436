// Guardrails about the issuing CA that no profile or script setting can switch off, shared by the
// request check and the lint: the issuer is a CA that may sign certificates, and the new
// certificate's validity lies within the issuer's (a certificate never outlives its issuer).
#pragma once

#include <openssl/x509.h>

#include <vector>

#include "profile/profile.h"
#include "profile/rules.h"
#include "util/time.h"

namespace kr::profile {

// e_issuer_not_ca (no basicConstraints cA TRUE, or no keyUsage keyCertSign) and
// e_issuer_path_len_exceeded (the profile makes CA certificates and the issuer's
// pathLenConstraint is 0). Field "issuer".
std::vector<Problem> check_issuer_certificate(const Profile& p, const X509* issuer);

// e_validity_outlives_issuer: not-before before the issuer's not-before (field
// validity.not-before) or not-after after the issuer's not-after (field validity.not-after).
std::vector<Problem> check_within_issuer(UtcTime not_before, UtcTime not_after, const X509* issuer);

// e_subject_key_is_issuer_key: an issued certificate for the issuer's own key (field "key").
std::optional<Problem> check_not_issuer_key(const EVP_PKEY* subject_key, const X509* issuer);

}  // namespace kr::profile
