// The TBSCertificate's own fields: RFC 5280 4.1.1.2 (the two signature algorithms agree), 4.1.2.1
// (version), 4.1.2.2 (serial number) and 4.1.2.5 (validity encoding). The ids are the profile
// lint's, because the defects are the same; here they also apply when no profile does.
#include "lint/rfc5280_internal.h"
#include "x509/asn1_time.h"

namespace kr::lint::rfc {

void serial(const CertContext& c) {
  const ASN1_INTEGER* s = X509_get0_serialNumber(c.cert);
  if (!s) return c.out.error("e_serial_not_positive", "the serial number is missing");
  bool zero = true;
  for (int i = 0; i < ASN1_STRING_length(s); ++i) zero &= ASN1_STRING_get0_data(s)[i] == 0;
  if (ASN1_STRING_type(s) == V_ASN1_NEG_INTEGER && !zero)
    c.out.error("e_serial_not_positive",
                "serial number " + integer_hex(s) +
                    " is negative; RFC 5280 4.1.2.2 requires a positive integer",
                "e_serial_not_positive");
  else if (zero)
    c.out.error("e_serial_not_positive",
                "serial number is zero; RFC 5280 4.1.2.2 requires a positive integer",
                "e_serial_not_positive");
  int octets = integer_content_octets(s);
  if (octets > 20)
    c.out.error("e_serial_too_long",
                "serial number is " + std::to_string(octets) +
                    " octets; RFC 5280 4.1.2.2 allows at most 20",
                "e_serial_too_long");
}

void version(const CertContext& c) {
  long v = X509_get_version(c.cert);
  if (v < X509_VERSION_1 || v > X509_VERSION_3)
    return c.out.error("e_version_invalid", "version field is " + std::to_string(v) +
                                                "; RFC 5280 4.1.2.1 allows only v1, v2 and v3");
  if (v != X509_VERSION_3 && X509_get_ext_count(c.cert) > 0)
    c.out.error("e_extensions_require_v3",
                "the certificate is v" + std::to_string(v + 1) +
                    " but has extensions; RFC 5280 4.1.2.1 requires v3",
                "e_version_not_v3");
}

void signature_algorithm(const CertContext& c) {
  const X509_ALGOR* inner = X509_get0_tbs_sigalg(c.cert);
  const X509_ALGOR* outer = nullptr;
  X509_get0_signature(nullptr, &outer, c.cert);
  if (inner && outer && X509_ALGOR_cmp(inner, outer) != 0)
    c.out.error("e_sig_alg_mismatch",
                "the TBSCertificate signature algorithm differs from signatureAlgorithm "
                "(RFC 5280 4.1.1.2)",
                "e_sig_alg_mismatch");
}

void validity(const CertContext& c) {
  const ASN1_TIME* nb = X509_get0_notBefore(c.cert);
  const ASN1_TIME* na = X509_get0_notAfter(c.cert);
  if (auto why = x509::time_encoding_problem(nb); !why.empty())
    c.out.error("e_validity_time_encoding", "notBefore: " + why + " (RFC 5280 4.1.2.5)",
                "e_validity_time_encoding");
  if (auto why = x509::time_encoding_problem(na); !why.empty())
    c.out.error("e_validity_time_encoding", "notAfter: " + why + " (RFC 5280 4.1.2.5)",
                "e_validity_time_encoding");
  auto not_before = read_time(nb), not_after = read_time(na);
  if (not_before && not_after && *not_after < *not_before)
    c.out.error(
        "e_validity_not_after_before_not_before",
        "notAfter " + format_utc(*not_after) + " is before notBefore " + format_utc(*not_before),
        "e_validity_not_after_before_not_before");
}

}  // namespace kr::lint::rfc
