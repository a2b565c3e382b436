// Signing contexts by signature algorithm name (CPS Appendix A), for HSM keys and software keys
// alike, so the certificate, CRL, CSR and OCSP code signs its throwaway software key and the HSM
// key through the same call.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ossl/types.h"

namespace kr::provider {

// "sha256WithRSAEncryption", "sha384WithRSAEncryption", "sha512WithRSAEncryption",
// "rsassaPss-sha256", "rsassaPss-sha384", "rsassaPss-sha512",
// "ecdsa-with-SHA256", "ecdsa-with-SHA384", "ecdsa-with-SHA512".
const std::vector<std::string>& signature_algorithm_names();

// An EVP_MD_CTX initialised for signing with `key` (an HSM key from load_hsm_key or any software
// key), ready for X509_sign_ctx, X509_CRL_sign_ctx, X509_REQ_sign_ctx, OCSP_basic_sign_ctx or
// EVP_DigestSign. RSASSA-PSS uses MGF1 with the same digest and a salt as long as the digest.
// Throws kr::Error for an unknown name (listing the known ones) or a key of the wrong type.
ossl::EvpMdCtxPtr make_signing_context(EVP_PKEY* key, std::string_view algorithm);

}  // namespace kr::provider
