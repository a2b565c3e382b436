// Reading the settings a profile permits, and checking that settings and extensions fit: the
// loader refuses a profile that could never produce a complete certificate, so such a mistake is
// found when the profile is written, not in the middle of a ceremony.
#include <algorithm>

#include "profile/loader_parts.h"

namespace kr::profile {
namespace {

const char* extension_for(Setting s) {
  switch (s) {
    case Setting::path_length:
      return "basic-constraints";
    case Setting::ca_issuers:
    case Setting::ocsp:
      return "authority-info-access";
    case Setting::crl_distribution_points:
      return "crl-distribution-points";
    case Setting::policies:
    case Setting::policy_qualifiers:
      return "certificate-policies";
    case Setting::extended_key_usage:
      return "extended-key-usage";
    case Setting::dns_names:
    case Setting::ip_addresses:
    case Setting::emails:
    case Setting::permanent_identifier:
      return "subject-alt-name";
    case Setting::name_constraints:
      return "name-constraints";
  }
  return "";
}

bool has(const Profile& p, Setting s) {
  return find_setting(p, s) != nullptr;
}

}  // namespace

std::vector<SettingRule> read_settings(const YamlSource& src, const YamlNode* node) {
  if (!is_list(node)) yaml_fail(src, node, "settings", "expected a list");
  std::vector<SettingRule> out;
  for (std::size_t i = 0; i < node->children.size(); ++i) {
    std::string path = "settings[" + std::to_string(i) + "]";
    const YamlNode* item = element(node, i);
    bool mapping = item->kind == YamlNode::Kind::mapping;
    if (mapping && item->children.size() != 1)
      yaml_fail(src, item, path, "a setting is a name or a one-key mapping");
    // The name is the scalar itself, or the one key with the options as its value.
    const YamlNode* options = mapping ? &item->children.front() : nullptr;
    auto fail_at_name = [&](const std::string& message) {
      if (mapping) yaml_fail_key(src, item->children.front(), path, message);
      yaml_fail(src, item, path, message);
    };
    std::string name = mapping ? item->children.front().key : read_string(src, item, path);
    auto setting = setting_from_name(name);
    if (!setting)
      fail_at_name(
          "unknown setting \"" + name +
          "\"; expected path-length, ca-issuers, ocsp, crl-distribution-points, "
          "policies, policy-qualifiers, extended-key-usage, dns-names, ip-addresses, emails "
          "or permanent-identifier");
    for (const auto& rule : out)
      if (rule.setting == *setting) fail_at_name(name + " is listed twice");
    SettingRule rule{*setting};
    if (*setting == Setting::path_length) {
      if (!options)
        yaml_fail(src, item, path, "path-length needs its limit: path-length: {max: N}");
      MapReader map(src, options, path + "." + name);
      rule.max_path_length = read_int(src, map.required("max"), map.child_path("max"), 0, 100);
      map.finish();
    } else if (options) {
      yaml_fail(src, options, path + "." + name, name + " takes no options");
    }
    out.push_back(rule);
  }
  return out;
}

void check_settings_fit(const YamlSource& src, const YamlNode* settings_node,
                        const YamlNode* extensions_node, const Profile& p) {
  auto has_kind = [&](const std::string& kind) {
    for (std::size_t i = 0; is_list(extensions_node) && i < extensions_node->children.size(); ++i)
      if (element(extensions_node, i)->find(kind)) return true;
    return false;
  };
  for (std::size_t i = 0; i < p.settings.size(); ++i) {
    Setting s = p.settings[i].setting;
    std::string path = "settings[" + std::to_string(i) + "]";
    if (!has_kind(extension_for(s)))
      yaml_fail(src, element(settings_node, i), path,
                std::string(setting_name(s)) + " needs a " + extension_for(s) + " extension");
    const auto* bc = x509::find_extension<x509::BasicConstraints>(p.extensions);
    if (s == Setting::path_length && bc && !bc->ca)
      yaml_fail(src, element(settings_node, i), path,
                "path-length needs basic-constraints with ca: true");
    if (s == Setting::path_length && bc && bc->path_len &&
        *bc->path_len > p.settings[i].max_path_length)
      yaml_fail(src, element(settings_node, i), path, "max is below the profile's own path-len");
  }
  auto fail = [&](const std::string& message) {
    yaml_fail(src, extensions_node, "extensions", message);
  };
  if (const auto* aia = x509::find_extension<x509::AuthorityInfoAccess>(p.extensions)) {
    bool ca_issuers = !aia->ca_issuers.empty() || has(p, Setting::ca_issuers);
    bool ocsp = !aia->ocsp.empty() || has(p, Setting::ocsp);
    if (aia->require_ca_issuers && !ca_issuers)
      fail("authority-info-access has no ca-issuers URL and the settings do not list ca-issuers");
    if (aia->require_ocsp && !ocsp)
      fail("authority-info-access has no ocsp URL and the settings do not list ocsp");
    if (!ca_issuers && !ocsp)
      fail("authority-info-access has no URL and the settings list neither ca-issuers nor ocsp");
  }
  if (const auto* eku = x509::find_extension<x509::ExtendedKeyUsage>(p.extensions))
    if (eku->purposes.empty() && !has(p, Setting::extended_key_usage))
      fail("extended-key-usage has no purposes and the settings do not list extended-key-usage");
  if (x509::find_extension<x509::NameConstraints>(p.extensions) &&
      !has(p, Setting::name_constraints))
    fail(
        "name-constraints has no subtrees of its own and the settings do not list "
        "name-constraints");
  if (const auto* crl = x509::find_extension<x509::CrlDistributionPoints>(p.extensions))
    if (crl->uris.empty() && !has(p, Setting::crl_distribution_points))
      fail(
          "crl-distribution-points has no uris and the settings do not list "
          "crl-distribution-points");
  if (const auto* cp = x509::find_extension<x509::CertificatePolicies>(p.extensions)) {
    if (cp->policies.empty() && !has(p, Setting::policies))
      fail("certificate-policies has no policy and the settings do not list policies");
    auto in_one_of = std::count_if(cp->policies.begin(), cp->policies.end(), [&](const auto& o) {
      return std::find(cp->one_of.begin(), cp->one_of.end(), o) != cp->one_of.end();
    });
    if (!cp->one_of.empty() && in_one_of > 1)
      fail("certificate-policies writes more than one of its one-of policies");
  }
  if (const auto* san = x509::find_extension<x509::SubjectAltName>(p.extensions)) {
    bool any_names = has(p, Setting::dns_names) || has(p, Setting::ip_addresses) ||
                     has(p, Setting::emails) || has(p, Setting::permanent_identifier);
    if (!any_names)
      fail(
          "subject-alt-name gets its names from settings, and the settings list none of "
          "dns-names, ip-addresses, emails or permanent-identifier");
    if (san->require_permanent_identifier && !has(p, Setting::permanent_identifier))
      fail(
          "subject-alt-name requires a permanent identifier and the settings do not list "
          "permanent-identifier");
    if (san->min_names > 0 && x509::find_extension<x509::SubjectAltName>(p.extensions) &&
        std::any_of(p.extensions.begin(), p.extensions.end(), [](const auto& e) {
          return std::holds_alternative<x509::SubjectAltName>(e.value) && e.optional;
        }))
      fail("subject-alt-name cannot be optional and require names (min-names)");
  }
  if (p.subject.cn_in_san && !x509::find_extension<x509::SubjectAltName>(p.extensions))
    fail("subject.cn-in-san needs a subject-alt-name extension");
}

}  // namespace kr::profile
