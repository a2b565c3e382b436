#include "testpki/quick.h"

#include <nlohmann/json.hpp>

namespace kr::testpki {
namespace {

// A JSON string is a YAML double-quoted scalar: names a user typed stay data.
std::string yaml_string(const std::string& s) {
  return nlohmann::json(s).dump();
}

}  // namespace

std::string quick_spec_text(const QuickOptions& o) {
  std::string dns, ip;
  if (o.dns.empty()) {
    dns = "[localhost]";
    ip = "  ip: [127.0.0.1, \"::1\"]\n";
  } else {
    for (const auto& d : o.dns) dns += (dns.empty() ? "[" : ", ") + yaml_string(d);
    dns += "]";
  }
  const std::string key = yaml_string(o.key);
  std::string cn = o.dns.empty() ? "localhost" : o.dns.front();
  std::string leaf_name = o.leaves > 1 ? "leaf-{n}" : "leaf";
  return "keyrite-testpki: 1\n"
         "pkcs12-password: " +
         yaml_string(o.pkcs12_password) +
         "\n"
         "nodes:\n"
         "- {name: root, kind: root, key: " +
         key +
         ", subject: {O: kr-testpki, CN: kr-testpki quick root}}\n"
         "- {name: intermediate, kind: intermediate, issuer: root, key: " +
         key +
         ", path-length: 0, subject: {O: kr-testpki, CN: kr-testpki quick intermediate}}\n"
         "- name: " +
         leaf_name +
         "\n"
         "  kind: leaf\n"
         "  issuer: intermediate\n"
         "  key: " +
         key +
         "\n"
         "  count: " +
         std::to_string(o.leaves) +
         "\n"
         "  ocsp: true\n"
         "  eku: [serverAuth, clientAuth]\n"
         "  subject: {CN: " +
         yaml_string(o.leaves > 1 ? "{n}." + cn : cn) +
         "}\n"
         "  dns: " +
         (o.leaves > 1 ? "[" + yaml_string("{n}." + cn) + ", " + dns.substr(1) : dns) + "\n" + ip;
}

}  // namespace kr::testpki
