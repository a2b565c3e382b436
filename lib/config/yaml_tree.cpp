// Builds the positioned YAML tree from yaml-cpp's event API and refuses the YAML features no
// keyrite file has a use for (anchors, aliases, tags, several documents).
#include "config/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <sstream>
#include <unordered_map>

namespace kr::config {
namespace {

using Kind = YamlNode::Kind;

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + '.' + key;
}

// yaml-cpp spells "!!str" as its full URI; show it the way the user wrote it.
std::string show_tag(const std::string& tag) {
  static const std::string core = "tag:yaml.org,2002:";
  return tag.rfind(core, 0) == 0 ? "!!" + tag.substr(core.size()) : tag;
}

// Thrown from inside the event handler to stop yaml-cpp's recursive descent at once.
struct TooDeep {
  int line;
  int column;
  std::string path;
};

class TreeBuilder final : public YAML::EventHandler {
 public:
  explicit TreeBuilder(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}
  YamlNode take_root() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { begin(mark, Kind::empty); }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    const bool ignored = skipping_ > 0;
    YamlNode* node = begin(mark, Kind::empty);
    if (node) node->reported = true;  // the alias is the error; "empty value" would be noise
    if (!ignored)
      add(mark, node ? node->path : stack_.back().node->path,
          "aliases (*name) are not allowed; write the value out in full");
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    YamlNode* node = begin(mark, Kind::scalar);
    if (!node) return;
    node->value = value;
    // yaml-cpp gives "!" to quoted and block scalars and "?" to plain ones; anything else was
    // written by the user.
    node->quoted = tag == "!";
    check_tag(mark, tag, node->path);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(mark, tag, Kind::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    open(mark, tag, Kind::mapping);
  }
  void OnMapEnd() override { close(); }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    pending_anchor_ = {mark, name};
  }

 private:
  struct Frame {
    YamlNode* node;
    bool expect_key = true;
    bool key_ok = false;
    YamlNode key;  // the key just read, waiting for its value
    // key -> line it was first set on; a hash rather than a scan, so a large mapping stays linear.
    std::unordered_map<std::string, int> key_lines;
  };

  void add(const YAML::Mark& mark, const std::string& path, std::string message) {
    diagnostics_.add(mark.line + 1, mark.column + 1, path, std::move(message));
  }

  void check_tag(const YAML::Mark& mark, const std::string& tag, const std::string& path) {
    if (tag != "?" && tag != "!")
      add(mark, path, "YAML tags (" + show_tag(tag) + ") are not allowed; remove the tag");
  }

  void open(const YAML::Mark& mark, const std::string& tag, Kind kind) {
    YamlNode* node = begin(mark, kind);
    if (!node) {
      // An ignored subtree still counts: the limit protects the stack, not only the tree.
      if (stack_.size() + ++skipping_ > kMaxNestingDepth)
        throw TooDeep{mark.line + 1, mark.column + 1, stack_.back().node->path};
      return;
    }
    check_tag(mark, tag, node->path);
    stack_.push_back({node});
    if (stack_.size() > kMaxNestingDepth) throw TooDeep{node->line, node->column, node->path};
  }

  void close() {
    if (skipping_ > 0)
      --skipping_;
    else
      stack_.pop_back();
  }

  // Places the node an event starts: the root, a list item, a mapping key or a mapping value.
  // Returns nullptr when the node is to be ignored (inside a bad key or a duplicate's value).
  YamlNode* begin(const YAML::Mark& mark, Kind kind) {
    if (skipping_ > 0) {
      pending_anchor_.reset();  // inside a subtree already reported as wrong
      return nullptr;
    }
    YamlNode* node = place(mark, kind);
    if (node) {
      node->kind = kind;
      if (node->line == 0) {
        node->line = mark.line + 1;
        node->column = mark.column + 1;
      }
    }
    if (pending_anchor_) {
      const auto& [anchor_mark, name] = *pending_anchor_;
      add(anchor_mark, node ? node->path : stack_.back().node->path,
          "anchors (&" + name + ") are not allowed; write each value out in full");
      pending_anchor_.reset();
    }
    return node;
  }

  YamlNode* place(const YAML::Mark& mark, Kind kind) {
    if (stack_.empty()) return &root_;
    Frame& frame = stack_.back();
    YamlNode& parent = *frame.node;
    if (parent.kind == Kind::sequence) {
      YamlNode& item = parent.children.emplace_back();
      item.path = parent.path + '[' + std::to_string(parent.children.size() - 1) + ']';
      return &item;
    }
    if (frame.expect_key) {
      frame.expect_key = false;
      frame.key = YamlNode{};
      frame.key.path = parent.path;
      frame.key_ok = kind == Kind::scalar;
      if (!frame.key_ok) {
        add(mark, parent.path,
            kind == Kind::empty ? "a mapping key is empty" : "mapping keys must be plain strings");
        return nullptr;
      }
      return &frame.key;
    }
    frame.expect_key = true;
    if (!frame.key_ok) return nullptr;
    const YamlNode& key = frame.key;
    const std::string path = join_path(parent.path, key.value);
    if (const auto [first, fresh] = frame.key_lines.emplace(key.value, key.line); !fresh) {
      diagnostics_.add(key.line, key.column, path,
                       "duplicate key \"" + key.value + "\"; it is already set on line " +
                           std::to_string(first->second));
      return nullptr;
    }
    YamlNode& value = parent.children.emplace_back();
    value.key = key.value;
    value.key_line = key.line;
    value.key_column = key.column;
    value.path = path;
    if (kind == Kind::empty) {
      // yaml-cpp marks a missing value at the next token, often on a later line; the key is
      // where the reader should look.
      value.line = key.line;
      value.column = key.column;
    }
    return &value;
  }

  Diagnostics& diagnostics_;
  YamlNode root_;
  std::vector<Frame> stack_;
  int skipping_ = 0;  // depth inside a subtree being ignored
  std::optional<std::pair<YAML::Mark, std::string>> pending_anchor_;
};

// Sees whether a second document follows, without building it.
class DocumentCounter final : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> start;
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (!start) start = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

void add_syntax_error(const YAML::Exception& e, Diagnostics& diagnostics) {
  // Some yaml-cpp errors carry no mark (-1); point at the start rather than at line 0.
  const int line = e.mark.is_null() ? 1 : e.mark.line + 1;
  const int column = e.mark.is_null() ? 1 : e.mark.column + 1;
  diagnostics.add(line, column, "", "YAML syntax error: " + e.msg);
}

}  // namespace

const YamlNode* YamlNode::find(std::string_view name) const {
  if (kind != Kind::mapping) return nullptr;
  for (const auto& child : children)
    if (child.key == name) return &child;
  return nullptr;
}

std::string describe(const YamlNode& node) {
  switch (node.kind) {
    case Kind::empty:
      return "an empty value";
    case Kind::sequence:
      return "a list";
    case Kind::mapping:
      return "a mapping";
    case Kind::scalar:
      break;
  }
  return (node.quoted ? "the quoted string \"" : "\"") + node.value + '"';
}

std::optional<YamlNode> parse_yaml(std::string_view text, const FileKind& kind,
                                   Diagnostics& diagnostics) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  TreeBuilder builder(diagnostics);
  try {
    if (!parser.HandleNextDocument(builder)) {
      diagnostics.add(1, 1, "",
                      "the file is empty; a " + std::string(kind.name) + " starts with \"" +
                          std::string(kind.first_line) + '"');
      return std::nullopt;
    }
  } catch (const TooDeep& e) {
    diagnostics.add(e.line, e.column, e.path,
                    "nested deeper than " + std::to_string(kMaxNestingDepth) + " levels; a " +
                        std::string(kind.name) + " needs only a few");
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    add_syntax_error(e, diagnostics);
    return std::nullopt;
  }
  DocumentCounter second;
  try {
    parser.HandleNextDocument(second);
  } catch (const YAML::Exception& e) {
    if (!second.start) add_syntax_error(e, diagnostics);
  }
  if (second.start)
    diagnostics.add(second.start->line + 1, second.start->column + 1, "",
                    "a " + std::string(kind.short_name) +
                        " is one YAML document; remove the \"---\" that starts a second one");
  return builder.take_root();
}

}  // namespace kr::config
