// Reading a profile's extension list: each item is a one-key mapping naming the extension.
#include <algorithm>

#include "profile/loader_parts.h"

namespace kr::profile {
namespace {

bool read_critical(const YamlSource& src, MapReader& map) {
  return read_bool(src, map.required("critical"), map.child_path("critical"));
}

x509::ExtensionSpec read_one(const YamlSource& src, const std::string& kind, const YAML::Node& body,
                             const std::string& path) {
  MapReader map(src, body, path);
  x509::ExtensionSpec spec;
  spec.critical = read_critical(src, map);
  if (kind == "basic-constraints") {
    x509::BasicConstraints bc;
    bc.ca = read_bool(src, map.required("ca"), map.child_path("ca"));
    if (auto n = map.optional("path-len"); n.IsDefined())
      bc.path_len = read_int(src, n, map.child_path("path-len"), 0, 100);
    spec.value = bc;
  } else if (kind == "key-usage") {
    YAML::Node bits = map.required("bits");
    x509::KeyUsage ku;
    auto names = read_string_list(src, bits, map.child_path("bits"));
    if (names.empty()) yaml_fail(src, bits, map.child_path("bits"), "the list is empty");
    for (std::size_t i = 0; i < names.size(); ++i) {
      auto bit = x509::key_usage_bit_from_name(names[i]);
      std::string bit_path = map.child_path("bits") + "[" + std::to_string(i) + "]";
      if (!bit) yaml_fail(src, bits[i], bit_path, "\"" + names[i] + "\" is not an RFC 5280 bit");
      for (auto b : ku.bits)
        if (b == *bit) yaml_fail(src, bits[i], bit_path, names[i] + " is listed twice");
      ku.bits.push_back(*bit);
    }
    spec.value = ku;
  } else if (kind == "subject-key-identifier") {
    spec.value = x509::SubjectKeyIdentifier{};
  } else if (kind == "authority-key-identifier") {
    spec.value = x509::AuthorityKeyIdentifier{};
  }
  map.finish();
  return spec;
}

}  // namespace

std::vector<x509::ExtensionSpec> read_extensions(const YamlSource& src, const YAML::Node& node) {
  if (!node.IsSequence()) yaml_fail(src, node, "extensions", "expected a list");
  std::vector<x509::ExtensionSpec> out;
  std::vector<std::string> kinds;
  for (std::size_t i = 0; i < node.size(); ++i) {
    std::string path = "extensions[" + std::to_string(i) + "]";
    MapReader item(src, node[i], path);
    if (item.node().size() != 1)
      yaml_fail(src, node[i], path, "each extension is a mapping with one key, its kind");
    YAML::Node key = item.node().begin()->first;
    std::string kind = key.Scalar();
    if (kind != "basic-constraints" && kind != "key-usage" && kind != "subject-key-identifier" &&
        kind != "authority-key-identifier")
      yaml_fail(src, key, path,
                "unknown extension \"" + kind +
                    "\"; expected basic-constraints, key-usage, subject-key-identifier or "
                    "authority-key-identifier");
    if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end())
      yaml_fail(src, key, path, kind + " is listed twice");
    kinds.push_back(kind);
    out.push_back(read_one(src, kind, item.required(kind), path + "." + kind));
    item.finish();
  }
  return out;
}

}  // namespace kr::profile
