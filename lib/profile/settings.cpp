// Setting names: the words scripts, profiles and messages share ("extensions.path-length").
#include <array>
#include <utility>

#include "profile/profile.h"

namespace kr::profile {
namespace {

constexpr std::array<std::pair<Setting, std::string_view>, 12> kNames{{
    {Setting::path_length, "path-length"},
    {Setting::ca_issuers, "ca-issuers"},
    {Setting::ocsp, "ocsp"},
    {Setting::crl_distribution_points, "crl-distribution-points"},
    {Setting::policies, "policies"},
    {Setting::policy_qualifiers, "policy-qualifiers"},
    {Setting::extended_key_usage, "extended-key-usage"},
    {Setting::dns_names, "dns-names"},
    {Setting::ip_addresses, "ip-addresses"},
    {Setting::emails, "emails"},
    {Setting::permanent_identifier, "permanent-identifier"},
    {Setting::name_constraints, "name-constraints"},
}};

}  // namespace

std::string_view setting_name(Setting s) {
  for (const auto& [setting, name] : kNames)
    if (setting == s) return name;
  return "unknown";
}

std::optional<Setting> setting_from_name(std::string_view name) {
  for (const auto& [setting, n] : kNames)
    if (n == name) return setting;
  return std::nullopt;
}

const SettingRule* find_setting(const Profile& p, Setting s) {
  for (const auto& rule : p.settings)
    if (rule.setting == s) return &rule;
  return nullptr;
}

}  // namespace kr::profile
