// Top level of the script parser: YAML tree, then sections, then steps, then cross-step checks,
// all reporting into one Diagnostics so a script's problems are listed in a single run.
#include "script/parser.h"

#include <fstream>

#include "config/reader.h"
#include "config/yaml_tree.h"
#include "script/check_steps.h"
#include "script/section_fields.h"
#include "script/sections.h"
#include "script/steps.h"
#include "util/error.h"
#include "util/regular_file.h"

namespace kr::script {
namespace {

constexpr config::FileKind kScriptFile{"ceremony script", "script", "keyrite: 1"};

std::string read_text(const std::filesystem::path& file) {
  const Bytes bytes = read_regular_file(file, kMaxScriptBytes, "the ceremony script");
  return std::string(bytes.begin(), bytes.end());
}

// backup-key and restore-key need the KEK that only the recovery custodians' quorum rebuilds
// (CPS 6.2.4); a single-PIN test ceremony has no such quorum.
void check_recovery_quorum(const std::vector<StepDraft>& drafts, const Script& script,
                           config::Diagnostics& diagnostics) {
  if (script.quorum && script.quorum->key_backup) return;
  for (const auto& draft : drafts) {
    if (!draft.has_body) continue;
    const char* kind = step_kind(draft.step.body);
    if (!std::holds_alternative<BackupKey>(draft.step.body) &&
        !std::holds_alternative<RestoreKey>(draft.step.body))
      continue;
    diagnostics.add(draft.kind_position,
                    std::string(kind) +
                        " needs the recovery custodians' quorum: add quorum.key-backup (M-of-N) "
                        "and quorum.key-backup-share-set (the descriptor kr-quorum new-set wrote), "
                        "with roles.recovery-custodians");
  }
}

void parse_document(const config::YamlNode& root, const std::filesystem::path& script_dir,
                    const ParseOptions& options, Script& script, config::Diagnostics& diagnostics) {
  if (root.kind != config::YamlNode::Kind::mapping) {
    if (!root.reported)
      report(diagnostics, root,
             "a ceremony script is a mapping that starts with \"keyrite: 1\"; found " +
                 describe(root));
    return;
  }
  const TableReader top(root, script_table(), "", diagnostics);
  parse_version(top.required("keyrite"), script, diagnostics);
  parse_ceremony(top.required("ceremony"), script, diagnostics);
  parse_token(top.required("token"), script, diagnostics);
  const auto counts = parse_roles(top.required("roles"), script, diagnostics);
  parse_quorum(top.optional("quorum"), counts, script_dir, script, diagnostics);
  // Only when the script is otherwise readable: a misspelt "quorum" is reported as such.
  if (!top.optional("quorum") && !script.test_ceremony && diagnostics.empty())
    report(diagnostics, root,
           "a ceremony needs a quorum (CPS 5.2.2): add \"quorum: {activation: M-of-N, share-set: "
           "FILE}\" naming the share set kr-token init wrote; only a test ceremony "
           "(ceremony.test: true) may unlock its token with a single PIN");
  auto drafts = parse_steps(top.required("steps"), diagnostics);
  script.external_keys =
      check_steps(drafts, script_dir, options.output_dir, diagnostics, options.existing_outputs);
  check_recovery_quorum(drafts, script, diagnostics);
  for (auto& draft : drafts) script.steps.push_back(std::move(draft.step));
}

}  // namespace

Script parse_script_file(const std::filesystem::path& file, const ParseOptions& options) {
  return parse_script_text(read_text(file), file.string(), options);
}

Script parse_script_text(std::string_view text, const std::string& file_name,
                         const ParseOptions& options) {
  config::Diagnostics diagnostics(file_name);
  Script script;
  script.file = file_name;
  // Input files are named relative to the script, so that a ceremony directory can be moved.
  const std::filesystem::path script_dir = std::filesystem::path(file_name).parent_path();
  if (auto root = config::parse_yaml(text, kScriptFile, diagnostics))
    parse_document(*root, script_dir, options, script, diagnostics);
  diagnostics.throw_if_any();
  return script;
}

}  // namespace kr::script
