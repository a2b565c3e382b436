// The backup-key, restore-key and destroy-key step bodies (CPS 6.2.4, 6.2.6, 6.2.10). Whether the
// script has the recovery quorum these need is checked in check_steps.cpp.
#include "script/steps.h"

namespace kr::script {

BackupKey parse_backup_key(const config::YamlNode& body, StepDraft& draft,
                           config::Diagnostics& diagnostics) {
  BackupKey out;
  config::MapReader fields(body, {"key", "output"}, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields.required("key");
  const config::YamlNode* output = fields.required("output");
  note_field(draft, diagnostics, "key", key);
  note_field(draft, diagnostics, "output", output);
  if (auto label = read_name(key, diagnostics)) out.key = *label;
  if (auto dir = read_output_dir(output, diagnostics)) out.output = *dir;
  return out;
}

RestoreKey parse_restore_key(const config::YamlNode& body, StepDraft& draft,
                             config::Diagnostics& diagnostics) {
  RestoreKey out;
  config::MapReader fields(body, {"backup", "label"}, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* backup = fields.required("backup");
  const config::YamlNode* label = fields.required("label");
  note_field(draft, diagnostics, "backup", backup);
  note_field(draft, diagnostics, "label", label);
  if (auto file = read_input(backup, diagnostics)) out.backup = std::move(*file);
  if (auto text = read_name(label, diagnostics)) out.label = *text;
  return out;
}

DestroyKey parse_destroy_key(const config::YamlNode& body, StepDraft& draft,
                             config::Diagnostics& diagnostics) {
  DestroyKey out;
  config::MapReader fields(body, {"key"}, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields.required("key");
  note_field(draft, diagnostics, "key", key);
  if (auto label = read_name(key, diagnostics)) out.key = *label;
  return out;
}

}  // namespace kr::script
