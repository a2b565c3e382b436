// The CPS names mapped to OpenSSL digest and padding settings.
#include "provider/signing_context.h"

#include <openssl/core_names.h>

#include <array>

#include "ossl/error.h"
#include "provider/hsm_key.h"
#include "provider/provider.h"
#include "util/error.h"

namespace kr::provider {
namespace {

struct Algorithm {
  const char* name;
  const char* key_type;  // as EVP_PKEY_is_a() names it
  const char* digest;
  bool pss;
};

constexpr std::array<Algorithm, 9> kAlgorithms{{
    {"sha256WithRSAEncryption", "RSA", "SHA2-256", false},
    {"sha384WithRSAEncryption", "RSA", "SHA2-384", false},
    {"sha512WithRSAEncryption", "RSA", "SHA2-512", false},
    {"rsassaPss-sha256", "RSA", "SHA2-256", true},
    {"rsassaPss-sha384", "RSA", "SHA2-384", true},
    {"rsassaPss-sha512", "RSA", "SHA2-512", true},
    {"ecdsa-with-SHA256", "EC", "SHA2-256", false},
    {"ecdsa-with-SHA384", "EC", "SHA2-384", false},
    {"ecdsa-with-SHA512", "EC", "SHA2-512", false},
}};

const Algorithm& find(std::string_view name) {
  for (const auto& a : kAlgorithms)
    if (name == a.name) return a;
  std::string known;
  for (const auto& a : kAlgorithms) known += (known.empty() ? "" : ", ") + std::string(a.name);
  throw Error("unknown signature algorithm \"" + std::string(name) + "\"", "use one of: " + known);
}

}  // namespace

const std::vector<std::string>& signature_algorithm_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& a : kAlgorithms) out.emplace_back(a.name);
    return out;
  }();
  return names;
}

ossl::EvpMdCtxPtr make_signing_context(EVP_PKEY* key, std::string_view algorithm) {
  const Algorithm& alg = find(algorithm);
  if (!key) throw Error("no key to sign with " + std::string(alg.name));
  auto hsm = hsm_key_description(key);
  if (EVP_PKEY_is_a(key, alg.key_type) != 1)
    throw Error(std::string(alg.name) + " needs an " + alg.key_type + " key, not " +
                (hsm ? *hsm
                     : std::string(EVP_PKEY_get0_type_name(key) ? EVP_PKEY_get0_type_name(key)
                                                                : "this key")));

  char pss[] = OSSL_PKEY_RSA_PAD_MODE_PSS;
  char digest_len[] = OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST;
  OSSL_PARAM pss_params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, pss, 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST,
                                       const_cast<char*>(alg.digest), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, digest_len, 0),
      OSSL_PARAM_construct_end()};

  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) ossl::throw_error("EVP_MD_CTX_new");
  // HSM keys: keyrite's library context, whose default property query already prefers keyrite's
  // implementation (the one that talks to the token); passing no query avoids parsing one per
  // context. Software keys: the default context, as any OpenSSL caller would.
  OSSL_LIB_CTX* libctx = hsm ? hsm_libctx() : nullptr;
  if (EVP_DigestSignInit_ex(ctx.get(), nullptr, alg.digest, libctx, nullptr, key,
                            alg.pss ? pss_params : nullptr) != 1)
    ossl::throw_error("cannot sign with " + std::string(alg.name) + " using " +
                      (hsm ? *hsm : std::string("the software key")));
  return ctx;
}

}  // namespace kr::provider
