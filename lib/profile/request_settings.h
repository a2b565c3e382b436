// The extension part of the request check: which settings the profile permits, whether their
// values are well-formed, and whether the extensions that would be built have what the profile
// requires (URLs, policies, names).
#pragma once

#include <vector>

#include "profile/profile.h"
#include "profile/request_check.h"
#include "profile/rules.h"

namespace kr::profile {

// e_setting_not_permitted, e_setting_invalid, e_bc_pathlen_mismatch, e_aia_uri_not_http,
// e_crldp_uri_not_http, e_aia_ca_issuers_missing, e_aia_ocsp_missing, e_crldp_no_uri,
// e_policies_missing, e_policies_one_of and the subjectAltName ids of rules_san.h.
std::vector<Problem> check_settings(const Profile& p, const CertificateRequest& r);

}  // namespace kr::profile
