// certificate_template: the issuer's key identifier is read from its certificate, not recomputed,
// because authorityKeyIdentifier must equal what the issuer published, whatever method it used.
#include "profile/certificate_template.h"

#include <openssl/x509v3.h>

#include "ossl/types.h"
#include "util/error.h"

namespace kr::profile {

x509::CertificateTemplate certificate_template(const Profile& profile,
                                               const CertificateRequest& request, Bytes serial) {
  x509::CertificateTemplate t;
  t.subject = request.subject;
  t.serial = std::move(serial);
  t.not_before = request.not_before;
  t.not_after = request.not_after;
  t.public_key = request.public_key;
  t.extensions = profile.extensions;
  if (profile.issuer == IssuerRule::self) {
    t.issuer = request.subject;
    return t;
  }
  if (!request.issuer)
    throw Error("the " + profile.name + " profile needs an issuing CA certificate");
  t.issuer_name = X509_get_subject_name(request.issuer);
  std::unique_ptr<ASN1_OCTET_STRING, ossl::Deleter<ASN1_OCTET_STRING_free>> ski(
      static_cast<ASN1_OCTET_STRING*>(
          X509_get_ext_d2i(request.issuer, NID_subject_key_identifier, nullptr, nullptr)));
  if (ski)
    t.issuer_key_id.assign(ASN1_STRING_get0_data(ski.get()),
                           ASN1_STRING_get0_data(ski.get()) + ASN1_STRING_length(ski.get()));
  return t;
}

}  // namespace kr::profile
