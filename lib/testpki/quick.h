// kr-testpki quick: the common case without a spec, as a spec text that goes through the same
// parser (so its defaults, checks and messages are the spec's): a root, an intermediate, N TLS
// leaves for the given names (default localhost, 127.0.0.1 and ::1), each with an OCSP response,
// a CRL per CA, and PKCS#12 files under the password "changeit".
#pragma once

#include <string>
#include <vector>

namespace kr::testpki {

struct QuickOptions {
  int leaves = 1;
  std::vector<std::string> dns;  // empty: localhost
  std::string key = "P-256";
  std::string pkcs12_password = "changeit";
};

std::string quick_spec_text(const QuickOptions& options);

}  // namespace kr::testpki
