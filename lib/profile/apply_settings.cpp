// Applying settings. Lists from a script replace the profile's defaults rather than adding to
// them, so a script that names its URLs gets exactly those URLs; required policies are the
// exception, because no script may drop them.
#include "profile/apply_settings.h"

#include <algorithm>

#include "x509/key_purposes.h"

namespace kr::profile {
namespace {

bool given(const CertificateRequest& r, Setting s) {
  const auto& v = r.settings;
  switch (s) {
    case Setting::path_length:
      return v.path_length.has_value();
    case Setting::ca_issuers:
      return !v.ca_issuers.empty();
    case Setting::ocsp:
      return !v.ocsp.empty();
    case Setting::crl_distribution_points:
      return !v.crl_distribution_points.empty();
    case Setting::policies:
      return !v.policies.empty();
    case Setting::policy_qualifiers:
      return !v.policy_qualifiers.empty();
    case Setting::extended_key_usage:
      return !v.extended_key_usage.empty();
    case Setting::dns_names:
      return !v.dns_names.empty();
    case Setting::ip_addresses:
      return !v.ip_addresses.empty();
    case Setting::emails:
      return !v.emails.empty();
    case Setting::permanent_identifier:
      return !r.permanent_identifier.empty();
    case Setting::name_constraints:
      return !v.permitted_subtrees.empty() || !v.excluded_subtrees.empty();
  }
  return false;
}

constexpr Setting kAll[] = {Setting::path_length,
                            Setting::ca_issuers,
                            Setting::ocsp,
                            Setting::crl_distribution_points,
                            Setting::policies,
                            Setting::policy_qualifiers,
                            Setting::extended_key_usage,
                            Setting::dns_names,
                            Setting::ip_addresses,
                            Setting::emails,
                            Setting::permanent_identifier,
                            Setting::name_constraints};

}  // namespace

std::vector<std::string> unpermitted_settings(const Profile& p, const CertificateRequest& r) {
  std::vector<std::string> out;
  for (Setting s : kAll)
    if (given(r, s) && !find_setting(p, s)) out.emplace_back(setting_name(s));
  return out;
}

std::vector<x509::ExtensionSpec> apply_settings(const Profile& p, const CertificateRequest& r) {
  std::vector<x509::ExtensionSpec> specs = p.extensions;
  auto use = [&](Setting s) { return given(r, s) && find_setting(p, s); };
  const auto& v = r.settings;
  if (auto* bc = x509::find_extension<x509::BasicConstraints>(specs);
      bc && use(Setting::path_length))
    bc->path_len = v.path_length;
  if (auto* aia = x509::find_extension<x509::AuthorityInfoAccess>(specs)) {
    if (use(Setting::ca_issuers)) aia->ca_issuers = v.ca_issuers;
    if (use(Setting::ocsp)) aia->ocsp = v.ocsp;
  }
  if (auto* crl = x509::find_extension<x509::CrlDistributionPoints>(specs);
      crl && use(Setting::crl_distribution_points))
    crl->uris = v.crl_distribution_points;
  if (auto* cp = x509::find_extension<x509::CertificatePolicies>(specs);
      cp && use(Setting::policies)) {
    cp->policies = cp->required;
    for (const auto& oid : v.policies)
      if (std::find(cp->policies.begin(), cp->policies.end(), oid) == cp->policies.end())
        cp->policies.push_back(oid);
  }
  if (auto* cp = x509::find_extension<x509::CertificatePolicies>(specs);
      cp && use(Setting::policy_qualifiers))
    cp->qualifiers.insert(cp->qualifiers.end(), v.policy_qualifiers.begin(),
                          v.policy_qualifiers.end());
  if (auto* eku = x509::find_extension<x509::ExtendedKeyUsage>(specs);
      eku && use(Setting::extended_key_usage)) {
    eku->purposes.clear();
    for (const auto& name : v.extended_key_usage)
      eku->purposes.push_back(x509::key_purpose_oid(name).value_or(name));
  }
  if (auto* san = x509::find_extension<x509::SubjectAltName>(specs)) {
    if (use(Setting::dns_names)) san->dns_names = v.dns_names;
    if (use(Setting::ip_addresses)) san->ip_addresses = v.ip_addresses;
    if (use(Setting::emails)) san->emails = v.emails;
    if (use(Setting::permanent_identifier)) san->permanent_identifiers = {r.permanent_identifier};
  }
  if (auto* nc = x509::find_extension<x509::NameConstraints>(specs);
      nc && use(Setting::name_constraints)) {
    nc->permitted = v.permitted_subtrees;
    nc->excluded = v.excluded_subtrees;
  }
  return specs;
}

}  // namespace kr::profile
