// Signing contexts from x509's table of Appendix A algorithms.
#include "replay/trial_signature.h"

#include <openssl/core_names.h>
#include <openssl/rsa.h>

#include "ossl/error.h"
#include "util/error.h"
#include "x509/algorithms.h"
#include "x509/key_info.h"

namespace kr::replay {

ossl::EvpMdCtxPtr signing_context(EVP_PKEY* key, const std::string& algorithm) {
  const auto* alg = x509::find_signature_algorithm(algorithm);
  if (!alg || alg->forbidden) throw Error("unknown signature algorithm \"" + algorithm + "\"");
  const bool rsa = EVP_PKEY_is_a(key, "RSA") == 1;
  if ((alg->family == x509::KeyFamily::rsa) != rsa)
    throw Error(algorithm + " does not fit a " + x509::describe_key(key).text + " key");
  std::string digest(alg->digest);
  char pss[] = OSSL_PKEY_RSA_PAD_MODE_PSS;
  char salt[] = OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST;
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, pss, 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, digest.data(), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, salt, 0),
      OSSL_PARAM_construct_end()};
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit_ex(ctx.get(), nullptr, digest.c_str(), nullptr, nullptr, key,
                                    alg->pss ? params : nullptr) != 1)
    ossl::throw_error("cannot set up a " + algorithm + " signature");
  return ctx;
}

}  // namespace kr::replay
