// The hierarchy against its own path length constraints: every chain a verifier could build
// through the spec's CA certificates (own and cross-certificates) is walked upward, and a CA
// certificate with more CA certificates below it than its pathLenConstraint allows is refused,
// unless that certificate's node asked for the pathlen-exceeded defect. The profile's request
// check sees only the direct issuer (pathLenConstraint 0 issuing a CA); this sees the whole path.
#pragma once

#include <map>
#include <string>

#include "config/diagnostics.h"
#include "testpki/issue.h"
#include "testpki/spec.h"

namespace kr::testpki {

// `cas`: every CA certificate made, by node name (roots, intermediates and cross nodes).
void check_path_lengths(const std::map<std::string, Made>& cas, config::Diagnostics& diagnostics);

}  // namespace kr::testpki
