// certificate_template: the issuer's key identifier is read from its certificate, not recomputed,
// because authorityKeyIdentifier must equal what the issuer published, whatever method it used.
// For the same reason a cross-certificate keeps the existing certificate's identifier.
#include "profile/certificate_template.h"

#include <openssl/x509v3.h>

#include "ossl/der.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "profile/apply_settings.h"
#include "util/error.h"
#include "x509/extensions.h"

namespace kr::profile {
namespace {

void refuse_unpermitted(const Profile& profile, const CertificateRequest& request) {
  auto names = unpermitted_settings(profile, request);
  if (!names.empty())
    throw Error("extensions." + names.front() + ": the " + profile.name +
                " profile does not let a script set " + names.front());
}

// Everything but the subject and its key.
x509::CertificateTemplate common(const Profile& profile, const CertificateRequest& request,
                                 Bytes serial) {
  refuse_unpermitted(profile, request);
  x509::CertificateTemplate t;
  t.serial = std::move(serial);
  t.not_before = request.not_before;
  t.not_after = request.not_after;
  t.extensions = apply_settings(profile, request);
  if (profile.issuer == IssuerRule::self) return t;
  if (!request.issuer)
    throw Error("the " + profile.name + " profile needs an issuing CA certificate");
  t.issuer_name = X509_get_subject_name(request.issuer);
  t.issuer_key_id = subject_key_id_of(request.issuer);
  return t;
}

}  // namespace

Bytes subject_key_id_of(const X509* cert) {
  std::unique_ptr<ASN1_OCTET_STRING, ossl::Deleter<ASN1_OCTET_STRING_free>> ski(
      static_cast<ASN1_OCTET_STRING*>(
          X509_get_ext_d2i(cert, NID_subject_key_identifier, nullptr, nullptr)));
  ossl::drain_errors();
  if (!ski) return {};
  return Bytes(ASN1_STRING_get0_data(ski.get()),
               ASN1_STRING_get0_data(ski.get()) + ASN1_STRING_length(ski.get()));
}

x509::CertificateTemplate certificate_template(const Profile& profile,
                                               const CertificateRequest& request, Bytes serial) {
  if (profile.cross_certificate) {
    if (!request.existing)
      throw Error("the " + profile.name +
                  " profile needs the existing certificate whose subject and key it certifies");
    return cross_certificate_template(profile, request, request.existing, std::move(serial));
  }
  x509::CertificateTemplate t = common(profile, request, std::move(serial));
  t.subject = request.subject;
  t.subject_printable = request.subject_printable;
  t.public_key = request.public_key;
  if (profile.issuer == IssuerRule::self) {
    t.issuer = request.subject;
    // A root's authorityKeyIdentifier (BRs 7.1.2.1.3: RECOMMENDED) is its own key identifier.
    if (x509::find_extension<x509::AuthorityKeyIdentifier>(profile.extensions) &&
        request.public_key) {
      const auto* ski = x509::find_extension<x509::SubjectKeyIdentifier>(profile.extensions);
      t.issuer_key_id = x509::key_identifier(
          request.public_key, ski ? ski->method : x509::KeyIdMethod::rfc5280_method_1);
    }
  }
  return t;
}

x509::CertificateTemplate cross_certificate_template(const Profile& profile,
                                                     const CertificateRequest& request,
                                                     const X509* existing, Bytes serial) {
  if (!existing) throw Error("a cross-certificate needs the existing certificate");
  x509::CertificateTemplate t = common(profile, request, std::move(serial));
  t.subject = x509::read_name(X509_get_subject_name(existing));  // for messages; not encoded
  t.subject_name = X509_get_subject_name(existing);
  t.public_key = X509_get0_pubkey(existing);
  if (!t.public_key) throw Error("the existing certificate's public key cannot be read");
  t.subject_public_key_info = ossl::spki_der(existing);
  t.subject_key_id = subject_key_id_of(existing);
  if (profile.issuer == IssuerRule::self) t.issuer_name = t.subject_name;
  return t;
}

}  // namespace kr::profile
