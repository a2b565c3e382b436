// CRL entries, RFC 5280 5.1.2.6 and 5.3, read in the order they are written: ascending serial
// order (RFC 5280 does not require it, so out of order is a warning here; the CRL profile makes it
// an error), no serial listed twice, revocationDate encoded as 4.1.2.5 says, and the entry
// extensions (reasonCode, invalidityDate, certificateIssuer) valid and as critical as 5.3 says.
// Entries are counted from 1 in messages.
#include <openssl/err.h>

#include <algorithm>
#include <numeric>

#include "lint/rfc5280_internal.h"
#include "x509/asn1_time.h"

namespace kr::lint::rfc {
namespace {

bool critical(const X509_EXTENSION* ext) {
  return ext && X509_EXTENSION_get_critical(ext) == 1;
}

STACK_OF(X509_REVOKED) * entries_of(const X509_CRL* crl) {
  return X509_CRL_get_REVOKED(const_cast<X509_CRL*>(crl));
}

std::string entry_text(int index, const X509_REVOKED* r) {
  return "entry " + std::to_string(index + 1) + " (serial " +
         integer_hex(X509_REVOKED_get0_serialNumber(r)) + ")";
}

// RFC 5280 5.3.1 CRLReason values; 7 is not used.
bool is_crl_reason(long v) {
  return v >= 0 && v <= 10 && v != 7;
}

struct CrlFacts {
  bool delta = false;     // a delta CRL (deltaCRLIndicator)
  bool indirect = false;  // issuingDistributionPoint with indirectCRL TRUE
};

CrlFacts facts_of(const X509_CRL* crl) {
  CrlFacts f;
  const auto* exts = X509_CRL_get0_extensions(crl);
  f.delta = find_extension(exts, NID_delta_crl) != nullptr;
  if (X509_EXTENSION* ext = find_extension(exts, NID_issuing_distribution_point)) {
    Owned<ISSUING_DIST_POINT, ISSUING_DIST_POINT_free> idp(
        static_cast<ISSUING_DIST_POINT*>(X509V3_EXT_d2i(ext)));
    ERR_clear_error();
    f.indirect = idp && idp->indirectCRL;
  }
  return f;
}

void reason_code(const CrlContext& c, const std::string& where, X509_EXTENSION* ext,
                 const CrlFacts& facts) {
  if (critical(ext))
    c.out.error("e_crl_entry_ext_critical",
                where + ": reasonCode is critical; RFC 5280 5.3.1 makes it non-critical",
                "e_crl_entry_ext_critical");
  Owned<ASN1_ENUMERATED, ASN1_ENUMERATED_free> value(
      static_cast<ASN1_ENUMERATED*>(X509V3_EXT_d2i(ext)));
  ERR_clear_error();
  if (!value)
    return c.out.error("e_crl_entry_ext_malformed", where + ": reasonCode does not decode",
                       "e_crl_entry_ext_malformed");
  long reason = ASN1_ENUMERATED_get(value.get());
  ERR_clear_error();
  if (!is_crl_reason(reason))
    c.out.error(
        "e_crl_reason_invalid",
        where + ": reasonCode " + std::to_string(reason) + " is not a CRLReason (RFC 5280 5.3.1)",
        "e_crl_reason_not_allowed");
  else if (reason == 0)
    c.out.warning("w_crl_reason_unspecified",
                  where +
                      ": reasonCode is unspecified; RFC 5280 5.3.1 says the extension SHOULD "
                      "be absent instead",
                  "e_crl_reason_unspecified");
  else if (reason == 8 && !facts.delta)
    c.out.error("e_crl_reason_remove_from_crl",
                where +
                    ": reasonCode removeFromCRL in a CRL that is not a delta CRL; RFC 5280 "
                    "5.3.1 allows it only in delta CRLs",
                "e_crl_reason_not_allowed");
}

void invalidity_date(const CrlContext& c, const std::string& where, X509_EXTENSION* ext) {
  if (critical(ext))
    c.out.error("e_crl_entry_ext_critical",
                where + ": invalidityDate is critical; RFC 5280 5.3.2 makes it non-critical",
                "e_crl_entry_ext_critical");
  Owned<ASN1_GENERALIZEDTIME, ASN1_GENERALIZEDTIME_free> t(
      static_cast<ASN1_GENERALIZEDTIME*>(X509V3_EXT_d2i(ext)));
  ERR_clear_error();
  if (!t)
    return c.out.error("e_crl_entry_ext_malformed", where + ": invalidityDate does not decode",
                       "e_crl_entry_ext_malformed");
  const unsigned char* d = ASN1_STRING_get0_data(t.get());
  int len = ASN1_STRING_length(t.get());
  if (len != 15 || d[14] != 'Z' || !read_time(t.get()))
    c.out.error("e_crl_entry_time_encoding",
                where +
                    ": invalidityDate is not a GeneralizedTime of the form YYYYMMDDHHMMSSZ "
                    "(RFC 5280 5.3.2, 4.1.2.5.2)",
                "e_crl_entry_time_encoding");
}

void certificate_issuer(const CrlContext& c, const std::string& where, X509_EXTENSION* ext,
                        const CrlFacts& facts) {
  if (!critical(ext))
    c.out.error("e_crl_entry_certificate_issuer_not_critical",
                where + ": certificateIssuer is not critical; RFC 5280 5.3.3 requires it critical");
  if (!facts.indirect)
    c.out.error("e_crl_entry_certificate_issuer_not_indirect",
                where +
                    ": certificateIssuer in a CRL that is not an indirect CRL; RFC 5280 5.3.3 "
                    "allows it only with issuingDistributionPoint indirectCRL");
}

}  // namespace

void crl_entry_order(const CrlContext& c) {
  STACK_OF(X509_REVOKED)* entries = entries_of(c.as_written);
  int n = sk_X509_REVOKED_num(entries);
  if (n < 2) return;
  auto serial = [&](int i) {
    return X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(entries, i));
  };
  int out_of_order = 0, first = -1;
  for (int i = 1; i < n; ++i)
    if (ASN1_INTEGER_cmp(serial(i - 1), serial(i)) > 0) {
      ++out_of_order;
      if (first < 0) first = i;
    }
  if (out_of_order)
    c.out.warning("w_crl_entries_unsorted",
                  "revokedCertificates are not in ascending serial order: " +
                      entry_text(first, sk_X509_REVOKED_value(entries, first)) + " follows " +
                      entry_text(first - 1, sk_X509_REVOKED_value(entries, first - 1)) + " (" +
                      std::to_string(out_of_order) + " of " + std::to_string(n) +
                      " entries follow a larger serial; RFC 5280 does not require order, but "
                      "keyrite writes CRLs sorted)",
                  "e_crl_entries_unsorted");

  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return ASN1_INTEGER_cmp(serial(a), serial(b)) < 0; });
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i + 1;
    while (j < order.size() && ASN1_INTEGER_cmp(serial(order[i]), serial(order[j])) == 0) ++j;
    if (j - i > 1) {
      std::string where;
      for (std::size_t k = i; k < j && k < i + 5; ++k)
        where += (k == i ? "" : k + 1 == j ? " and " : ", ") + std::to_string(order[k] + 1);
      if (j - i > 5) where += " and " + std::to_string(j - i - 5) + " more";
      c.out.error("e_crl_entry_duplicate",
                  "serial " + integer_hex(serial(order[i])) + " is listed " +
                      std::to_string(j - i) + " times (entries " + where +
                      "); a certificate is revoked once",
                  "e_crl_entry_duplicate");
    }
    i = j;
  }
}

void crl_entries(const CrlContext& c) {
  CrlFacts facts = facts_of(c.crl);
  STACK_OF(X509_REVOKED)* entries = entries_of(c.as_written);
  for (int i = 0; i < sk_X509_REVOKED_num(entries); ++i) {
    const X509_REVOKED* r = sk_X509_REVOKED_value(entries, i);
    if (!r) continue;
    std::string where;  // built only when needed: 20,000 clean entries cost nothing
    auto at = [&]() -> const std::string& {
      if (where.empty()) where = entry_text(i, r);
      return where;
    };
    if (auto why = x509::time_encoding_problem(X509_REVOKED_get0_revocationDate(r)); !why.empty())
      c.out.error("e_crl_entry_time_encoding",
                  at() + ": revocationDate: " + why + " (RFC 5280 5.1.2.6)",
                  "e_crl_entry_time_encoding");
    const STACK_OF(X509_EXTENSION)* exts = X509_REVOKED_get0_extensions(r);
    if (sk_X509_EXTENSION_num(exts) <= 0) continue;
    duplicate_extensions(exts, c.out, "e_crl_entry_ext_duplicate", at() + ": ",
                         "e_crl_entry_ext_duplicate");
    if (X509_EXTENSION* ext = find_extension(exts, NID_crl_reason))
      reason_code(c, at(), ext, facts);
    if (X509_EXTENSION* ext = find_extension(exts, NID_invalidity_date))
      invalidity_date(c, at(), ext);
    if (X509_EXTENSION* ext = find_extension(exts, NID_certificate_issuer))
      certificate_issuer(c, at(), ext, facts);
  }
}

}  // namespace kr::lint::rfc
