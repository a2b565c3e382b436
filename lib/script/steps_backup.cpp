// The backup-key, restore-key and destroy-key step bodies (CPS 6.2.4, 6.2.6, 6.2.10). Whether the
// script has the recovery quorum these need is checked in check_steps.cpp.
#include "script/step_fields.h"
#include "script/steps.h"

namespace kr::script {

BackupKey parse_backup_key(const config::YamlNode& body, StepDraft& draft,
                           config::Diagnostics& diagnostics) {
  BackupKey out;
  const StepFields fields(body, "backup-key", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields["key"];
  const config::YamlNode* output = fields["output"];
  if (auto label = read_name(key, diagnostics)) out.key = *label;
  if (auto dir = read_output_dir(output, diagnostics)) out.output = *dir;
  return out;
}

RestoreKey parse_restore_key(const config::YamlNode& body, StepDraft& draft,
                             config::Diagnostics& diagnostics) {
  RestoreKey out;
  const StepFields fields(body, "restore-key", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* backup = fields["backup"];
  const config::YamlNode* label = fields["label"];
  if (auto file = read_input(backup, diagnostics)) out.backup = std::move(*file);
  if (auto text = read_name(label, diagnostics)) out.label = *text;
  return out;
}

DestroyKey parse_destroy_key(const config::YamlNode& body, StepDraft& draft,
                             config::Diagnostics& diagnostics) {
  DestroyKey out;
  const StepFields fields(body, "destroy-key", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields["key"];
  if (auto label = read_name(key, diagnostics)) out.key = *label;
  return out;
}

}  // namespace kr::script
