// The steps list and each step's envelope: id, description and exactly one kind.
#include "script/steps.h"

#include <vector>

#include "config/suggest.h"
#include "script/names.h"
#include "script/section_fields.h"
#include "script/step_fields.h"

namespace kr::script {
namespace {

// A step's keys: its envelope (steps[] in the script's table, section_fields.cpp) and every kind
// (step_fields.cpp), for the "did you mean" of an unknown key; and the kinds alone, for the hint
// when a step has none.
std::vector<std::string_view> kind_names() {
  std::vector<std::string_view> out;
  for (const StepKind& kind : step_kinds()) out.push_back(kind.name);
  return out;
}

std::vector<std::string_view> step_keys() {
  std::vector<std::string_view> out = keys_under(script_table(), "steps[]");
  for (std::string_view kind : kind_names()) out.push_back(kind);
  return out;
}

void parse_id(const config::YamlNode* node, StepDraft& draft, config::Diagnostics& diagnostics) {
  const auto id = read_name(node, diagnostics);
  if (!id) return;
  if (!is_valid_id(*id)) {
    report(diagnostics, *node, "\"" + *id + "\" is not a valid id; " + std::string(kIdRule));
    return;
  }
  draft.step.id = *id;
  draft.id_position = position_of(diagnostics, *node);
}

void parse_body(const config::YamlNode& kind_node, const StepKind& kind, StepDraft& draft,
                config::Diagnostics& diagnostics) {
  draft.step.body = kind.parse(kind_node, draft, diagnostics);
  draft.has_body = kind_node.kind == config::YamlNode::Kind::mapping;
}

StepDraft parse_step(const config::YamlNode& node, config::Diagnostics& diagnostics) {
  StepDraft draft;
  draft.step.position = position_of(diagnostics, node);
  static const std::vector<std::string_view> keys = step_keys();
  config::MapReader step(node, keys, diagnostics);
  if (!step.is_mapping()) return draft;
  parse_id(step.required("id"), draft, diagnostics);
  if (auto description = read_string(step.optional("description"), diagnostics))
    draft.step.description = *description;

  const config::YamlNode* first_kind = nullptr;
  for (const config::YamlNode& child : node.children) {
    const StepKind* kind = find_step_kind(child.key);
    if (!kind) continue;
    if (first_kind) {
      diagnostics.add(child.key_line, child.key_column, child.path,
                      "a second step kind (after " + first_kind->key +
                          "); a step does exactly one thing, so split it into two steps");
      continue;
    }
    first_kind = &child;
    draft.kind_position = diagnostics.position(child.key_line, child.key_column, child.path);
    parse_body(child, *kind, draft, diagnostics);
  }
  if (!first_kind)
    report(diagnostics, node,
           "the step has no kind; add one of " + config::join_words(kind_names()));
  return draft;
}

}  // namespace

std::vector<StepDraft> parse_steps(const config::YamlNode* node, config::Diagnostics& diagnostics) {
  std::vector<StepDraft> drafts;
  if (!node || node->reported) return drafts;
  if (node->kind != config::YamlNode::Kind::sequence) {
    report(diagnostics, *node, "expected a list of steps, found " + describe(*node));
    return drafts;
  }
  if (node->children.empty()) report(diagnostics, *node, "must list at least one step");
  for (const config::YamlNode& step : node->children)
    drafts.push_back(parse_step(step, diagnostics));
  return drafts;
}

}  // namespace kr::script
