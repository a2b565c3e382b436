// Strict reading of profile files on config's YAML tree, the one scripts are read with: anchors,
// aliases, tags, duplicate and unknown keys are errors, every error names file:line:column and the
// YAML path, and scalars must have exactly the type asked for (no "yes" for true, no "25.0" or
// "25" in quotes for 25). A profile stops at its first problem: it is data shipped with keyrite or
// written once by an organisation, not a script a custodian fixes line by line.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "config/yaml_tree.h"

namespace kr::profile {

using config::YamlNode;

// Where errors point.
struct YamlSource {
  std::string file;
};

// The file's one YAML document; throws config::ConfigError listing every problem the strict
// tree found (syntax, anchors, aliases, tags, duplicate keys), kr::Error when it cannot be read.
YamlNode parse_profile_file(const std::filesystem::path& file);

// `at` nullptr: the problem is with the file as a whole.
[[noreturn]] void yaml_fail(const YamlSource& src, const YamlNode* at, const std::string& path,
                            const std::string& message);

// A problem with a mapping entry's key (`entry` is the entry, as the tree keeps it).
[[noreturn]] void yaml_fail_key(const YamlSource& src, const YamlNode& entry,
                                const std::string& path, const std::string& message);

class MapReader {
 public:
  // Fails unless node is a mapping (the tree has already refused repeated keys).
  MapReader(const YamlSource& src, const YamlNode* node, std::string path);

  // Fails when the key is absent.
  const YamlNode* required(const std::string& key);
  // nullptr when the key is absent.
  const YamlNode* optional(const std::string& key);
  // Fails on the first key that neither required() nor optional() asked for.
  void finish() const;

  std::string child_path(const std::string& key) const;
  const YamlNode* node() const { return node_; }

 private:
  const YamlSource& src_;
  const YamlNode* node_;
  std::string path_;
  std::set<std::string> asked_;
};

// The i-th item of a list already read (its size checked by the caller's own read).
inline const YamlNode* element(const YamlNode* list, std::size_t i) {
  return &list->children.at(i);
}
inline bool is_list(const YamlNode* node) {
  return node && node->kind == YamlNode::Kind::sequence;
}

std::string read_string(const YamlSource& src, const YamlNode* node, const std::string& path);
// Unquoted decimal digits only.
int read_int(const YamlSource& src, const YamlNode* node, const std::string& path, int min,
             int max);
// Unquoted true or false.
bool read_bool(const YamlSource& src, const YamlNode* node, const std::string& path);
std::vector<std::string> read_string_list(const YamlSource& src, const YamlNode* node,
                                          const std::string& path);

}  // namespace kr::profile
