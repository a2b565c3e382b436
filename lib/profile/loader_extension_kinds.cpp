// Reading the extension kinds whose values are OIDs, URLs and name rules. Every OID and URL is
// checked here with the same rules the request check applies to a script's values.
#include <algorithm>

#include "profile/loader_parts.h"
#include "profile/rules_values.h"
#include "x509/key_purposes.h"

namespace kr::profile {
namespace {

std::vector<std::string> read_list(const YamlSource& src, MapReader& map, const std::string& key,
                                   std::string (*problem)(const std::string&)) {
  YAML::Node node = map.optional(key);
  if (!node.IsDefined()) return {};
  std::string path = map.child_path(key);
  auto items = read_string_list(src, node, path);
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    if (auto why = problem(items[i]); !why.empty())
      yaml_fail(src, node[i], item_path, "\"" + items[i] + "\" " + why);
    if (std::count(items.begin(), items.end(), items[i]) > 1)
      yaml_fail(src, node[i], item_path, items[i] + " is listed twice");
  }
  return items;
}

std::vector<std::string> read_purposes(const YamlSource& src, MapReader& map,
                                       const std::string& key) {
  YAML::Node node = map.optional(key);
  if (!node.IsDefined()) return {};
  std::string path = map.child_path(key);
  auto names = read_string_list(src, node, path);
  std::vector<std::string> oids;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    auto oid = x509::key_purpose_oid(names[i]);
    if (!oid && x509::is_dotted_oid(names[i])) oid = names[i];
    if (!oid)
      yaml_fail(src, node[i], item_path,
                "\"" + names[i] +
                    "\" is not a key purpose name (serverAuth, clientAuth, codeSigning, "
                    "emailProtection, timeStamping, OCSPSigning, documentSigning, "
                    "msDocumentSigning, msEncryptingFileSystem) or a dotted OID");
    if (std::find(oids.begin(), oids.end(), *oid) != oids.end())
      yaml_fail(src, node[i], item_path, names[i] + " is listed twice");
    oids.push_back(*oid);
  }
  return oids;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

x509::ExtensionValue read_policies(const YamlSource& src, MapReader& map) {
  x509::CertificatePolicies cp;
  cp.required = read_list(src, map, "required", oid_problem);
  auto defaults = read_list(src, map, "default", oid_problem);
  cp.one_of = read_list(src, map, "one-of", oid_problem);
  cp.policies = cp.required;
  for (const auto& oid : defaults) {
    if (contains(cp.required, oid))
      yaml_fail(src, map.node(), map.child_path("default"), oid + " is already required");
    cp.policies.push_back(oid);
  }
  return cp;
}

x509::ExtensionValue read_eku(const YamlSource& src, MapReader& map) {
  x509::ExtendedKeyUsage eku;
  YAML::Node purposes = map.required("purposes");
  eku.purposes = read_purposes(src, map, "purposes");
  if (eku.purposes.empty())
    yaml_fail(src, purposes, map.child_path("purposes"), "the list is empty");
  // Unless the profile says otherwise, every purpose written is also required of others.
  eku.required =
      map.optional("required").IsDefined() ? read_purposes(src, map, "required") : eku.purposes;
  eku.may_also = read_purposes(src, map, "may-also");
  for (const auto& oid : eku.required)
    if (!contains(eku.purposes, oid))
      yaml_fail(src, map.node(), map.child_path("required"),
                x509::key_purpose_name(oid) + " is required but not in purposes");
  for (const auto& oid : eku.may_also)
    if (contains(eku.purposes, oid))
      yaml_fail(src, map.node(), map.child_path("may-also"),
                x509::key_purpose_name(oid) + " is already in purposes");
  return eku;
}

x509::ExtensionValue read_san(const YamlSource& src, MapReader& map) {
  x509::SubjectAltName san;
  if (auto n = map.optional("min-names"); n.IsDefined())
    san.min_names = read_int(src, n, map.child_path("min-names"), 0, 100);
  if (auto n = map.optional("wildcards"); n.IsDefined())
    san.wildcards = read_bool(src, n, map.child_path("wildcards"));
  if (auto n = map.optional("single-label-names"); n.IsDefined())
    san.single_label_names = read_bool(src, n, map.child_path("single-label-names"));
  if (auto n = map.optional("require-permanent-identifier"); n.IsDefined())
    san.require_permanent_identifier =
        read_bool(src, n, map.child_path("require-permanent-identifier"));
  return san;
}

}  // namespace

x509::ExtensionValue read_value_extension(const YamlSource& src, const std::string& kind,
                                          MapReader& map) {
  if (kind == "certificate-policies") return read_policies(src, map);
  if (kind == "authority-info-access") {
    x509::AuthorityInfoAccess aia;
    aia.ca_issuers = read_list(src, map, "ca-issuers", url_problem);
    aia.ocsp = read_list(src, map, "ocsp", url_problem);
    return aia;
  }
  if (kind == "crl-distribution-points")
    return x509::CrlDistributionPoints{read_list(src, map, "uris", url_problem)};
  if (kind == "extended-key-usage") return read_eku(src, map);
  if (kind == "ocsp-no-check") return x509::OcspNoCheck{};
  return read_san(src, map);  // subject-alt-name: the only kind left (read_extensions checks)
}

}  // namespace kr::profile
