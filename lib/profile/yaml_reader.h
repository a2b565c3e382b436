// Strict reading of YAML mappings for profile files: every error names file:line:column and the
// YAML path, unknown and duplicate keys are errors, and scalars must have exactly the type asked
// for (no "yes" for true, no "25.0" for 25).
#pragma once

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <vector>

namespace kr::profile {

// Where errors point.
struct YamlSource {
  std::string file;
};

[[noreturn]] void yaml_fail(const YamlSource& src, const YAML::Node& at, const std::string& path,
                            const std::string& message);

class MapReader {
 public:
  // Fails unless node is a mapping without repeated keys.
  MapReader(const YamlSource& src, const YAML::Node& node, std::string path);

  // Fails when the key is absent.
  YAML::Node required(const std::string& key);
  // An undefined node when the key is absent.
  YAML::Node optional(const std::string& key);
  // Fails on the first key that neither required() nor optional() asked for.
  void finish() const;

  std::string child_path(const std::string& key) const;
  const YAML::Node& node() const { return node_; }

 private:
  const YamlSource& src_;
  YAML::Node node_;
  std::string path_;
  std::set<std::string> asked_;
};

std::string read_string(const YamlSource& src, const YAML::Node& node, const std::string& path);
int read_int(const YamlSource& src, const YAML::Node& node, const std::string& path, int min,
             int max);
bool read_bool(const YamlSource& src, const YAML::Node& node, const std::string& path);
std::vector<std::string> read_string_list(const YamlSource& src, const YAML::Node& node,
                                          const std::string& path);

}  // namespace kr::profile
