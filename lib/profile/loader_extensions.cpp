// Reading a profile's extension list: each item is a one-key mapping naming the extension. The
// key-related kinds are read here, the kinds carrying OIDs, URLs and names in
// loader_extension_kinds.cpp.
#include <algorithm>
#include <array>
#include <string_view>

#include "profile/loader_parts.h"

namespace kr::profile {
namespace {

constexpr std::array<std::string_view, 11> kKinds{
    "basic-constraints",       "key-usage",
    "subject-key-identifier",  "authority-key-identifier",
    "certificate-policies",    "authority-info-access",
    "crl-distribution-points", "extended-key-usage",
    "ocsp-no-check",           "subject-alt-name",
    "name-constraints"};

std::vector<x509::KeyUsageBit> read_bits(const YamlSource& src, MapReader& map,
                                         const std::string& key, bool required) {
  const YamlNode* bits = required ? map.required(key) : map.optional(key);
  std::vector<x509::KeyUsageBit> out;
  if (!bits) return out;
  auto names = read_string_list(src, bits, map.child_path(key));
  if (names.empty() && required) yaml_fail(src, bits, map.child_path(key), "the list is empty");
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto bit = x509::key_usage_bit_from_name(names[i]);
    std::string bit_path = map.child_path(key) + "[" + std::to_string(i) + "]";
    if (!bit)
      yaml_fail(src, element(bits, i), bit_path, "\"" + names[i] + "\" is not an RFC 5280 bit");
    if (std::find(out.begin(), out.end(), *bit) != out.end())
      yaml_fail(src, element(bits, i), bit_path, names[i] + " is listed twice");
    out.push_back(*bit);
  }
  return out;
}

x509::KeyIdMethod read_method(const YamlSource& src, const YamlNode* node,
                              const std::string& path) {
  std::string name = read_string(src, node, path);
  auto method = x509::key_id_method_from_name(name);
  if (!method)
    yaml_fail(src, node, path,
              "\"" + name +
                  "\" is not a key identifier method; expected rfc5280-method-1, "
                  "rfc7093-method-1, rfc7093-method-2 or rfc7093-method-3");
  return *method;
}

// method: how a new key's identifier is made (default RFC 5280 method 1); accept: what else the
// lint takes, a list of methods or "any" (a cross-certificate's copied identifier).
x509::SubjectKeyIdentifier read_ski(const YamlSource& src, MapReader& map) {
  x509::SubjectKeyIdentifier ski;
  if (auto n = map.optional("method"); n)
    ski.method = read_method(src, n, map.child_path("method"));
  const YamlNode* accept = map.optional("accept");
  if (!accept) return ski;
  if (accept->kind == YamlNode::Kind::scalar) {
    if (accept->value != "any")
      yaml_fail(src, accept, map.child_path("accept"), "expected any or a list of methods");
    ski.accept_any = true;
    return ski;
  }
  auto names = read_string_list(src, accept, map.child_path("accept"));
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string path = map.child_path("accept") + "[" + std::to_string(i) + "]";
    auto m = read_method(src, element(accept, i), path);
    if (m == ski.method || std::find(ski.accept.begin(), ski.accept.end(), m) != ski.accept.end())
      yaml_fail(src, element(accept, i), path, names[i] + " is listed twice (or is the method)");
    ski.accept.push_back(m);
  }
  return ski;
}

x509::ExtensionSpec read_one(const YamlSource& src, const std::string& kind, const YamlNode* body,
                             const std::string& path) {
  MapReader map(src, body, path);
  x509::ExtensionSpec spec;
  spec.critical = read_bool(src, map.required("critical"), map.child_path("critical"));
  if (auto n = map.optional("optional"); n)
    spec.optional = read_bool(src, n, map.child_path("optional"));
  if (kind == "basic-constraints") {
    x509::BasicConstraints bc;
    bc.ca = read_bool(src, map.required("ca"), map.child_path("ca"));
    if (auto n = map.optional("path-len"); n)
      bc.path_len = read_int(src, n, map.child_path("path-len"), 0, 100);
    if (bc.path_len && !bc.ca)
      yaml_fail(src, map.node(), path, "path-len is only for CA certificates (ca: true)");
    spec.value = bc;
  } else if (kind == "key-usage") {
    x509::KeyUsage ku;
    ku.bits = read_bits(src, map, "bits", true);
    ku.may_also = read_bits(src, map, "may-also", false);
    for (auto b : ku.may_also)
      if (std::find(ku.bits.begin(), ku.bits.end(), b) != ku.bits.end())
        yaml_fail(src, map.node(), map.child_path("may-also"),
                  std::string(x509::key_usage_bit_name(b)) + " is already in bits");
    spec.value = ku;
  } else if (kind == "subject-key-identifier") {
    spec.value = read_ski(src, map);
  } else if (kind == "authority-key-identifier") {
    spec.value = x509::AuthorityKeyIdentifier{};
  } else if (kind == "name-constraints") {
    // The subtrees are the subordinate's, so only a script gives them (setting name-constraints).
    x509::NameConstraints nc;
    if (auto n = map.optional("technically-constrained-tls"); n)
      nc.technically_constrained_tls =
          read_bool(src, n, map.child_path("technically-constrained-tls"));
    spec.value = nc;
  } else {
    spec.value = read_value_extension(src, kind, map, spec.optional);
  }
  map.finish();
  return spec;
}

std::string expected_kinds() {
  std::string out;
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    out += std::string(i == 0                   ? ""
                       : i + 1 == kKinds.size() ? " or "
                                                : ", ") +
           std::string(kKinds[i]);
  return out;
}

}  // namespace

std::vector<x509::ExtensionSpec> read_extensions(const YamlSource& src, const YamlNode* node) {
  if (!is_list(node)) yaml_fail(src, node, "extensions", "expected a list");
  std::vector<x509::ExtensionSpec> out;
  std::vector<std::string> kinds;
  for (std::size_t i = 0; i < node->children.size(); ++i) {
    std::string path = "extensions[" + std::to_string(i) + "]";
    MapReader item(src, element(node, i), path);
    if (item.node()->children.size() != 1)
      yaml_fail(src, element(node, i), path, "each extension is a mapping with one key, its kind");
    const YamlNode& entry = item.node()->children.front();
    std::string kind = entry.key;
    if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end())
      yaml_fail_key(src, entry, path,
                    "unknown extension \"" + kind + "\"; expected " + expected_kinds());
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end())
      yaml_fail_key(src, entry, path, kind + " is listed twice");
    kinds.push_back(kind);
    out.push_back(read_one(src, kind, item.required(kind), path + "." + kind));
    item.finish();
  }
  return out;
}

}  // namespace kr::profile
