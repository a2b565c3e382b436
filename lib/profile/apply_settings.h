// A profile's extension list with a request's settings applied: the one place that decides what a
// setting changes, used by the request check (to see what would be built) and by
// certificate_template (to build it).
#pragma once

#include <string>
#include <vector>

#include "profile/profile.h"
#include "profile/request_check.h"
#include "x509/extension_spec.h"

namespace kr::profile {

// The settings the request gives that the profile does not permit, by name ("path-length").
std::vector<std::string> unpermitted_settings(const Profile& p, const CertificateRequest& r);

// The profile's extensions with every permitted setting applied: path-length replaces the
// basicConstraints pathLenConstraint; ca-issuers, ocsp and crl-distribution-points replace the
// profile's default URLs; policies replace the default policies, after the required ones; names
// fill subjectAltName. Settings the profile does not permit are ignored here (the request check
// reports them; certificate_template refuses them).
std::vector<x509::ExtensionSpec> apply_settings(const Profile& p, const CertificateRequest& r);

}  // namespace kr::profile
