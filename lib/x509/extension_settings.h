// What a ceremony script may set in a certificate's extensions, as plain data. The profile decides
// which of these a script may set at all and within which limits (profile::check_request); the
// template applies them over the profile's defaults (profile::certificate_template). An empty list
// or an absent path length means "not set by the script".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "x509/extension_spec.h"

namespace kr::x509 {

struct ExtensionSettings {
  std::optional<int> path_length;  // basicConstraints pathLenConstraint
  std::vector<std::string> ca_issuers, ocsp, crl_distribution_points,  // http(s) URLs
      policies,                                                        // dotted OIDs
      dns_names, ip_addresses, emails,              // subjectAltName dNSName, iPAddress, rfc822Name
      extended_key_usage;                           // key purpose names (serverAuth) or dotted OIDs
  std::vector<PolicyQualifiers> policy_qualifiers;  // for policies the certificate carries
  NameSubtrees permitted_subtrees, excluded_subtrees;  // nameConstraints
};

}  // namespace kr::x509
