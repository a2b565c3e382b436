// Typed reads from the YAML tree, with the wrong-type and unknown-key messages.
#include "config/reader.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "config/suggest.h"

namespace kr::config {
namespace {

using Kind = YamlNode::Kind;

// A node already reported, or absent because a required field is missing: say nothing more.
bool silent(const YamlNode* node) {
  return node == nullptr || node->reported;
}

}  // namespace

void report(Diagnostics& diagnostics, const YamlNode& at, std::string message) {
  diagnostics.add(at.line, at.column, at.path, std::move(message));
}

Position position_of(const Diagnostics& diagnostics, const YamlNode& node) {
  return diagnostics.position(node.line, node.column, node.path);
}

MapReader::MapReader(const YamlNode& node, std::span<const std::string_view> allowed,
                     Diagnostics& diagnostics, std::span<const std::string_view> reserved)
    : node_(node), diagnostics_(diagnostics) {
  if (node.reported) return;
  if (!is_mapping()) {
    report(diagnostics, node, "expected a mapping, found " + describe(node));
    return;
  }
  const std::vector<std::string_view> known(allowed.begin(), allowed.end());
  for (const YamlNode& child : node.children) {
    if (std::find(known.begin(), known.end(), child.key) != known.end()) continue;
    if (std::find(reserved.begin(), reserved.end(), child.key) != reserved.end()) continue;
    std::string message = "unknown key \"" + child.key + "\"; ";
    if (auto guess = nearest(child.key, known))
      message += "did you mean \"" + std::string(*guess) + "\"?";
    else
      message += "allowed keys: " + join_words(known);
    diagnostics.add(child.key_line, child.key_column, child.path, std::move(message));
  }
}

const YamlNode* MapReader::required(std::string_view key) const {
  const YamlNode* found = optional(key);
  if (!found && is_mapping()) {
    const std::string path =
        node_.path.empty() ? std::string(key) : node_.path + '.' + std::string(key);
    diagnostics_.add(node_.line, node_.column, path, "required field is missing");
  }
  return found;
}

std::optional<std::string> read_string(const YamlNode* node, Diagnostics& diagnostics) {
  if (silent(node)) return std::nullopt;
  if (node->kind != Kind::scalar) {
    report(diagnostics, *node, "expected a string, found " + describe(*node));
    return std::nullopt;
  }
  return node->value;
}

std::optional<std::string> read_name(const YamlNode* node, Diagnostics& diagnostics) {
  auto text = read_string(node, diagnostics);
  if (text && text->empty()) {
    report(diagnostics, *node, "must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<long long> read_integer(const YamlNode* node, Diagnostics& diagnostics) {
  if (silent(node)) return std::nullopt;
  if (node->kind != Kind::scalar) {
    report(diagnostics, *node, "expected an integer, found " + describe(*node));
    return std::nullopt;
  }
  if (node->quoted) {
    report(diagnostics, *node,
           "expected an integer, found " + describe(*node) + "; write it without quotes");
    return std::nullopt;
  }
  const std::string& text = node->value;
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == text.npos;
  if (!digits_only || error != std::errc{} || end != text.data() + text.size()) {
    report(diagnostics, *node, "expected a decimal integer, found " + describe(*node));
    return std::nullopt;
  }
  if (text.size() > 1 && text[0] == '0') {
    // YAML 1.1 reads 0755 as octal, YAML 1.2 as decimal: refuse rather than guess.
    report(diagnostics, *node,
           "expected a decimal integer without leading zeros, found " + describe(*node));
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<std::string>> read_string_list(const YamlNode* node,
                                                         Diagnostics& diagnostics) {
  if (silent(node)) return std::nullopt;
  if (node->kind != Kind::sequence) {
    report(diagnostics, *node, "expected a list, found " + describe(*node));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (const YamlNode& item : node->children) {
    auto name = read_name(&item, diagnostics);
    ok = ok && name.has_value();
    if (name) out.push_back(std::move(*name));
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace kr::config
