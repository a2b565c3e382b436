// Shared CRL rules. The signature-algorithm rule reuses the certificate profiles' rule with the
// CRL profile's list, so the algorithm messages read the same for certificates and CRLs.
#include "profile/crl_profile_rules.h"

#include <openssl/x509v3.h>

#include <algorithm>

#include "profile/period.h"
#include "x509/asn1_time.h"

namespace kr::profile {

std::optional<Problem> check_crl_interval(const CrlProfile& p, UtcTime this_update,
                                          UtcTime next_update) {
  if (next_update <= this_update)
    return Problem{"e_crl_next_update_not_after_this_update", "next-update",
                   "next-update " + format_utc(next_update) + " is not later than this-update " +
                       format_utc(this_update)};
  if (next_update > add_period(this_update, p.max_interval))
    return Problem{"e_crl_interval_exceeds_profile", "next-update",
                   "next-update is " + describe_span(this_update, next_update) +
                       " after this-update; the " + p.name + " profile allows at most " +
                       describe_period(p.max_interval)};
  return std::nullopt;
}

std::vector<Problem> check_crl_issuer_validity(const X509* issuer, UtcTime this_update,
                                               std::optional<UtcTime> next_update) {
  std::vector<Problem> out;
  if (!issuer) return out;
  auto not_before = x509::from_asn1_time(X509_get0_notBefore(issuer));
  auto not_after = x509::from_asn1_time(X509_get0_notAfter(issuer));
  if (not_before && this_update < *not_before)
    out.push_back({"e_crl_outside_issuer_validity", "this-update",
                   "this-update " + format_utc(this_update) +
                       " is before the issuer certificate's not-before " +
                       format_utc(*not_before)});
  if (not_after && this_update > *not_after)
    out.push_back({"e_crl_outside_issuer_validity", "this-update",
                   "this-update " + format_utc(this_update) +
                       " is after the issuer certificate's not-after " + format_utc(*not_after)});
  else if (not_after && next_update && *next_update > *not_after)
    out.push_back({"e_crl_outside_issuer_validity", "next-update",
                   "next-update " + format_utc(*next_update) +
                       " is after the issuer certificate's not-after " + format_utc(*not_after)});
  return out;
}

std::optional<Problem> check_crl_issuer_key_usage(const X509* issuer) {
  if (!issuer) return std::nullopt;
  // X509_get_key_usage caches the decoded extensions; it reads only. All bits when absent.
  std::uint32_t ku = X509_get_key_usage(const_cast<X509*>(issuer));
  if (ku & KU_CRL_SIGN) return std::nullopt;
  return Problem{"e_crl_issuer_not_crl_signer", "issuer",
                 "the issuer certificate's keyUsage lacks cRLSign, so its key may not sign CRLs "
                 "(RFC 5280 4.2.1.3)"};
}

std::optional<Problem> check_crl_reason(const CrlProfile& p, long value, const std::string& where,
                                        const std::string& field) {
  auto reason = x509::crl_reason_from_value(value);
  if (reason == x509::CrlReason::unspecified)
    return Problem{"e_crl_reason_unspecified", field,
                   where + ": reasonCode unspecified; RFC 5280 5.3.1 omits the reasonCode instead"};
  std::vector<std::string> names;
  for (auto r : p.reasons) names.emplace_back(x509::crl_reason_name(r));
  std::string allowed = names.empty() ? "no reasonCode at all" : join_list(names, "or");
  if (!reason)
    return Problem{"e_crl_reason_not_allowed", field,
                   where + ": reasonCode " + std::to_string(value) +
                       " is not an RFC 5280 CRLReason; the " + p.name + " profile allows " +
                       allowed};
  if (std::find(p.reasons.begin(), p.reasons.end(), *reason) == p.reasons.end())
    return Problem{"e_crl_reason_not_allowed", field,
                   where + ": reasonCode " + std::string(x509::crl_reason_name(*reason)) +
                       " is not allowed; the " + p.name + " profile allows " + allowed};
  return std::nullopt;
}

std::optional<Problem> check_crl_signature_algorithm(const CrlProfile& p,
                                                     const x509::SignatureAlgorithm* alg,
                                                     const std::string& text,
                                                     const x509::KeyInfo* signer) {
  Profile as_certificate_profile;
  as_certificate_profile.name = p.name;
  as_certificate_profile.signature_algorithms = p.signature_algorithms;
  auto problem = check_signature_algorithm(as_certificate_profile, alg, text, signer);
  if (problem) problem->id = "e_crl_" + problem->id.substr(2);  // e_sig_alg_x -> e_crl_sig_alg_x
  return problem;
}

int integer_content_octets(const ASN1_INTEGER* value) {
  int total = value ? i2d_ASN1_INTEGER(value, nullptr) : 0;
  if (total < 2) return 0;
  const int content = total - 2;  // short-form length
  if (content < 128) return content;
  return content - (content - 1 >= 256 ? 2 : 1);  // long-form length octets
}

}  // namespace kr::profile
