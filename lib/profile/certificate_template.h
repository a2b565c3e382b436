// From a checked request to the builder's template: the step that joins the profile (which
// extensions, which issuer rule) with what the script asked for.
#pragma once

#include "profile/profile.h"
#include "profile/request_check.h"
#include "util/bytes.h"
#include "x509/builder.h"

namespace kr::profile {

// For an issuer-certificate profile the issuer's subject is copied byte for byte and its
// subjectKeyIdentifier feeds authorityKeyIdentifier. Throws kr::Error when the profile needs an
// issuer the request lacks. Call check_request first: this does not repeat its checks.
x509::CertificateTemplate certificate_template(const Profile& profile,
                                               const CertificateRequest& request, Bytes serial);

}  // namespace kr::profile
