// Test helpers shared by the x509 and profile unit tests: software keys, a software signer (the
// stand-in for lib/provider until it exists), and the real-world certificates in ../shared.
#pragma once

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>

#include "ossl/der.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "util/atomic_file.h"
#include "x509/algorithms.h"

namespace kr::test {

inline ossl::EvpPkeyPtr rsa_key(unsigned bits) {
  ossl::EvpPkeyPtr key(EVP_RSA_gen(bits));
  if (!key) ossl::throw_error("EVP_RSA_gen");
  return key;
}

inline ossl::EvpPkeyPtr ec_key(const char* curve) {
  ossl::EvpPkeyPtr key(EVP_EC_gen(curve));
  if (!key) ossl::throw_error("EVP_EC_gen");
  return key;
}

// Key generation is the slow part of these tests; each kind is made once per run.
inline EVP_PKEY* shared_key(const std::string& kind) {
  static std::map<std::string, ossl::EvpPkeyPtr> keys;
  auto& slot = keys[kind];
  if (!slot)
    slot = kind.rfind("rsa-", 0) == 0 ? rsa_key(std::stoi(kind.substr(4))) : ec_key(kind.c_str());
  return slot.get();
}

// Signs with plain EVP_DigestSignInit, as the provider will for an HSM key.
inline void sign(X509* cert, EVP_PKEY* key, std::string_view algorithm, int pss_salt = -1) {
  const x509::SignatureAlgorithm* alg = x509::find_signature_algorithm(algorithm);
  if (!alg) throw std::runtime_error("unknown algorithm " + std::string(algorithm));
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  ossl::check(EVP_DigestSignInit_ex(ctx.get(), &pctx, std::string(alg->digest).c_str(), nullptr,
                                    nullptr, key, nullptr),
              "EVP_DigestSignInit_ex");
  if (alg->pss) {
    ossl::check(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), "PSS padding");
    ossl::check(
        EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, pss_salt < 0 ? RSA_PSS_SALTLEN_DIGEST : pss_salt),
        "PSS salt");
  }
  if (X509_sign_ctx(cert, ctx.get()) <= 0) ossl::throw_error("X509_sign_ctx");
}

inline std::filesystem::path realworld_dir() {
  return std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "realworld";
}

inline ossl::X509Ptr realworld_cert(const std::string& file) {
  return ossl::read_certificate(read_file(realworld_dir() / file), file);
}

// A certificate round-tripped through DER, as a verifier would see it.
inline ossl::X509Ptr reparse(const X509* cert) {
  Bytes der = ossl::cert_der(cert);
  return ossl::read_certificate(der, "reparsed certificate");
}

}  // namespace kr::test
