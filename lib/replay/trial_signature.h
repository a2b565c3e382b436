// Signing a re-derived object with a throwaway software key of the signer's type, only to make
// OpenSSL write the signature AlgorithmIdentifier into the to-be-signed bytes exactly as the
// ceremony's trial signature did (RSASSA-PSS parameters included). The signature itself is
// thrown away; the to-be-signed bytes are what replay compares. Independent of lib/provider.
#pragma once

#include <openssl/evp.h>

#include <string>

#include "ossl/types.h"

namespace kr::replay {

// A signing context for a CPS Appendix A algorithm name with `key`. Throws kr::Error for an
// unknown name or a key of the wrong family.
ossl::EvpMdCtxPtr signing_context(EVP_PKEY* key, const std::string& algorithm);

}  // namespace kr::replay
