// nameConstraints rules, shared by the request check (subtrees from the script) and the lint
// (subtrees read from a certificate): what the CA/B Forum asks of a technically constrained TLS
// subordinate CA (BRs 7.1.2.5.2), where the profile says it applies.
#pragma once

#include <string>
#include <vector>

#include "profile/profile.h"
#include "profile/rules.h"
#include "util/bytes.h"
#include "x509/extension_spec.h"

namespace kr::profile {

// One side (permittedSubtrees or excludedSubtrees) as the rules see it.
struct SubtreeContent {
  std::vector<std::string> dns_names;
  std::vector<Bytes> ip_ranges;  // address and mask: 8 octets (IPv4) or 32 (IPv6)
  int directory_names = 0;
  std::vector<std::string> other_types;  // lint only: "rfc822Name", "otherName", ...
};

// The script's subtrees in that form (ranges that do not parse are left out: the request check
// reports them as e_setting_invalid).
SubtreeContent subtree_content(const x509::NameSubtrees& side);

// With rule.technically_constrained_tls: e_nc_directory_name_missing, e_nc_dns_not_constrained,
// e_nc_ipv4_not_constrained, e_nc_ipv6_not_constrained, e_nc_name_type_not_allowed (field
// "extensions.name-constraints"). Nothing otherwise.
std::vector<Problem> check_name_constraints(const Profile& p, const x509::NameConstraints& rule,
                                            const SubtreeContent& permitted,
                                            const SubtreeContent& excluded);

}  // namespace kr::profile
