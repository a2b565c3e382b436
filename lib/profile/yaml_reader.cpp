// Profile reads over config's strict tree. The tree already refuses what yaml-cpp's Node API let
// through (duplicate keys, anchors, aliases, tags); the checks here add the profile's types and
// its fail-at-first-problem reporting.
#include "profile/yaml_reader.h"

#include <fstream>
#include <sstream>

#include "config/diagnostics.h"
#include "util/error.h"

namespace kr::profile {
namespace {

using Kind = YamlNode::Kind;

constexpr config::FileKind kProfileFile{"profile", "profile", "keyrite-profile: 1"};

// Profiles are a few kilobytes; a bigger file is not one.
constexpr std::streamsize kMaxProfileBytes = 1 << 20;

std::string position(const YamlSource& src, int line, int column) {
  return src.file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

const char* type_name(const YamlNode* node) {
  if (!node) return "missing";
  switch (node->kind) {
    case Kind::mapping:
      return "a mapping";
    case Kind::sequence:
      return "a list";
    case Kind::scalar:
      return "a scalar";
    case Kind::empty:
      break;
  }
  return "empty";
}

bool plain_scalar(const YamlNode* node) {
  return node && node->kind == Kind::scalar && !node->quoted;
}

}  // namespace

YamlNode parse_profile_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error("cannot open profile " + file.string());
  std::string text(kMaxProfileBytes + 1, '\0');
  in.read(text.data(), kMaxProfileBytes + 1);
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > static_cast<std::size_t>(kMaxProfileBytes))
    throw Error(file.string() + ": larger than a profile can be (1 MiB)");
  config::Diagnostics diagnostics(file.string());
  auto root = config::parse_yaml(text, kProfileFile, diagnostics);
  diagnostics.throw_if_any();
  if (!root) throw Error(file.string() + ": holds no YAML document");
  return std::move(*root);
}

void yaml_fail(const YamlSource& src, const YamlNode* at, const std::string& path,
               const std::string& message) {
  std::string where = at ? position(src, at->line, at->column) : src.file;
  throw Error(where + ": " + (path.empty() ? "" : path + ": ") + message);
}

void yaml_fail_key(const YamlSource& src, const YamlNode& entry, const std::string& path,
                   const std::string& message) {
  throw Error(position(src, entry.key_line, entry.key_column) + ": " +
              (path.empty() ? "" : path + ": ") + message);
}

MapReader::MapReader(const YamlSource& src, const YamlNode* node, std::string path)
    : src_(src), node_(node), path_(std::move(path)) {
  if (!node_ || node_->kind != Kind::mapping)
    yaml_fail(src_, node_, path_, std::string("expected a mapping, found ") + type_name(node_));
}

std::string MapReader::child_path(const std::string& key) const {
  return path_.empty() ? key : path_ + "." + key;
}

const YamlNode* MapReader::optional(const std::string& key) {
  asked_.insert(key);
  return node_->find(key);
}

const YamlNode* MapReader::required(const std::string& key) {
  const YamlNode* value = optional(key);
  if (!value) yaml_fail(src_, node_, path_, "missing key \"" + key + "\"");
  return value;
}

void MapReader::finish() const {
  for (const YamlNode& entry : node_->children)
    if (!asked_.count(entry.key))
      yaml_fail_key(src_, entry, path_, "unknown key \"" + entry.key + "\"");
}

std::string read_string(const YamlSource& src, const YamlNode* node, const std::string& path) {
  if (!node || node->kind != Kind::scalar || node->value.empty())
    yaml_fail(src, node, path, std::string("expected text, found ") + type_name(node));
  return node->value;
}

int read_int(const YamlSource& src, const YamlNode* node, const std::string& path, int min,
             int max) {
  const std::string expected =
      "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  // Quoted, "25" is a string: the same rule as a ceremony script's integers.
  if (node && node->kind == Kind::scalar && node->quoted)
    yaml_fail(src, node, path,
              expected + ", found " + config::describe(*node) + "; write it without quotes");
  std::string text = plain_scalar(node) ? node->value : std::string();
  long long value = 0;
  bool ok = !text.empty() && text.size() <= 9;
  for (char c : text) {
    if (c < '0' || c > '9') ok = false;
    value = value * 10 + (c - '0');
  }
  if (!ok || value < min || value > max) yaml_fail(src, node, path, expected);
  return static_cast<int>(value);
}

bool read_bool(const YamlSource& src, const YamlNode* node, const std::string& path) {
  if (plain_scalar(node) && node->value == "true") return true;
  if (plain_scalar(node) && node->value == "false") return false;
  if (node && node->kind == Kind::scalar && node->quoted)
    yaml_fail(
        src, node, path,
        "expected true or false, found " + config::describe(*node) + "; write it without quotes");
  yaml_fail(src, node, path, "expected true or false");
}

std::vector<std::string> read_string_list(const YamlSource& src, const YamlNode* node,
                                          const std::string& path) {
  if (!node || node->kind != Kind::sequence)
    yaml_fail(src, node, path, std::string("expected a list, found ") + type_name(node));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < node->children.size(); ++i)
    out.push_back(read_string(src, &node->children[i], path + "[" + std::to_string(i) + "]"));
  return out;
}

}  // namespace kr::profile
