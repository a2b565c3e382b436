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
  const YamlNode* node = map.optional(key);
  if (!node) return {};
  std::string path = map.child_path(key);
  auto items = read_string_list(src, node, path);
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    if (auto why = problem(items[i]); !why.empty())
      yaml_fail(src, element(node, i), item_path, "\"" + items[i] + "\" " + why);
    if (std::count(items.begin(), items.end(), items[i]) > 1)
      yaml_fail(src, element(node, i), item_path, items[i] + " is listed twice");
  }
  return items;
}

std::vector<std::string> read_purposes(const YamlSource& src, MapReader& map,
                                       const std::string& key) {
  const YamlNode* node = map.optional(key);
  if (!node) return {};
  std::string path = map.child_path(key);
  auto names = read_string_list(src, node, path);
  std::vector<std::string> oids;
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    auto oid = x509::key_purpose_oid(names[i]);
    if (!oid && x509::is_dotted_oid(names[i])) oid = names[i];
    if (!oid)
      yaml_fail(src, element(node, i), item_path,
                "\"" + names[i] +
                    "\" is not a key purpose name (serverAuth, clientAuth, codeSigning, "
                    "emailProtection, timeStamping, OCSPSigning, documentSigning, "
                    "msDocumentSigning, msEncryptingFileSystem) or a dotted OID");
    if (std::find(oids.begin(), oids.end(), *oid) != oids.end())
      yaml_fail(src, element(node, i), item_path, names[i] + " is listed twice");
    oids.push_back(*oid);
  }
  return oids;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// qualifiers: [{policy: OID, cps: [URL], user-notice: text}], each for a policy the profile
// writes, so none can be dropped (extension_spec.h).
std::vector<x509::PolicyQualifiers> read_qualifiers(const YamlSource& src, MapReader& map,
                                                    const std::vector<std::string>& written) {
  std::vector<x509::PolicyQualifiers> out;
  const YamlNode* list = map.optional("qualifiers");
  if (!list) return out;
  std::string path = map.child_path("qualifiers");
  if (!is_list(list)) yaml_fail(src, list, path, "expected a list");
  for (std::size_t i = 0; i < list->children.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    MapReader item(src, element(list, i), item_path);
    x509::PolicyQualifiers q;
    const YamlNode* policy = item.required("policy");
    q.policy = read_string(src, policy, item.child_path("policy"));
    if (auto why = oid_problem(q.policy); !why.empty())
      yaml_fail(src, policy, item.child_path("policy"), "\"" + q.policy + "\" " + why);
    if (!contains(written, q.policy))
      yaml_fail(src, policy, item.child_path("policy"),
                q.policy + " is not among the policies the profile writes (required, default)");
    q.cps_uris = read_list(src, item, "cps", url_problem);
    if (auto n = item.optional("user-notice"); n) {
      q.user_notice = read_string(src, n, item.child_path("user-notice"));
      if (auto why = user_notice_problem(q.user_notice); !why.empty())
        yaml_fail(src, n, item.child_path("user-notice"), why);
    }
    if (q.cps_uris.empty() && q.user_notice.empty())
      yaml_fail(src, element(list, i), item_path, "a qualifier needs cps or user-notice");
    item.finish();
    out.push_back(std::move(q));
  }
  return out;
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
  if (auto n = map.optional("user-notice-allowed"); n)
    cp.user_notice_allowed = read_bool(src, n, map.child_path("user-notice-allowed"));
  cp.qualifiers = read_qualifiers(src, map, cp.policies);
  if (!cp.user_notice_allowed)
    for (const auto& q : cp.qualifiers)
      if (!q.user_notice.empty())
        yaml_fail(src, map.node(), map.child_path("qualifiers"),
                  "a user-notice for " + q.policy + " but user-notice-allowed is false");
  return cp;
}

x509::ExtensionValue read_eku(const YamlSource& src, MapReader& map, bool optional) {
  x509::ExtendedKeyUsage eku;
  const YamlNode* purposes = map.required("purposes");
  eku.purposes = read_purposes(src, map, "purposes");
  // An optional EKU may write nothing by default: a script's extended-key-usage then decides.
  if (eku.purposes.empty() && !optional)
    yaml_fail(src, purposes, map.child_path("purposes"),
              "the list is empty (allowed only with optional: true)");
  // Unless the profile says otherwise, every purpose written is also required of others.
  eku.required = map.optional("required") ? read_purposes(src, map, "required") : eku.purposes;
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
  if (auto n = map.optional("min-names"); n)
    san.min_names = read_int(src, n, map.child_path("min-names"), 0, 100);
  if (auto n = map.optional("wildcards"); n)
    san.wildcards = read_bool(src, n, map.child_path("wildcards"));
  if (auto n = map.optional("single-label-names"); n)
    san.single_label_names = read_bool(src, n, map.child_path("single-label-names"));
  if (auto n = map.optional("require-permanent-identifier"); n)
    san.require_permanent_identifier =
        read_bool(src, n, map.child_path("require-permanent-identifier"));
  return san;
}

}  // namespace

x509::ExtensionValue read_value_extension(const YamlSource& src, const std::string& kind,
                                          MapReader& map, bool optional) {
  if (kind == "certificate-policies") return read_policies(src, map);
  if (kind == "authority-info-access") {
    x509::AuthorityInfoAccess aia;
    aia.ca_issuers = read_list(src, map, "ca-issuers", url_problem);
    aia.ocsp = read_list(src, map, "ocsp", url_problem);
    // require: which access methods every certificate must carry; default both (CPS Appendix B).
    if (const YamlNode* n = map.optional("require"); n) {
      auto methods = read_list(src, map, "require", [](const std::string& m) -> std::string {
        return m == "ca-issuers" || m == "ocsp" ? "" : "is not ca-issuers or ocsp";
      });
      aia.require_ca_issuers = contains(methods, "ca-issuers");
      aia.require_ocsp = contains(methods, "ocsp");
    }
    return aia;
  }
  if (kind == "crl-distribution-points")
    return x509::CrlDistributionPoints{read_list(src, map, "uris", url_problem)};
  if (kind == "extended-key-usage") return read_eku(src, map, optional);
  if (kind == "ocsp-no-check") return x509::OcspNoCheck{};
  return read_san(src, map);  // subject-alt-name: the only kind left (read_extensions checks)
}

}  // namespace kr::profile
