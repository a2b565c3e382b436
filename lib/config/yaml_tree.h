// keyrite's configuration YAML (ceremony scripts, profiles, hierarchy specs) as a small tree with
// 1-based positions and YAML paths. Built from yaml-cpp's event stream rather than its Node API,
// because the Node API silently keeps one of two duplicate keys and resolves anchors and aliases,
// and in a file that decides what a CA signs both hide mistakes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/diagnostics.h"

namespace kr::config {

// Collections nested deeper than this are refused: a ceremony script needs four levels, a profile
// six, and the limit keeps a hostile or corrupt file from exhausting the stack.
inline constexpr int kMaxNestingDepth = 64;

struct YamlNode {
  enum class Kind { empty, scalar, sequence, mapping };

  Kind kind = Kind::empty;
  int line = 0;
  int column = 0;
  std::string path;   // "steps[1].self-sign.key"; empty for the document itself
  std::string value;  // scalars only
  // A quoted or block scalar: YAML says it is a string, so it can never be read as a number.
  bool quoted = false;
  // Mapping entries keep their key and its position here; keys are unique (duplicates are
  // reported, and the first one kept).
  std::string key;
  int key_line = 0;
  int key_column = 0;
  std::vector<YamlNode> children;  // sequence items or mapping entries, in document order
  // Already reported as wrong (an alias): readers skip it quietly instead of piling on errors.
  bool reported = false;

  const YamlNode* find(std::string_view name) const;
};

// "a mapping", "a list", "the string \"x\"", "an empty value": what a node is, for messages.
std::string describe(const YamlNode& node);

// What kind of file is read, for the messages about the file as a whole.
struct FileKind {
  std::string_view name;        // "ceremony script"
  std::string_view short_name;  // "script": "a script is one YAML document"
  std::string_view first_line;  // "keyrite: 1": what an empty file should start with
};

// Parses exactly one YAML document. Syntax errors, anchors, aliases, tags, duplicate keys,
// non-string keys, a second document and excessive nesting are added to `diagnostics`; the result
// is empty when the text holds no document at all or is too broken to use.
std::optional<YamlNode> parse_yaml(std::string_view text, const FileKind& kind,
                                   Diagnostics& diagnostics);

}  // namespace kr::config
