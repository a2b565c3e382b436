// Revocation data: a CRL per CA listing the children the spec revokes, and the OCSP response of a
// leaf that asks for one (signed by its issuing CA, RFC 5019 shape). Both are valid from an hour
// before the reference time for seven days; revocations date from that hour too.
#pragma once

#include <vector>

#include "ossl/types.h"
#include "testpki/issue.h"
#include "x509/crl_builder.h"

namespace kr::testpki {

ossl::X509CrlPtr make_crl(const SeededLibrary& library, const Made& ca,
                          std::vector<x509::CrlEntry> entries, UtcTime reference);

Bytes ocsp_response(const SeededLibrary& library, const Made& leaf, bool revoked,
                    UtcTime reference);

// The CRL entry of a revoked certificate.
x509::CrlEntry revocation_entry(const Made& made, UtcTime reference);

}  // namespace kr::testpki
