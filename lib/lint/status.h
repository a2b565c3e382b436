// Lints of a certificate's status rather than its content, run only when kr-lint is asked:
// --at TIME judges the validity period at that time (kr-lint otherwise never reads a clock, so a
// result never changes with the date), and --crl FILE looks the certificate up in CRLs of its
// issuer. kr-testpki's expired, not-yet-valid and revoked defects are reported here.
#pragma once

#include <openssl/x509.h>

#include <optional>
#include <vector>

#include "lint/lint.h"
#include "util/time.h"

namespace kr::lint {

struct StatusOptions {
  std::optional<UtcTime> at;          // --at
  std::vector<const X509_CRL*> crls;  // --crl, owned by the caller
};

// e_expired_at (notAfter before `at`), e_not_yet_valid_at (notBefore after `at`),
// e_certificate_revoked (listed in a CRL whose issuer is the certificate's issuer).
std::vector<Finding> status_lints(const X509* cert, const StatusOptions& options);

}  // namespace kr::lint
