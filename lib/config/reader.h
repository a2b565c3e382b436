// Typed reads from the positioned YAML tree. Each read that fails reports why at the value's
// position and returns nullopt, so the parser carries on and collects every problem in one pass.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostics.h"
#include "config/yaml_tree.h"

namespace kr::config {

void report(Diagnostics& diagnostics, const YamlNode& at, std::string message);
Position position_of(const Diagnostics& diagnostics, const YamlNode& node);

// One YAML mapping read against a fixed set of keys. Construction reports a node that is not a
// mapping and every key outside `allowed` and `reserved` (keys the caller reports itself).
class MapReader {
 public:
  MapReader(const YamlNode& node, std::span<const std::string_view> allowed,
            Diagnostics& diagnostics, std::span<const std::string_view> reserved = {});
  MapReader(const YamlNode& node, std::initializer_list<std::string_view> allowed,
            Diagnostics& diagnostics, std::span<const std::string_view> reserved = {})
      : MapReader(node, std::span(allowed.begin(), allowed.size()), diagnostics, reserved) {}

  bool is_mapping() const { return node_.kind == YamlNode::Kind::mapping; }
  const YamlNode& node() const { return node_; }
  const YamlNode* optional(std::string_view key) const { return node_.find(key); }
  // Reports "required field is missing" at the mapping when absent.
  const YamlNode* required(std::string_view key) const;

 private:
  const YamlNode& node_;
  Diagnostics& diagnostics_;
};

// Any scalar, plain or quoted. nullptr (a missing field already reported) gives nullopt quietly.
std::optional<std::string> read_string(const YamlNode* node, Diagnostics& diagnostics);
// A string that must not be empty.
std::optional<std::string> read_name(const YamlNode* node, Diagnostics& diagnostics);
// A plain decimal integer: "2048" in quotes is a string, and YAML's 0x, 0o and 1_000 forms are
// refused so that what a security officer reads is what the token gets.
std::optional<long long> read_integer(const YamlNode* node, Diagnostics& diagnostics);
// A list of non-empty strings.
std::optional<std::vector<std::string>> read_string_list(const YamlNode* node,
                                                         Diagnostics& diagnostics);

}  // namespace kr::config
