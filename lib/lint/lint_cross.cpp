// The cross-certificate links. They compare bytes, not meanings: a relying party's path builder
// matches names and key identifiers byte for byte, so "equivalent" is not good enough.
#include "lint/lint.h"
#include "ossl/der.h"
#include "profile/certificate_template.h"

namespace kr::lint {

std::vector<Finding> lint_cross_certificate(const X509* cert, const profile::Profile& profile,
                                            const X509* issuer, const X509* existing) {
  std::vector<Finding> out = lint_certificate(cert, profile, issuer);
  if (!cert) return out;
  if (!existing) {
    out.push_back({"e_cross_existing_missing", Severity::error,
                   "no existing certificate was given to compare the cross-certificate with"});
    return out;
  }
  try {
    if (ossl::name_der(X509_get_subject_name(cert)) !=
        ossl::name_der(X509_get_subject_name(existing)))
      out.push_back({"e_cross_subject_mismatch", Severity::error,
                     "the subject name is not byte for byte the existing certificate's"});
    if (ossl::spki_der(cert) != ossl::spki_der(existing))
      out.push_back({"e_cross_key_mismatch", Severity::error,
                     "the SubjectPublicKeyInfo is not byte for byte the existing certificate's"});
    Bytes existing_ski = profile::subject_key_id_of(existing);
    if (!existing_ski.empty() && profile::subject_key_id_of(cert) != existing_ski)
      out.push_back({"e_cross_ski_mismatch", Severity::error,
                     "subjectKeyIdentifier is " + to_hex(profile::subject_key_id_of(cert)) +
                         "; the existing certificate's is " + to_hex(existing_ski)});
  } catch (const std::exception& e) {
    out.push_back({"e_lint_failed", Severity::error,
                   std::string("lint cross-certificate could not run: ") + e.what()});
  }
  return out;
}

}  // namespace kr::lint
