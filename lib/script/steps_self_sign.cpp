// The self-sign step body. The profile decides what a certificate may contain; the field checks
// that need no profile are in steps_fields.cpp.
#include "script/step_fields.h"
#include "script/steps.h"

namespace kr::script {

SelfSign parse_self_sign(const config::YamlNode& body, StepDraft& draft,
                         config::Diagnostics& diagnostics) {
  SelfSign out;
  const StepFields fields(body, "self-sign", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields["key"];
  const config::YamlNode* profile = fields["profile"];
  const config::YamlNode* subject = fields["subject"];
  const config::YamlNode* validity = fields["validity"];
  const config::YamlNode* algorithm = fields["signature-algorithm"];
  const config::YamlNode* output = fields["output"];
  const config::YamlNode* format = fields["format"];

  if (auto label = read_key_reference(key, draft, diagnostics)) out.key = *label;
  if (auto name = read_profile(profile, diagnostics)) out.profile = *name;
  out.subject = read_subject(subject, draft, diagnostics);
  const config::YamlNode* printable = fields["subject-printable"];
  out.subject_printable = read_subject_printable(printable, out.subject, diagnostics);
  out.validity = read_validity(validity, draft, diagnostics);
  out.signature_algorithm = read_signature_algorithm(algorithm, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
