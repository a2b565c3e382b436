// Lints that need the issuing CA's certificate: it is a CA that may sign, its validity contains
// the certificate's, and it did not certify its own key. The name and key-identifier links are
// checked in lint_names.cpp and lint_extensions.cpp.
#include "lint/lint_internal.h"
#include "profile/rules_issuer.h"
#include "x509/asn1_time.h"

namespace kr::lint::cert_lints {

void issuer_certificate(const Context& c) {
  if (!c.issuer || c.profile.issuer != profile::IssuerRule::issuer_certificate) return;
  for (const auto& p : profile::check_issuer_certificate(c.profile, c.issuer)) c.problem(p);
  auto not_before = x509::from_asn1_time(X509_get0_notBefore(c.cert));
  auto not_after = x509::from_asn1_time(X509_get0_notAfter(c.cert));
  if (not_before && not_after)
    for (const auto& p : profile::check_within_issuer(*not_before, *not_after, c.issuer))
      c.problem(p);
  if (auto p = profile::check_not_issuer_key(X509_get0_pubkey(c.cert), c.issuer)) c.problem(*p);
}

}  // namespace kr::lint::cert_lints
