// Settings are checked in three passes: permission, form, then the merged result (apply_settings)
// against the profile's needs, so a missing URL is reported once whether the profile has no
// default or the script gave none.
#include "profile/request_settings.h"

#include <algorithm>

#include "profile/apply_settings.h"
#include "profile/rules_name_constraints.h"
#include "profile/rules_san.h"
#include "profile/rules_values.h"
#include "util/error.h"
#include "x509/ip_range.h"
#include "x509/key_purposes.h"
#include "x509/name.h"

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

template <class T>
const x509::ExtensionSpec* find_spec(const std::vector<x509::ExtensionSpec>& specs) {
  for (const auto& s : specs)
    if (std::holds_alternative<T>(s.value)) return &s;
  return nullptr;
}

// The purposes a script gives must be among the profile's purposes and may-also, and include
// every purpose the profile requires.
void check_eku_setting(const Profile& p, const x509::ExtensionSettings& v,
                       std::vector<Problem>& out) {
  const auto* eku = x509::find_extension<x509::ExtendedKeyUsage>(p.extensions);
  if (!eku || v.extended_key_usage.empty()) return;
  std::vector<std::string> given, allowed;
  for (const auto& name : v.extended_key_usage) {
    auto oid = x509::key_purpose_oid(name);
    if (!oid && x509::is_dotted_oid(name)) oid = name;
    if (!oid) {
      out.push_back({"e_setting_invalid", field(Setting::extended_key_usage),
                     "\"" + name + "\" is not a key purpose name or a dotted OID"});
      continue;
    }
    given.push_back(*oid);
  }
  for (const auto& oid : eku->purposes) allowed.push_back(x509::key_purpose_name(oid));
  for (const auto& oid : eku->may_also) allowed.push_back(x509::key_purpose_name(oid));
  auto has = [](const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
  };
  for (const auto& oid : given)
    if (!has(eku->purposes, oid) && !has(eku->may_also, oid))
      out.push_back({"e_eku_purpose_not_allowed", field(Setting::extended_key_usage),
                     "extended-key-usage " + x509::key_purpose_name(oid) + " is not allowed; the " +
                         p.name + " profile allows only " + join_list(allowed, "and")});
  for (const auto& oid : eku->required)
    if (!has(given, oid))
      out.push_back({"e_eku_missing_purpose", field(Setting::extended_key_usage),
                     "extended-key-usage lacks " + x509::key_purpose_name(oid) + "; the " + p.name +
                         " profile requires it"});
}

void check_qualifier_setting(const x509::ExtensionSettings& v, std::vector<Problem>& out) {
  for (const auto& q : v.policy_qualifiers) {
    if (auto why = oid_problem(q.policy); !why.empty())
      out.push_back({"e_setting_invalid", field(Setting::policy_qualifiers),
                     "policy \"" + q.policy + "\" " + why});
    for (const auto& uri : q.cps_uris)
      if (auto why = url_problem(uri); !why.empty())
        out.push_back({"e_policy_qualifier_cps_not_http", field(Setting::policy_qualifiers),
                       "CPS URI \"" + uri + "\" " + why});
    if (!q.user_notice.empty())
      if (auto why = user_notice_problem(q.user_notice); !why.empty())
        out.push_back({"e_policy_notice_invalid", field(Setting::policy_qualifiers), why});
    if (q.cps_uris.empty() && q.user_notice.empty())
      out.push_back(
          {"e_setting_invalid", field(Setting::policy_qualifiers),
           "the qualifiers for " + q.policy + " give neither a CPS URI nor a user notice"});
  }
}

// The form of each subtree: a DNS name (in excluded also "", every name), a CIDR range, a name
// keyrite can write.
void check_subtrees_setting(const x509::NameSubtrees& side, const std::string& which,
                            std::vector<Problem>& out) {
  const std::string f = field(Setting::name_constraints);
  for (const auto& dns : side.dns_names) {
    std::string why = dns.empty() ? (which == "permitted" ? "is empty (\"\" excludes every name, "
                                                            "so only in excluded)"
                                                          : "")
                      : has_wildcard(dns) ? "has a wildcard; a subtree is a domain and all below it"
                                          : dns_name_problem(dns);
    if (!why.empty())
      out.push_back({"e_setting_invalid", f, which + " dns-names \"" + dns + "\" " + why});
  }
  for (const auto& range : side.ip_ranges)
    if (auto why = x509::ip_range_problem(range); !why.empty())
      out.push_back({"e_setting_invalid", f, which + " ip-addresses \"" + range + "\" " + why});
  for (const auto& dn : side.directory_names) try {
      x509::build_name(dn);
    } catch (const Error& e) {
      out.push_back({"e_setting_invalid", f, which + " directory-names: " + e.what()});
    }
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

  if (find_setting(p, Setting::extended_key_usage)) check_eku_setting(p, v, out);
  if (find_setting(p, Setting::policy_qualifiers)) check_qualifier_setting(v, out);
  if (find_setting(p, Setting::name_constraints)) {
    check_subtrees_setting(v.permitted_subtrees, "permitted", out);
    check_subtrees_setting(v.excluded_subtrees, "excluded", out);
  }

  auto specs = apply_settings(p, r);
  if (const auto* aia_spec = find_spec<x509::AuthorityInfoAccess>(specs)) {
    const auto& aia = std::get<x509::AuthorityInfoAccess>(aia_spec->value);
    if (aia.require_ca_issuers)
      need(!aia.ca_issuers.empty(), Setting::ca_issuers,
           "ca-issuers URL (authorityInfoAccess caIssuers)", "e_aia_ca_issuers_missing", p, out);
    if (aia.require_ocsp)
      need(!aia.ocsp.empty(), Setting::ocsp, "ocsp URL (authorityInfoAccess OCSP)",
           "e_aia_ocsp_missing", p, out);
    if (!aia_spec->optional && aia.ca_issuers.empty() && aia.ocsp.empty() &&
        !aia.require_ca_issuers && !aia.require_ocsp)
      out.push_back({"e_aia_missing", field(Setting::ca_issuers),
                     "the " + p.name +
                         " profile writes authorityInfoAccess, which needs at least one "
                         "ca-issuers or ocsp URL"});
  }
  if (auto* cp = x509::find_extension<x509::CertificatePolicies>(specs))
    for (const auto& q : cp->qualifiers) {
      if (!q.user_notice.empty() && !cp->user_notice_allowed)
        out.push_back({"e_policy_user_notice_not_allowed", field(Setting::policy_qualifiers),
                       "a user notice for " + q.policy + "; the " + p.name +
                           " profile allows only CPS URI qualifiers"});
      if (std::find(cp->policies.begin(), cp->policies.end(), q.policy) == cp->policies.end())
        out.push_back({"e_setting_invalid", field(Setting::policy_qualifiers),
                       "policy-qualifiers for " + q.policy +
                           ", which the certificate does not carry; they would be dropped"});
    }
  // An optional extension left empty is simply not written (x509/extensions.h).
  if (const auto* spec = find_spec<x509::CrlDistributionPoints>(specs)) {
    const auto& crl = std::get<x509::CrlDistributionPoints>(spec->value);
    if (!spec->optional || !crl.uris.empty())
      need(!crl.uris.empty(), Setting::crl_distribution_points,
           "crl-distribution-points URL (cRLDistributionPoints)", "e_crldp_no_uri", p, out);
  }
  if (const auto* spec = find_spec<x509::CertificatePolicies>(specs)) {
    const auto& cp = std::get<x509::CertificatePolicies>(spec->value);
    if (!spec->optional || !cp.policies.empty()) check_policies(p, cp, out);
  }
  if (const auto* spec = find_spec<x509::NameConstraints>(specs)) {
    const auto& nc = std::get<x509::NameConstraints>(spec->value);
    bool empty = nc.permitted.empty() && nc.excluded.empty();
    if (!spec->optional || !empty)
      need(!empty, Setting::name_constraints, "name-constraints subtree (nameConstraints)",
           "e_nc_missing", p, out);
    if (!empty)
      for (auto& problem : check_name_constraints(p, nc, subtree_content(nc.permitted),
                                                  subtree_content(nc.excluded)))
        out.push_back(std::move(problem));
  }
  if (auto* san = x509::find_extension<x509::SubjectAltName>(specs)) {
    SanContent content{
        san->dns_names, san->ip_addresses, san->emails, san->permanent_identifiers, {}};
    for (auto& problem : check_san(p, *san, content)) out.push_back(std::move(problem));
  }
  return out;
}

}  // namespace kr::profile
