// The RFC 5280 rules a profile cannot express, as lints of their own with stable ids: serial
// numbers, name and time encodings, extension criticality, key identifiers, the issuing CA's
// relation to what it signed, and CRL entries. They run beside the artifact's own lint (the
// profile lint, lint_crl, lint_csr) and leave out what that lint already reported (lint/sink.h).
// Like every keyrite lint they read only and never throw; a lint that fails is reported as
// e_lint_failed. lib/lint/README.md lists every id.
#pragma once

#include <openssl/x509.h>

#include <vector>

#include "lint/lint.h"
#include "util/bytes.h"

namespace kr::lint {

// issuer: the issuing CA's certificate (kr-lint --issuer), or nullptr. primary: the findings of
// the artifact's own lint, used to leave out duplicates.
std::vector<Finding> rfc5280_certificate(const X509* cert, const X509* issuer,
                                         const std::vector<Finding>& primary);

// der: the CRL exactly as read, so entry order is checked as written (OpenSSL sorts its parsed
// copy on the first serial lookup).
std::vector<Finding> rfc5280_crl(const X509_CRL* crl, ByteView der, const X509* issuer,
                                 const std::vector<Finding>& primary);

// The subject name's encodings (a CSR becomes a certificate's subject).
std::vector<Finding> rfc5280_csr(const X509_REQ* csr, const std::vector<Finding>& primary);

}  // namespace kr::lint
