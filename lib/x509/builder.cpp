// Assembling the TBSCertificate with OpenSSL's setters. The signature AlgorithmIdentifier is left
// for the signer (X509_sign_ctx fills both copies from the signing context).
#include "x509/builder.h"

#include "ossl/der.h"
#include "ossl/error.h"
#include "util/error.h"
#include "x509/asn1_time.h"
#include "x509/extensions.h"
#include "x509/serial.h"

namespace kr::x509 {

ossl::X509Ptr build_certificate(const CertificateTemplate& t) {
  if (!t.public_key) throw Error("certificate template has no public key");
  if (t.not_after <= t.not_before)
    throw Error("not-after " + format_utc(t.not_after) + " is not later than not-before " +
                format_utc(t.not_before));
  ossl::X509Ptr cert(X509_new());
  if (!cert) ossl::throw_error("X509_new");
  ossl::check(X509_set_version(cert.get(), X509_VERSION_3), "X509_set_version");

  auto serial = serial_to_asn1(t.serial);
  ossl::check(X509_set_serialNumber(cert.get(), serial.get()), "X509_set_serialNumber");

  if (t.subject_name) {
    ossl::check(X509_set_subject_name(cert.get(), t.subject_name), "X509_set_subject_name");
  } else {
    auto subject = build_name(t.subject, t.subject_printable);
    ossl::check(X509_set_subject_name(cert.get(), subject.get()), "X509_set_subject_name");
  }
  if (t.issuer_name) {
    ossl::check(X509_set_issuer_name(cert.get(), t.issuer_name), "X509_set_issuer_name");
  } else {
    auto issuer = build_name(t.issuer, t.subject_printable);
    ossl::check(X509_set_issuer_name(cert.get(), issuer.get()), "X509_set_issuer_name");
  }

  auto not_before = to_asn1_time(t.not_before);
  auto not_after = to_asn1_time(t.not_after);
  ossl::check(X509_set1_notBefore(cert.get(), not_before.get()), "X509_set1_notBefore");
  ossl::check(X509_set1_notAfter(cert.get(), not_after.get()), "X509_set1_notAfter");

  // X509_set_pubkey only reads the key (it encodes the SPKI); the API predates const.
  ossl::check(X509_set_pubkey(cert.get(), const_cast<EVP_PKEY*>(t.public_key)), "X509_set_pubkey");
  if (!t.subject_public_key_info.empty() && ossl::spki_der(cert.get()) != t.subject_public_key_info)
    throw Error("the public key does not re-encode to the given SubjectPublicKeyInfo bytes");

  add_extensions(cert.get(), t.extensions, t.issuer_key_id, t.subject_key_id);
  return cert;
}

Bytes tbs_der(const X509* cert) {
  // i2d_re_X509_tbs only marks the cached encoding stale and re-encodes; the certificate's
  // content is unchanged, so the const_cast does not change what the caller sees.
  X509* x = const_cast<X509*>(cert);
  int len = i2d_re_X509_tbs(x, nullptr);
  if (len <= 0) ossl::throw_error("encoding the TBSCertificate");
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d_re_X509_tbs(x, &p) != len) ossl::throw_error("encoding the TBSCertificate");
  return out;
}

}  // namespace kr::x509
