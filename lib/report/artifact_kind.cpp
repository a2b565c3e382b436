#include "report/artifact_kind.h"

#include <map>

namespace kr::report {

std::string artifact_kind(const std::string& event_type, const std::string& step_kind, bool ca) {
  if (event_type == "certificate-signed") {
    if (step_kind == "self-sign") return "root certificate";
    if (step_kind == "cross-sign") return "cross-certificate";
    return ca ? "CA certificate" : "certificate";
  }
  static const std::map<std::string, std::string> kinds{{"key-generated", "key"},
                                                        {"csr-signed", "CSR"},
                                                        {"crl-signed", "CRL"},
                                                        {"ocsp-response-signed", "OCSP response"},
                                                        {"public-key-exported", "public key"},
                                                        {"key-backed-up", "key backup"},
                                                        {"key-restored", "restored key"},
                                                        {"key-destroyed", "destroyed key"}};
  auto it = kinds.find(event_type);
  return it == kinds.end() ? event_type : it->second;
}

}  // namespace kr::report
