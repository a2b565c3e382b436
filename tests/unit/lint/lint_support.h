// Helpers for the lint tests: third-party and hand-made artifacts on disk, a certificate builder
// whose result each test breaks in one way (through OpenSSL's own setters, never hand-written
// DER), a CRL builder that keeps entries in the order given, and finding accessors.
#pragma once

#include <doctest/doctest.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "lint/linter.h"
#include "ossl/der.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "unit/lint/findings.h"
#include "unit/x509/test_support.h"
#include "util/atomic_file.h"

// Failed CHECKs on id lists print the lists.
namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "{";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace kr::test {

using Ids = std::vector<std::string>;

inline std::filesystem::path broken_dir() {
  return std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "broken";
}

inline ossl::X509Ptr broken_cert(const std::string& file) {
  return ossl::read_certificate(read_file(broken_dir() / file), file);
}

// A fresh directory under KR_TEST_TMP for files a test writes.
inline std::filesystem::path lint_temp_dir(const std::string& name) {
  const char* base = std::getenv("KR_TEST_TMP");
  std::filesystem::path dir =
      (base ? std::filesystem::path(base) : std::filesystem::temp_directory_path()) /
      ("kr-unit-lint-" + std::to_string(getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// A profiles directory holding only the named profiles of templates/profiles, so that profile
// selection in a test does not change when more profiles are added to the tree.
inline std::filesystem::path profiles_with(const std::string& name,
                                           const std::vector<std::string>& profiles) {
  auto dir = lint_temp_dir(name);
  for (const auto& p : profiles)
    std::filesystem::copy_file(profile::default_profiles_dir() / (p + ".yaml"),
                               dir / (p + ".yaml"));
  return dir;
}

inline EVP_PKEY* ca_key() {
  return shared_key("P-256");
}
inline EVP_PKEY* other_key() {
  return shared_key("P-384");
}

inline ossl::X509NamePtr name_of(const std::string& cn) {
  ossl::X509NamePtr n(X509_NAME_new());
  X509_NAME_add_entry_by_txt(n.get(), "C", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("US"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(n.get(), "O", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>("keyrite tests"), -1, -1, 0);
  X509_NAME_add_entry_by_txt(n.get(), "CN", MBSTRING_UTF8,
                             reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
  return n;
}

// Adds an extension the way openssl.cnf would write it ("critical,CA:TRUE"); issuer gives the
// authorityKeyIdentifier its key identifier.
inline void add_ext(X509* cert, int nid, const char* value, const X509* issuer = nullptr) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, const_cast<X509*>(issuer ? issuer : cert), cert, nullptr, nullptr, 0);
  ossl::X509ExtensionPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
  if (!ext) ossl::throw_error(std::string("extension ") + value);
  X509_add_ext(cert, ext.get(), -1);
}

inline void set_time(X509* cert, const char* not_before, const char* not_after) {
  ossl::Asn1TimePtr nb(ASN1_TIME_new()), na(ASN1_TIME_new());
  ASN1_TIME_set_string_X509(nb.get(), not_before);
  ASN1_TIME_set_string_X509(na.get(), not_after);
  X509_set1_notBefore(cert, nb.get());
  X509_set1_notAfter(cert, na.get());
}

// Named apart from x509/crl_csr_ocsp_support.h's kr::test::CertSpec: unit-lint links tests that
// include either, and two classes of one name in one program break the one-definition rule (the
// linker kept one make_cert for both, and LeakSanitizer saw the other layout's vector leak).
struct LintCertSpec {
  std::string cn = "Lint Test Root CA";
  const X509* issuer = nullptr;  // nullptr: self-signed
  EVP_PKEY* key = nullptr;       // subject key; default ca_key()
  EVP_PKEY* signer = nullptr;    // default: the issuer's key (ca_key()), or the subject key
  bool ca = true;
  const char* not_before = "20250101000000Z";
  const char* not_after = "20350101000000Z";
};

// A clean certificate: v3, positive 16-octet serial, C/O/CN names, basicConstraints and keyUsage
// critical, subjectKeyIdentifier, authorityKeyIdentifier when issued by another certificate. The
// tweak breaks it before it is signed; the result is re-parsed from DER.
inline ossl::X509Ptr make_cert(const LintCertSpec& spec = {},
                               const std::function<void(X509*)>& tweak = {}) {
  ossl::X509Ptr cert(X509_new());
  X509_set_version(cert.get(), X509_VERSION_3);
  ossl::Asn1IntegerPtr serial(ASN1_INTEGER_new());
  ossl::BignumPtr bn(BN_new());
  BN_rand(bn.get(), 127, BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY);
  BN_to_ASN1_INTEGER(bn.get(), serial.get());
  X509_set_serialNumber(cert.get(), serial.get());
  auto subject = name_of(spec.cn);
  X509_set_subject_name(cert.get(), subject.get());
  X509_set_issuer_name(cert.get(),
                       spec.issuer ? X509_get_subject_name(spec.issuer) : subject.get());
  set_time(cert.get(), spec.not_before, spec.not_after);
  EVP_PKEY* key = spec.key ? spec.key : ca_key();
  X509_set_pubkey(cert.get(), key);
  add_ext(cert.get(), NID_basic_constraints, spec.ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_ext(cert.get(), NID_key_usage,
          spec.ca ? "critical,digitalSignature,keyCertSign,cRLSign" : "critical,digitalSignature");
  add_ext(cert.get(), NID_subject_key_identifier, "hash");
  if (spec.issuer) add_ext(cert.get(), NID_authority_key_identifier, "keyid:always", spec.issuer);
  if (tweak) tweak(cert.get());
  EVP_PKEY* signer = spec.signer ? spec.signer : spec.issuer ? ca_key() : key;
  sign(cert.get(), signer, "ecdsa-with-SHA256");
  return reparse(cert.get());
}

// Adds an attribute to the subject of a self-signed certificate, and to its issuer name too so
// that it stays self-issued.
inline void add_to_subject(X509* cert, const char* field, int type, const std::string& value) {
  bool self = X509_NAME_cmp(X509_get_subject_name(cert), X509_get_issuer_name(cert)) == 0;
  X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), field, type,
                             reinterpret_cast<const unsigned char*>(value.data()),
                             static_cast<int>(value.size()), -1, 0);
  if (self) X509_set_issuer_name(cert, X509_get_subject_name(cert));
}

// Removes every extension with this NID.
inline void drop_ext(X509* cert, int nid) {
  for (int i; (i = X509_get_ext_by_NID(cert, nid, -1)) >= 0;)
    X509_EXTENSION_free(X509_delete_ext(cert, i));
}

inline void set_critical(X509* cert, int nid, bool critical) {
  int i = X509_get_ext_by_NID(cert, nid, -1);
  if (i >= 0) X509_EXTENSION_set_critical(X509_get_ext(cert, i), critical ? 1 : 0);
}

// A CRL entry: serial, revocation date, and optional reasonCode (with its criticality).
struct CrlEntry {
  long serial;
  const char* date = "20241201000000Z";
  long reason = -1;  // -1: no reasonCode
  bool reason_critical = false;
};

// A v2 CRL issued by `issuer` (crlNumber 7, authorityKeyIdentifier), entries kept in the order
// given (X509_CRL_sort is never called), signed with ca_key(); tweak runs before signing.
inline ossl::X509CrlPtr make_crl(const X509* issuer, const std::vector<CrlEntry>& entries,
                                 const std::function<void(X509_CRL*)>& tweak = {}) {
  ossl::X509CrlPtr crl(X509_CRL_new());
  X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2);
  X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer));
  ossl::Asn1TimePtr this_update(ASN1_TIME_new()), next_update(ASN1_TIME_new());
  ASN1_TIME_set_string_X509(this_update.get(), "20250101000000Z");
  ASN1_TIME_set_string_X509(next_update.get(), "20250201000000Z");
  X509_CRL_set1_lastUpdate(crl.get(), this_update.get());
  X509_CRL_set1_nextUpdate(crl.get(), next_update.get());
  for (const auto& e : entries) {
    X509_REVOKED* r = X509_REVOKED_new();
    ossl::Asn1IntegerPtr serial(ASN1_INTEGER_new());
    ASN1_INTEGER_set(serial.get(), e.serial);
    X509_REVOKED_set_serialNumber(r, serial.get());
    ossl::Asn1TimePtr date(ASN1_TIME_new());
    ASN1_TIME_set_string_X509(date.get(), e.date);
    X509_REVOKED_set_revocationDate(r, date.get());
    if (e.reason >= 0) {
      std::unique_ptr<ASN1_ENUMERATED, ossl::Deleter<ASN1_ENUMERATED_free>> code(
          ASN1_ENUMERATED_new());
      ASN1_ENUMERATED_set(code.get(), e.reason);
      X509_REVOKED_add1_ext_i2d(r, NID_crl_reason, code.get(), e.reason_critical ? 1 : 0, 0);
    }
    X509_CRL_add0_revoked(crl.get(), r);
  }
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, const_cast<X509*>(issuer), nullptr, nullptr, crl.get(), 0);
  ossl::X509ExtensionPtr aki(
      X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always"));
  X509_CRL_add_ext(crl.get(), aki.get(), -1);
  ossl::Asn1IntegerPtr number(ASN1_INTEGER_new());
  ASN1_INTEGER_set(number.get(), 7);
  X509_CRL_add1_ext_i2d(crl.get(), NID_crl_number, number.get(), 0, 0);
  if (tweak) tweak(crl.get());
  if (X509_CRL_sign(crl.get(), ca_key(), EVP_sha256()) <= 0) ossl::throw_error("X509_CRL_sign");
  return crl;
}

inline Bytes crl_der(const X509_CRL* crl) {
  int len = i2d_X509_CRL(crl, nullptr);
  Bytes out(static_cast<std::size_t>(len > 0 ? len : 0));
  unsigned char* p = out.data();
  i2d_X509_CRL(crl, &p);
  return out;
}

// The CRL as a reader sees it: parsed from its DER.
inline ossl::X509CrlPtr reparse_crl(const X509_CRL* crl) {
  Bytes der = crl_der(crl);
  const unsigned char* p = der.data();
  return ossl::X509CrlPtr(d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size())));
}

// A CSR for "C=US, O=keyrite tests, CN=Request" plus an OU written as a PrintableString, in DER.
inline Bytes make_csr_der(const std::string& ou) {
  ossl::X509ReqPtr req(X509_REQ_new());
  auto name = name_of("Request");
  X509_NAME_add_entry_by_txt(name.get(), "OU", V_ASN1_PRINTABLESTRING,
                             reinterpret_cast<const unsigned char*>(ou.c_str()), -1, -1, 0);
  X509_REQ_set_subject_name(req.get(), name.get());
  X509_REQ_set_pubkey(req.get(), ca_key());
  if (X509_REQ_sign(req.get(), ca_key(), EVP_sha256()) <= 0) ossl::throw_error("X509_REQ_sign");
  unsigned char* der = nullptr;
  int len = i2d_X509_REQ(req.get(), &der);
  Bytes out(der, der + (len > 0 ? len : 0));
  OPENSSL_free(der);
  return out;
}

// A successful OCSP response saying serial 0x1001 of `about` is good (2025-01-01 to 01-08),
// signed by `signer` with `key`, in DER.
inline Bytes make_ocsp_der(const X509* about, const X509* signer, EVP_PKEY* key) {
  ossl::OcspBasicRespPtr basic(OCSP_BASICRESP_new());
  ossl::Asn1IntegerPtr serial(ASN1_INTEGER_new());
  ASN1_INTEGER_set(serial.get(), 0x1001);
  OCSP_CERTID* id = OCSP_cert_id_new(EVP_sha1(), X509_get_subject_name(about),
                                     X509_get0_pubkey_bitstr(about), serial.get());
  ossl::Asn1TimePtr this_update(ASN1_TIME_new()), next_update(ASN1_TIME_new());
  ASN1_TIME_set_string_X509(this_update.get(), "20250101000000Z");
  ASN1_TIME_set_string_X509(next_update.get(), "20250108000000Z");
  OCSP_basic_add1_status(basic.get(), id, V_OCSP_CERTSTATUS_GOOD, 0, nullptr, this_update.get(),
                         next_update.get());
  OCSP_CERTID_free(id);
  if (OCSP_basic_sign(basic.get(), const_cast<X509*>(signer), key, EVP_sha256(), nullptr,
                      OCSP_NOCERTS) != 1)
    ossl::throw_error("OCSP_basic_sign");
  ossl::OcspResponsePtr response(
      OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
  unsigned char* der = nullptr;
  int len = i2d_OCSP_RESPONSE(response.get(), &der);
  Bytes out(der, der + (len > 0 ? len : 0));
  OPENSSL_free(der);
  return out;
}

}  // namespace kr::test
