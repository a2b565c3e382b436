// Lints of the revokedCertificates list: order, duplicates, serials, revocation dates and the
// entry extensions reasonCode and invalidityDate (CPS 7.2.2, RFC 5280 5.1.2.6 and 5.3).
#include <openssl/bn.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <set>

#include "lint/lint_crl_internal.h"
#include "profile/crl_profile_rules.h"
#include "x509/asn1_time.h"
#include "x509/serial.h"

namespace kr::lint::crl_lints {
namespace {

using EnumeratedPtr = std::unique_ptr<ASN1_ENUMERATED, ossl::Deleter<ASN1_ENUMERATED_free>>;
using GeneralizedTimePtr =
    std::unique_ptr<ASN1_GENERALIZEDTIME, ossl::Deleter<ASN1_GENERALIZEDTIME_free>>;

std::string entry(int i) {
  return "revoked[" + std::to_string(i) + "]";
}

std::string entry_with_serial(int i, const X509_REVOKED* r) {
  return entry(i) + " (serial " + x509::serial_hex(X509_REVOKED_get0_serialNumber(r)) + ")";
}

// RFC 5280 5.3.2: invalidityDate is always GeneralizedTime, in Zulu time, whole seconds.
std::string invalidity_date_problem(const ASN1_GENERALIZEDTIME* t) {
  if (ASN1_STRING_type(t) != V_ASN1_GENERALIZEDTIME) return "it is not a GeneralizedTime";
  if (!x509::from_asn1_time(t)) return "it does not parse";
  if (ASN1_STRING_length(t) != 15 || ASN1_STRING_get0_data(t)[14] != 'Z')
    return "it is not of the form YYYYMMDDHHMMSSZ";
  return {};
}

void entry_extensions(const Context& c, EntryFindings& f, int i, const X509_REVOKED* r) {
  const STACK_OF(X509_EXTENSION)* exts = X509_REVOKED_get0_extensions(r);
  std::set<int> seen;
  for (int k = 0; k < sk_X509_EXTENSION_num(exts); ++k) {
    X509_EXTENSION* ext = sk_X509_EXTENSION_value(exts, k);
    const ASN1_OBJECT* obj = X509_EXTENSION_get_object(ext);
    int nid = OBJ_obj2nid(obj);
    std::string name = crl_extension_name(obj);
    const std::string where = entry_with_serial(i, r);  // entries with extensions are the few
    if (X509_EXTENSION_get_critical(ext))
      f.error("e_crl_entry_ext_critical", where + ": " + name +
                                              " is critical; keyrite's CRL entry extensions are "
                                              "non-critical (RFC 5280 5.3)");
    if (nid != NID_undef && !seen.insert(nid).second) {
      f.error("e_crl_entry_ext_duplicate", where + ": " + name + " appears more than once");
      continue;
    }
    if (nid == NID_crl_reason) {
      EnumeratedPtr code(static_cast<ASN1_ENUMERATED*>(X509V3_EXT_d2i(ext)));
      long value = code ? ASN1_ENUMERATED_get(code.get()) : -1;
      if (!code || value < 0) {
        f.error("e_crl_entry_ext_malformed", where + ": reasonCode cannot be decoded");
        continue;
      }
      if (auto p = profile::check_crl_reason(c.profile, value, where, ""))
        f.error(p->id, p->message);
    } else if (nid == NID_invalidity_date) {
      GeneralizedTimePtr t(static_cast<ASN1_GENERALIZEDTIME*>(X509V3_EXT_d2i(ext)));
      if (!t) {
        f.error("e_crl_entry_ext_malformed", where + ": invalidityDate cannot be decoded");
        continue;
      }
      if (auto why = invalidity_date_problem(t.get()); !why.empty())
        f.error("e_crl_entry_time_encoding",
                where + ": invalidityDate: " + why + " (RFC 5280 5.3.2)");
    } else {
      f.error("e_crl_entry_ext_unknown",
              where + ": entry extension " + name +
                  " is not in keyrite's CRL profile, which has reasonCode and invalidityDate "
                  "only (CPS 7.2.2)");
    }
  }
}

}  // namespace

void entry_order(const Context& c) {
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(const_cast<X509_CRL*>(c.crl));
  int n = sk_X509_REVOKED_num(revoked);
  std::vector<std::pair<ossl::BignumPtr, int>> serials;
  for (int i = 0; i < n; ++i) {
    const ASN1_INTEGER* s = X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(revoked, i));
    ossl::BignumPtr bn(s ? ASN1_INTEGER_to_BN(s, nullptr) : nullptr);
    if (bn) serials.emplace_back(std::move(bn), i);
  }
  int descents = 0, first = -1;
  for (std::size_t k = 1; k < serials.size(); ++k)
    if (BN_cmp(serials[k].first.get(), serials[k - 1].first.get()) < 0 && descents++ == 0)
      first = static_cast<int>(k);
  if (descents > 0) {
    int i = serials[static_cast<std::size_t>(first)].second;
    int prev = serials[static_cast<std::size_t>(first) - 1].second;
    c.error("e_crl_entries_unsorted",
            entry_with_serial(i, sk_X509_REVOKED_value(revoked, i)) + " follows the larger " +
                entry_with_serial(prev, sk_X509_REVOKED_value(revoked, prev)) +
                "; keyrite's CRL profile lists entries in ascending serial order (" +
                std::to_string(descents) + (descents == 1 ? " entry follows" : " entries follow") +
                " a larger serial)");
  }

  std::stable_sort(serials.begin(), serials.end(), [](const auto& a, const auto& b) {
    return BN_cmp(a.first.get(), b.first.get()) < 0;
  });
  EntryFindings f(c);
  for (std::size_t k = 1; k < serials.size(); ++k)
    if (BN_cmp(serials[k].first.get(), serials[k - 1].first.get()) == 0) {
      int a = std::min(serials[k - 1].second, serials[k].second);
      int b = std::max(serials[k - 1].second, serials[k].second);
      f.error("e_crl_entry_duplicate", entry_with_serial(b, sk_X509_REVOKED_value(revoked, b)) +
                                           " is already listed at " + entry(a) +
                                           "; a CRL lists a certificate once");
    }
  f.finish();
}

void entries(const Context& c) {
  STACK_OF(X509_REVOKED)* revoked = X509_CRL_get_REVOKED(const_cast<X509_CRL*>(c.crl));
  auto this_update = x509::from_asn1_time(X509_CRL_get0_lastUpdate(c.crl));
  EntryFindings f(c);
  for (int i = 0; i < sk_X509_REVOKED_num(revoked); ++i) {
    const X509_REVOKED* r = sk_X509_REVOKED_value(revoked, i);
    auto where = [&] { return entry_with_serial(i, r); };  // only when there is a finding
    const ASN1_INTEGER* serial = X509_REVOKED_get0_serialNumber(r);
    ossl::BignumPtr bn(serial ? ASN1_INTEGER_to_BN(serial, nullptr) : nullptr);
    if (!bn || BN_is_negative(bn.get()) || BN_is_zero(bn.get()))
      f.error("e_crl_entry_serial_not_positive",
              where() + ": the serial number is not a positive integer (RFC 5280 4.1.2.2)");
    if (int octets = profile::integer_content_octets(serial); octets > 20)
      f.error("e_crl_entry_serial_too_long", where() + ": the serial number is " +
                                                 std::to_string(octets) +
                                                 " octets; RFC 5280 4.1.2.2 allows at most 20");
    const ASN1_TIME* date = X509_REVOKED_get0_revocationDate(r);
    if (auto why = x509::time_encoding_problem(date); !why.empty())
      f.error("e_crl_entry_time_encoding",
              where() + ": revocationDate: " + why + " (RFC 5280 5.1.2.6)");
    auto when = x509::from_asn1_time(date);
    if (when && this_update && *when > *this_update)
      f.error("e_crl_entry_after_this_update", where() + ": revocation date " + format_utc(*when) +
                                                   " is after this-update " +
                                                   format_utc(*this_update));
    entry_extensions(c, f, i, r);
  }
  f.finish();
}

}  // namespace kr::lint::crl_lints
