// A tiny PKI made with plain OpenSSL calls, independent of keyrite's builder (unit-crosscheck links
// only kr_crosscheck), so the Botan checks have fresh roots, subordinates and CRLs to look at.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "util/bytes.h"
#include "util/time.h"

namespace kr::test {

template <class T, auto Free>
struct Freer {
  void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Freer<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Freer<X509, X509_free>>;
using Crl = std::unique_ptr<X509_CRL, Freer<X509_CRL, X509_CRL_free>>;

inline void ok(int rc, const char* what) {
  if (rc <= 0) throw std::runtime_error(std::string("OpenSSL: ") + what);
}

inline Key rsa(unsigned bits) {
  return Key(EVP_RSA_gen(bits));
}
inline Key ec(const char* curve) {
  return Key(EVP_EC_gen(curve));
}

inline void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  ok(ext != nullptr, "extension");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

struct CertSpec {
  std::string cn;
  const char* not_before = "2025-01-01T00:00:00Z";
  const char* not_after = "2045-01-01T00:00:00Z";
  const char* digest = "SHA256";
  bool pss = false;
  long serial = 0x1234567890;
};

// A CA certificate for `key`, signed by issuer_key (self-signed when issuer is null).
inline Cert make_ca(const CertSpec& spec, EVP_PKEY* key, const X509* issuer, EVP_PKEY* issuer_key) {
  Cert cert(X509_new());
  ok(X509_set_version(cert.get(), X509_VERSION_3), "version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), spec.serial);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "C", MBSTRING_UTF8, (const unsigned char*)"US", -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, (const unsigned char*)"Crosscheck", -1, -1,
                             0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, (const unsigned char*)spec.cn.c_str(), -1,
                             -1, 0);
  X509_set_issuer_name(cert.get(), issuer ? X509_get_subject_name(issuer) : name);
  ASN1_TIME_set(X509_getm_notBefore(cert.get()),
                parse_utc(spec.not_before)->time_since_epoch().count());
  ASN1_TIME_set(X509_getm_notAfter(cert.get()),
                parse_utc(spec.not_after)->time_since_epoch().count());
  ok(X509_set_pubkey(cert.get(), key), "pubkey");
  X509* ca = issuer ? const_cast<X509*>(issuer) : cert.get();
  add_ext(cert.get(), ca, NID_basic_constraints, "critical,CA:TRUE");
  add_ext(cert.get(), ca, NID_key_usage, "critical,digitalSignature,keyCertSign,cRLSign");
  add_ext(cert.get(), ca, NID_subject_key_identifier, "hash");
  if (issuer) add_ext(cert.get(), ca, NID_authority_key_identifier, "keyid:always");
  std::unique_ptr<EVP_MD_CTX, Freer<EVP_MD_CTX, EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  ok(EVP_DigestSignInit_ex(ctx.get(), &pctx, spec.digest, nullptr, nullptr,
                           issuer_key ? issuer_key : key, nullptr),
     "sign init");
  if (spec.pss) {
    ok(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING), "pss");
    ok(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST), "salt");
  }
  ok(X509_sign_ctx(cert.get(), ctx.get()), "sign");
  return cert;
}

// A CRL from issuer listing `revoked` (if any), valid from this_update for 30 days.
inline Crl make_crl(const X509* issuer, EVP_PKEY* issuer_key, const X509* revoked,
                    const char* this_update) {
  Crl crl(X509_CRL_new());
  X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer));
  auto t = parse_utc(this_update)->time_since_epoch().count();
  std::unique_ptr<ASN1_TIME, Freer<ASN1_TIME, ASN1_TIME_free>> last(ASN1_TIME_set(nullptr, t)),
      next(ASN1_TIME_set(nullptr, t + 30 * 86400));
  X509_CRL_set1_lastUpdate(crl.get(), last.get());
  X509_CRL_set1_nextUpdate(crl.get(), next.get());
  if (revoked) {
    X509_REVOKED* entry = X509_REVOKED_new();
    X509_REVOKED_set_serialNumber(entry,
                                  const_cast<ASN1_INTEGER*>(X509_get0_serialNumber(revoked)));
    X509_REVOKED_set_revocationDate(entry, last.get());
    X509_CRL_add0_revoked(crl.get(), entry);
  }
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, const_cast<X509*>(issuer), nullptr, nullptr, crl.get(), 0);
  X509_EXTENSION* aki =
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always");
  X509_CRL_add_ext(crl.get(), aki, -1);
  X509_EXTENSION_free(aki);
  ok(X509_CRL_sign(crl.get(), issuer_key, EVP_sha256()), "CRL sign");
  return crl;
}

template <class T, class F>
Bytes der_of(const T* obj, F i2d) {
  unsigned char* out = nullptr;
  int len = i2d(obj, &out);
  Bytes bytes(out, out + (len > 0 ? len : 0));
  OPENSSL_free(out);
  return bytes;
}
inline Bytes der(const X509* c) {
  return der_of(c, i2d_X509);
}
inline Bytes der(const X509_CRL* c) {
  return der_of(c, i2d_X509_CRL);
}
inline Bytes spki(const EVP_PKEY* k) {
  return der_of(k, i2d_PUBKEY);
}

// A real certificate from tests/data/realworld (a copy of ../shared/realworld), as DER.
inline Bytes realworld_der(const std::string& file) {
  auto path = std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "realworld" / file;
  std::unique_ptr<BIO, Freer<BIO, BIO_free>> bio(BIO_new_file(path.c_str(), "r"));
  if (!bio) throw std::runtime_error("cannot open " + path.string());
  Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  if (!cert) throw std::runtime_error("cannot parse " + path.string());
  return der(cert.get());
}

inline Bytes realworld_spki(const std::string& file) {
  Bytes cert_der = realworld_der(file);
  const unsigned char* p = cert_der.data();
  Cert cert(d2i_X509(nullptr, &p, static_cast<long>(cert_der.size())));
  return spki(X509_get0_pubkey(cert.get()));
}

inline UtcTime at(const char* text) {
  return *parse_utc(text);
}

}  // namespace kr::test
