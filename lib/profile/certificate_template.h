// From a checked request to the builder's template: the step that joins the profile (which
// extensions, which issuer rule, which settings a script may change) with what the script asked
// for.
#pragma once

#include <openssl/x509.h>

#include "profile/profile.h"
#include "profile/request_check.h"
#include "util/bytes.h"
#include "x509/builder.h"

namespace kr::profile {

// For an issuer-certificate profile the issuer's subject is copied byte for byte and its
// subjectKeyIdentifier feeds authorityKeyIdentifier. The request's settings are applied over the
// profile's defaults (apply_settings.h). For a cross-certificate profile this is
// cross_certificate_template with request.existing. Throws kr::Error when the profile needs an
// issuer the request lacks, when the issuer has no subjectKeyIdentifier, or when the request
// sets what the profile does not permit ("extensions.path-length: the root-ca profile does not
// let a script set path-length"). Call check_request first: this does not repeat its checks.
x509::CertificateTemplate certificate_template(const Profile& profile,
                                               const CertificateRequest& request, Bytes serial);

// A cross-certificate: the existing certificate's subject name bytes, SubjectPublicKeyInfo bytes
// and subjectKeyIdentifier bytes (method 1 when it has none) under the request's issuer, whose
// subject name bytes become the issuer name and whose subjectKeyIdentifier becomes the
// authorityKeyIdentifier. request.subject and request.public_key are not used. The returned
// template points into `existing` and request.issuer, which must outlive it.
x509::CertificateTemplate cross_certificate_template(const Profile& profile,
                                                     const CertificateRequest& request,
                                                     const X509* existing, Bytes serial);

// The subjectKeyIdentifier bytes of a certificate; empty when it has none or it does not decode.
Bytes subject_key_id_of(const X509* cert);

}  // namespace kr::profile
