// BRs 7.1.2.5.2, as the table "GeneralName requirements for the base field" reads: a directoryName
// is always permitted; each of dNSName, IPv4 and IPv6 is either permitted somewhere or excluded as
// a whole namespace (a zero-length dNSName, 0.0.0.0/0 as 8 zero octets, ::/0 as 32); no other
// name type (otherName is NOT RECOMMENDED there; keyrite writes none and accepts none).
#include "profile/rules_name_constraints.h"

#include <algorithm>

#include "x509/ip_range.h"

namespace kr::profile {
namespace {

const char* kField = "extensions.name-constraints";

bool has_size(const std::vector<Bytes>& ranges, std::size_t size) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const Bytes& b) { return b.size() == size; });
}

bool has_all_zero(const std::vector<Bytes>& ranges, std::size_t size) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const Bytes& b) {
    return b.size() == size && std::all_of(b.begin(), b.end(), [](auto o) { return o == 0; });
  });
}

}  // namespace

SubtreeContent subtree_content(const x509::NameSubtrees& side) {
  SubtreeContent out;
  out.dns_names = side.dns_names;
  for (const auto& range : side.ip_ranges)
    if (auto octets = x509::ip_range_octets(range)) out.ip_ranges.push_back(std::move(*octets));
  out.directory_names = static_cast<int>(side.directory_names.size());
  return out;
}

std::vector<Problem> check_name_constraints(const Profile& p, const x509::NameConstraints& rule,
                                            const SubtreeContent& permitted,
                                            const SubtreeContent& excluded) {
  std::vector<Problem> out;
  if (!rule.technically_constrained_tls) return out;
  const std::string requires_it = "; the " + p.name + " profile requires it (BRs 7.1.2.5.2)";
  if (permitted.directory_names == 0)
    out.push_back({"e_nc_directory_name_missing", kField,
                   "nameConstraints permits no directoryName subtree" + requires_it});
  bool all_dns = std::find(excluded.dns_names.begin(), excluded.dns_names.end(), "") !=
                 excluded.dns_names.end();
  if (permitted.dns_names.empty() && !all_dns)
    out.push_back({"e_nc_dns_not_constrained", kField,
                   "nameConstraints neither permits a dNSName subtree nor excludes every dNSName "
                   "(a zero-length dNSName)" +
                       requires_it});
  if (!has_size(permitted.ip_ranges, 8) && !has_all_zero(excluded.ip_ranges, 8))
    out.push_back(
        {"e_nc_ipv4_not_constrained", kField,
         "nameConstraints neither permits an IPv4 range nor excludes 0.0.0.0/0" + requires_it});
  if (!has_size(permitted.ip_ranges, 32) && !has_all_zero(excluded.ip_ranges, 32))
    out.push_back(
        {"e_nc_ipv6_not_constrained", kField,
         "nameConstraints neither permits an IPv6 range nor excludes ::/0" + requires_it});
  std::vector<std::string> others = permitted.other_types;
  for (const auto& t : excluded.other_types)
    if (std::find(others.begin(), others.end(), t) == others.end()) others.push_back(t);
  for (const auto& t : others)
    out.push_back({"e_nc_name_type_not_allowed", kField,
                   "nameConstraints has a " + t + " subtree; the " + p.name +
                       " profile allows only dNSName, iPAddress and directoryName (BRs "
                       "7.1.2.5.2)"});
  return out;
}

}  // namespace kr::profile
