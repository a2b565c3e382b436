// Test helpers for CRLs, CSRs and OCSP responses: software signing contexts set up exactly as
// provider::make_signing_context sets them up for a software key (unit-x509 and unit-profile do not
// link lib/provider), small CA hierarchies made with OpenSSL's own extension encoders (so these
// tests do not depend on the certificate builder they do not test), and the real-world files.
#pragma once

#include <openssl/core_names.h>
#include <openssl/x509v3.h>

#include <string>
#include <utility>
#include <vector>

#include "unit/x509/test_support.h"
#include "util/time.h"
#include "x509/asn1_time.h"
#include "x509/crl_io.h"
#include "x509/key_info.h"
#include "x509/serial.h"

namespace kr::test {

inline UtcTime at(const char* text) {
  auto t = parse_utc(text);
  if (!t) throw std::runtime_error(std::string("bad test time ") + text);
  return *t;
}

// The digest and padding settings of provider::make_signing_context for a software key.
inline ossl::EvpMdCtxPtr signing_context(EVP_PKEY* key, std::string_view algorithm) {
  const x509::SignatureAlgorithm* alg = x509::find_signature_algorithm(algorithm);
  if (!alg) throw std::runtime_error("unknown algorithm " + std::string(algorithm));
  std::string digest(alg->digest);
  char pss[] = OSSL_PKEY_RSA_PAD_MODE_PSS;
  char digest_len[] = OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST;
  OSSL_PARAM pss_params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, pss, 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, digest.data(), 0),
      OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, digest_len, 0),
      OSSL_PARAM_construct_end()};
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  ossl::check(EVP_DigestSignInit_ex(ctx.get(), nullptr, digest.c_str(), nullptr, nullptr, key,
                                    alg->pss ? pss_params : nullptr),
              "EVP_DigestSignInit_ex");
  return ctx;
}

// The usual algorithm for a key: SHA-256 with RSA, or ECDSA with the curve's hash.
inline std::string algorithm_for(const EVP_PKEY* key) {
  x509::KeyInfo k = x509::describe_key(key);
  if (k.family == x509::KeyFamily::rsa) return "sha256WithRSAEncryption";
  if (k.curve == "P-384") return "ecdsa-with-SHA384";
  if (k.curve == "P-521") return "ecdsa-with-SHA512";
  return "ecdsa-with-SHA256";
}

using ExtensionList = std::vector<std::pair<int, std::string>>;  // NID, openssl.cnf value

inline ExtensionList ca_extensions() {
  return {{NID_basic_constraints, "critical,CA:TRUE"},
          {NID_key_usage, "critical,digitalSignature,keyCertSign,cRLSign"},
          {NID_subject_key_identifier, "hash"},
          {NID_authority_key_identifier, "keyid:always"}};
}

inline ExtensionList responder_extensions() {
  return {
      {NID_basic_constraints, "critical,CA:FALSE"}, {NID_key_usage, "critical,digitalSignature"},
      {NID_ext_key_usage, "OCSPSigning"},           {NID_id_pkix_OCSP_noCheck, "ignored"},
      {NID_subject_key_identifier, "hash"},         {NID_authority_key_identifier, "keyid:always"}};
}

struct CertSpec {
  std::string cn;
  EVP_PKEY* key = nullptr;       // the subject key
  const X509* issuer = nullptr;  // nullptr: self-signed
  EVP_PKEY* issuer_key = nullptr;
  UtcTime not_before = at("2025-01-01T00:00:00Z");
  UtcTime not_after = at("2045-01-01T00:00:00Z");
  ExtensionList extensions = ca_extensions();
};

inline ossl::X509Ptr make_cert(const CertSpec& s) {
  ossl::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  auto serial = x509::serial_to_asn1(x509::random_serial());
  X509_set_serialNumber(cert.get(), serial.get());
  ossl::X509NamePtr name(X509_NAME_new());
  X509_NAME_add_entry_by_txt(name.get(), "C", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("US"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name.get(), "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("Example"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(name.get(), "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(s.cn.c_str()), -1, -1, 0);
  X509_set_subject_name(cert.get(), name.get());
  X509_set_issuer_name(cert.get(), s.issuer ? X509_get_subject_name(s.issuer) : name.get());
  ossl::Asn1TimePtr nb(ASN1_TIME_set(nullptr, s.not_before.time_since_epoch().count()));
  ossl::Asn1TimePtr na(ASN1_TIME_set(nullptr, s.not_after.time_since_epoch().count()));
  X509_set1_notBefore(cert.get(), nb.get());
  X509_set1_notAfter(cert.get(), na.get());
  X509_set_pubkey(cert.get(), s.key);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, s.issuer ? const_cast<X509*>(s.issuer) : cert.get(), cert.get(), nullptr,
                 nullptr, 0);
  for (const auto& [nid, value] : s.extensions) {
    if (nid == NID_authority_key_identifier && !s.issuer) continue;  // roots omit it
    ossl::X509ExtensionPtr ext(X509V3_EXT_nconf_nid(nullptr, &ctx, nid, value.c_str()));
    if (!ext || X509_add_ext(cert.get(), ext.get(), -1) != 1)
      ossl::throw_error("test extension " + value);
  }
  EVP_PKEY* signer = s.issuer ? s.issuer_key : s.key;
  auto sctx = signing_context(signer, algorithm_for(signer));
  if (X509_sign_ctx(cert.get(), sctx.get()) <= 0) ossl::throw_error("X509_sign_ctx");
  return reparse(cert.get());
}

// A root CA with a P-256 key valid 2025-2045, made once per run.
struct TestRoot {
  EVP_PKEY* key = shared_key("P-256");
  ossl::X509Ptr cert = make_cert({.cn = "Example Root CA", .key = shared_key("P-256")});
};
inline const TestRoot& test_root() {
  static const TestRoot root;
  return root;
}

// The test root, a subordinate CA it issued (P-384) and a delegated OCSP responder (RSA 2048) with
// id-kp-OCSPSigning and id-pkix-ocsp-nocheck; made once per run.
struct OcspHierarchy {
  const TestRoot& root = test_root();
  EVP_PKEY* sub_key = shared_key("P-384");
  ossl::X509Ptr sub = make_cert(
      {.cn = "Example Sub CA", .key = sub_key, .issuer = root.cert.get(), .issuer_key = root.key});
  EVP_PKEY* responder_key = shared_key("rsa-2048");
  ossl::X509Ptr responder = make_cert({.cn = "Example Root OCSP",
                                       .key = responder_key,
                                       .issuer = root.cert.get(),
                                       .issuer_key = root.key,
                                       .extensions = responder_extensions()});
};
inline const OcspHierarchy& ocsp_hierarchy() {
  static const OcspHierarchy h;
  return h;
}

inline ossl::X509CrlPtr realworld_crl(const std::string& file) {
  return x509::read_crl(read_file(realworld_dir() / file), file);
}

}  // namespace kr::test
