// The CSR lint: a PKCS#10 request (RFC 2986) as keyrite makes it (make-csr) or receives it (issue
// from a CSR). It checks the proof of possession (the self-signature with the request's own key)
// because, unlike a certificate's, that signature is made by the key in the request itself.
// Never throws on odd input.
//
// Ids: e_csr_version, e_csr_signature_invalid, e_csr_sig_alg_forbidden,
// e_csr_sig_alg_not_appendix_a, e_csr_sig_alg_params_invalid, e_csr_sig_alg_key_mismatch,
// e_csr_key_unreadable, e_csr_key_too_weak, e_csr_key_not_allowed (CPS 6.1.5),
// e_csr_subject_empty, e_csr_subject_empty_value, e_csr_multi_attr_rdn, e_csr_attribute_unknown
// (anything but extensionRequest), e_csr_extension_malformed, e_csr_lint_failed.
#pragma once

#include <openssl/x509.h>

#include <vector>

#include "lint/lint.h"

namespace kr::lint {

std::vector<Finding> lint_csr(const X509_REQ* csr);

}  // namespace kr::lint
