// yaml-cpp keeps duplicate keys and converts scalars loosely; the checks here close both gaps.
#include "profile/yaml_reader.h"

#include "util/error.h"

namespace kr::profile {
namespace {

std::string position(const YamlSource& src, const YAML::Node& at) {
  YAML::Mark mark = at.IsDefined() ? at.Mark() : YAML::Mark::null_mark();
  if (mark.is_null()) return src.file;
  return src.file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

const char* type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Null:
      return "empty";
    case YAML::NodeType::Undefined:
      break;
  }
  return "missing";
}

}  // namespace

void yaml_fail(const YamlSource& src, const YAML::Node& at, const std::string& path,
               const std::string& message) {
  throw Error(position(src, at) + ": " + (path.empty() ? "" : path + ": ") + message);
}

MapReader::MapReader(const YamlSource& src, const YAML::Node& node, std::string path)
    : src_(src), node_(node), path_(std::move(path)) {
  if (!node_.IsMap())
    yaml_fail(src_, node_, path_, std::string("expected a mapping, found ") + type_name(node_));
  std::set<std::string> seen;
  for (const auto& kv : node_) {
    if (!kv.first.IsScalar()) yaml_fail(src_, kv.first, path_, "keys must be plain text");
    if (!seen.insert(kv.first.Scalar()).second)
      yaml_fail(src_, kv.first, path_, "key \"" + kv.first.Scalar() + "\" appears twice");
  }
}

std::string MapReader::child_path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

YAML::Node MapReader::optional(const std::string& key) {
  asked_.insert(key);
  for (const auto& kv : node_)
    if (kv.first.Scalar() == key) return kv.second;
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node MapReader::required(const std::string& key) {
  YAML::Node value = optional(key);
  if (!value.IsDefined()) yaml_fail(src_, node_, path_, "missing key \"" + key + "\"");
  return value;
}

void MapReader::finish() const {
  for (const auto& kv : node_)
    if (!asked_.count(kv.first.Scalar()))
      yaml_fail(src_, kv.first, path_, "unknown key \"" + kv.first.Scalar() + "\"");
}

std::string read_string(const YamlSource& src, const YAML::Node& node, const std::string& path) {
  if (!node.IsScalar() || node.Scalar().empty())
    yaml_fail(src, node, path, std::string("expected text, found ") + type_name(node));
  return node.Scalar();
}

int read_int(const YamlSource& src, const YAML::Node& node, const std::string& path, int min,
             int max) {
  std::string text = node.IsScalar() ? node.Scalar() : std::string();
  long long value = 0;
  bool ok = !text.empty() && text.size() <= 9;
  for (char c : text) {
    if (c < '0' || c > '9') ok = false;
    value = value * 10 + (c - '0');
  }
  if (!ok || value < min || value > max)
    yaml_fail(src, node, path,
              "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  return static_cast<int>(value);
}

bool read_bool(const YamlSource& src, const YAML::Node& node, const std::string& path) {
  if (node.IsScalar() && node.Scalar() == "true") return true;
  if (node.IsScalar() && node.Scalar() == "false") return false;
  yaml_fail(src, node, path, "expected true or false");
}

std::vector<std::string> read_string_list(const YamlSource& src, const YAML::Node& node,
                                          const std::string& path) {
  if (!node.IsSequence())
    yaml_fail(src, node, path, std::string("expected a list, found ") + type_name(node));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < node.size(); ++i)
    out.push_back(read_string(src, node[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

}  // namespace kr::profile
