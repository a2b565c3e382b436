// Settings are checked in three passes: permission, form, then the merged result (apply_settings)
// against the profile's needs, so a missing URL is reported once whether the profile has no
// default or the script gave none.
#include "profile/request_settings.h"

#include "profile/apply_settings.h"
#include "profile/rules_san.h"
#include "profile/rules_values.h"

namespace kr::profile {
namespace {

std::string field(Setting s) {
  return "extensions." + std::string(setting_name(s));
}

void check_urls(const std::vector<std::string>& urls, Setting s, const char* id,
                std::vector<Problem>& out) {
  for (const auto& url : urls)
    if (auto why = url_problem(url); !why.empty())
      out.push_back({id, field(s), std::string(setting_name(s)) + " URL \"" + url + "\" " + why});
}

void need(bool present, Setting s, const std::string& what, const char* id, const Profile& p,
          std::vector<Problem>& out) {
  if (present) return;
  out.push_back({id, field(s),
                 "the " + p.name + " profile needs at least one " + what +
                     (find_setting(p, s)
                          ? " and gives no default"
                          : " and does not let a script set " + std::string(setting_name(s)))});
}

void check_policies(const Profile& p, const x509::CertificatePolicies& cp,
                    std::vector<Problem>& out) {
  need(!cp.policies.empty(), Setting::policies, "policy OID (certificatePolicies)",
       "e_policies_missing", p, out);
  if (cp.policies.empty()) return;
  for (auto& problem : check_policy_list(p, cp, cp.policies)) out.push_back(std::move(problem));
}

}  // namespace

std::vector<Problem> check_settings(const Profile& p, const CertificateRequest& r) {
  std::vector<Problem> out;
  for (const auto& name : unpermitted_settings(p, r))
    out.push_back({"e_setting_not_permitted", "extensions." + name,
                   "the " + p.name + " profile does not let a script set " + name});
  const auto& v = r.settings;
  if (const SettingRule* rule = find_setting(p, Setting::path_length); rule && v.path_length) {
    if (*v.path_length < 0 || *v.path_length > rule->max_path_length)
      out.push_back({"e_bc_pathlen_mismatch", field(Setting::path_length),
                     "path-length " + std::to_string(*v.path_length) + " is not allowed; the " +
                         p.name + " profile allows 0 to " + std::to_string(rule->max_path_length)});
  }
  if (find_setting(p, Setting::ca_issuers))
    check_urls(v.ca_issuers, Setting::ca_issuers, "e_aia_uri_not_http", out);
  if (find_setting(p, Setting::ocsp)) check_urls(v.ocsp, Setting::ocsp, "e_aia_uri_not_http", out);
  if (find_setting(p, Setting::crl_distribution_points))
    check_urls(v.crl_distribution_points, Setting::crl_distribution_points, "e_crldp_uri_not_http",
               out);
  if (find_setting(p, Setting::policies))
    for (const auto& oid : v.policies)
      if (auto why = oid_problem(oid); !why.empty())
        out.push_back(
            {"e_setting_invalid", field(Setting::policies), "policy \"" + oid + "\" " + why});

  auto specs = apply_settings(p, r);
  if (auto* aia = x509::find_extension<x509::AuthorityInfoAccess>(specs)) {
    need(!aia->ca_issuers.empty(), Setting::ca_issuers,
         "ca-issuers URL (authorityInfoAccess caIssuers)", "e_aia_ca_issuers_missing", p, out);
    need(!aia->ocsp.empty(), Setting::ocsp, "ocsp URL (authorityInfoAccess OCSP)",
         "e_aia_ocsp_missing", p, out);
  }
  if (auto* crl = x509::find_extension<x509::CrlDistributionPoints>(specs))
    need(!crl->uris.empty(), Setting::crl_distribution_points,
         "crl-distribution-points URL (cRLDistributionPoints)", "e_crldp_no_uri", p, out);
  if (auto* cp = x509::find_extension<x509::CertificatePolicies>(specs))
    check_policies(p, *cp, out);
  if (auto* san = x509::find_extension<x509::SubjectAltName>(specs)) {
    SanContent content{
        san->dns_names, san->ip_addresses, san->emails, san->permanent_identifiers, {}};
    for (auto& problem : check_san(p, *san, content)) out.push_back(std::move(problem));
  }
  return out;
}

}  // namespace kr::profile
