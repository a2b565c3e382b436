#include "lint/status.h"

#include "x509/asn1_time.h"
#include "x509/serial.h"

namespace kr::lint {

std::vector<Finding> status_lints(const X509* cert, const StatusOptions& options) {
  std::vector<Finding> out;
  if (options.at) {
    auto nb = x509::from_asn1_time(X509_get0_notBefore(cert));
    auto na = x509::from_asn1_time(X509_get0_notAfter(cert));
    if (na && *na < *options.at)
      out.push_back({"e_expired_at", Severity::error,
                     "expired at " + format_utc(*options.at) + ": notAfter is " + format_utc(*na)});
    if (nb && *nb > *options.at)
      out.push_back(
          {"e_not_yet_valid_at", Severity::error,
           "not yet valid at " + format_utc(*options.at) + ": notBefore is " + format_utc(*nb)});
  }
  for (const X509_CRL* crl : options.crls) {
    if (X509_NAME_cmp(X509_CRL_get_issuer(crl), X509_get_issuer_name(cert)) != 0) continue;
    X509_REVOKED* entry = nullptr;
    // X509_CRL_get0_by_serial sorts the CRL's parsed copy; the CRL itself is not changed.
    if (X509_CRL_get0_by_serial(const_cast<X509_CRL*>(crl), &entry, X509_get0_serialNumber(cert)) ==
        1) {
      auto when = x509::from_asn1_time(X509_REVOKED_get0_revocationDate(entry));
      out.push_back({"e_certificate_revoked", Severity::error,
                     "serial " + x509::serial_hex(X509_get0_serialNumber(cert)) +
                         " is revoked by the issuer's CRL" +
                         (when ? " since " + format_utc(*when) : std::string())});
    }
  }
  return out;
}

}  // namespace kr::lint
