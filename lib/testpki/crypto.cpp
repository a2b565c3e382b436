#include "testpki/crypto.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "ossl/error.h"
#include "util/error.h"
#include "x509/algorithms.h"
#include "x509/key_info.h"

namespace kr::testpki {

ossl::EvpPkeyPtr generate_key(OSSL_LIB_CTX* libctx, const KeySpec& key) {
  EVP_PKEY* out = key.family == KeySpec::Family::rsa
                      ? EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", static_cast<size_t>(key.bits))
                      : EVP_PKEY_Q_keygen(libctx, nullptr, "EC", key.curve.c_str());
  if (!out) ossl::throw_error("generating a " + key.text() + " key");
  return ossl::EvpPkeyPtr(out);
}

ossl::EvpPkeyPtr generate_rsa_1024(OSSL_LIB_CTX* libctx) {
  EVP_PKEY* out = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", static_cast<size_t>(1024));
  if (!out) ossl::throw_error("generating an RSA-1024 key");
  return ossl::EvpPkeyPtr(out);
}

ossl::EvpMdCtxPtr signing_context(OSSL_LIB_CTX* libctx, EVP_PKEY* key, std::string_view algorithm) {
  const x509::SignatureAlgorithm* alg = x509::find_signature_algorithm(algorithm);
  if (!alg || alg->family == x509::KeyFamily::dsa)
    throw Error("unknown signature algorithm \"" + std::string(algorithm) + "\"");
  const char* type = alg->family == x509::KeyFamily::rsa ? "RSA" : "EC";
  if (EVP_PKEY_is_a(key, type) != 1)
    throw Error(std::string(algorithm) + " needs an " + type + " signing key");
  std::string digest(alg->digest);
  char pss[] = OSSL_PKEY_RSA_PAD_MODE_PSS;
  char digest_len[] = OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST;
  OSSL_PARAM pss_params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, pss, 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, digest.data(), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, digest_len, 0),
      OSSL_PARAM_construct_end()};
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) ossl::throw_error("EVP_MD_CTX_new");
  if (EVP_DigestSignInit_ex(ctx.get(), nullptr, digest.c_str(), libctx, nullptr, key,
                            alg->pss ? pss_params : nullptr) != 1)
    ossl::throw_error("setting up " + std::string(algorithm));
  return ctx;
}

void sign_certificate(X509* cert, OSSL_LIB_CTX* libctx, EVP_PKEY* key, std::string_view algorithm) {
  auto ctx = signing_context(libctx, key, algorithm);
  if (X509_sign_ctx(cert, ctx.get()) <= 0) ossl::throw_error("signing a certificate");
}

void sign_crl(X509_CRL* crl, OSSL_LIB_CTX* libctx, EVP_PKEY* key, std::string_view algorithm) {
  auto ctx = signing_context(libctx, key, algorithm);
  if (X509_CRL_sign_ctx(crl, ctx.get()) <= 0) ossl::throw_error("signing a CRL");
}

void SignerCache::sign_certificate(X509* cert, EVP_PKEY* key, std::string_view algorithm) {
  std::pair<const EVP_PKEY*, std::string> id(key, std::string(algorithm));
  auto it = contexts_.find(id);
  if (it == contexts_.end())
    it = contexts_.emplace(id, signing_context(libctx_, key, algorithm)).first;
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_MD_CTX_copy_ex(ctx.get(), it->second.get()) != 1)
    ossl::throw_error("copying a signing context");
  if (X509_sign_ctx(cert, ctx.get()) <= 0) ossl::throw_error("signing a certificate");
}

std::string default_algorithm_for(const EVP_PKEY* key) {
  auto info = x509::describe_key(key);
  if (info.family == x509::KeyFamily::rsa) return "sha256WithRSAEncryption";
  if (info.curve == "P-384") return "ecdsa-with-SHA384";
  if (info.curve == "P-521") return "ecdsa-with-SHA512";
  return "ecdsa-with-SHA256";
}

}  // namespace kr::testpki
