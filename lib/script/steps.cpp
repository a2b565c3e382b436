// The steps list and each step's envelope: id, description and exactly one kind.
#include "script/steps.h"

#include <algorithm>
#include <array>

#include "config/suggest.h"
#include "script/names.h"

namespace kr::script {
namespace {

constexpr std::array<std::string_view, 11> kKinds = {
    "generate-key", "self-sign",   "export-public-key", "issue",
    "cross-sign",   "make-csr",    "sign-crl",          "sign-ocsp-response",
    "backup-key",   "restore-key", "destroy-key"};

bool is_kind(std::string_view key) {
  return std::find(kKinds.begin(), kKinds.end(), key) != kKinds.end();
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

void parse_body(const config::YamlNode& kind_node, StepDraft& draft,
                config::Diagnostics& diagnostics) {
  const std::string& kind = kind_node.key;
  if (kind == "generate-key")
    draft.step.body = parse_generate_key(kind_node, draft, diagnostics);
  else if (kind == "self-sign")
    draft.step.body = parse_self_sign(kind_node, draft, diagnostics);
  else if (kind == "export-public-key")
    draft.step.body = parse_export_public_key(kind_node, draft, diagnostics);
  else if (kind == "issue")
    draft.step.body = parse_issue(kind_node, draft, diagnostics);
  else if (kind == "cross-sign")
    draft.step.body = parse_cross_sign(kind_node, draft, diagnostics);
  else if (kind == "make-csr")
    draft.step.body = parse_make_csr(kind_node, draft, diagnostics);
  else if (kind == "sign-crl")
    draft.step.body = parse_sign_crl(kind_node, draft, diagnostics);
  else if (kind == "sign-ocsp-response")
    draft.step.body = parse_sign_ocsp_response(kind_node, draft, diagnostics);
  else if (kind == "backup-key")
    draft.step.body = parse_backup_key(kind_node, draft, diagnostics);
  else if (kind == "restore-key")
    draft.step.body = parse_restore_key(kind_node, draft, diagnostics);
  else
    draft.step.body = parse_destroy_key(kind_node, draft, diagnostics);
  draft.has_body = kind_node.kind == config::YamlNode::Kind::mapping;
}

StepDraft parse_step(const config::YamlNode& node, config::Diagnostics& diagnostics) {
  StepDraft draft;
  draft.step.position = position_of(diagnostics, node);
  config::MapReader step(
      node,
      {"id", "description", "generate-key", "self-sign", "export-public-key", "issue", "cross-sign",
       "make-csr", "sign-crl", "sign-ocsp-response", "backup-key", "restore-key", "destroy-key"},
      diagnostics);
  if (!step.is_mapping()) return draft;
  parse_id(step.required("id"), draft, diagnostics);
  if (auto description = read_string(step.optional("description"), diagnostics))
    draft.step.description = *description;

  const config::YamlNode* first_kind = nullptr;
  for (const config::YamlNode& child : node.children) {
    if (!is_kind(child.key)) continue;
    if (first_kind) {
      diagnostics.add(child.key_line, child.key_column, child.path,
                      "a second step kind (after " + first_kind->key +
                          "); a step does exactly one thing, so split it into two steps");
      continue;
    }
    first_kind = &child;
    draft.kind_position = diagnostics.position(child.key_line, child.key_column, child.path);
    parse_body(child, draft, diagnostics);
  }
  if (!first_kind)
    report(diagnostics, node, "the step has no kind; add one of " + config::join_words(kKinds));
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
