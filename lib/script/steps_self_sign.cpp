// The self-sign step body. The profile decides what a certificate may contain; the field checks
// that need no profile are in steps_fields.cpp.
#include "script/steps.h"

namespace kr::script {

SelfSign parse_self_sign(const config::YamlNode& body, StepDraft& draft,
                         config::Diagnostics& diagnostics) {
  SelfSign out;
  config::MapReader fields(body,
                           {"key", "profile", "subject", "subject-printable", "validity",
                            "signature-algorithm", "output", "format"},
                           diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields.required("key");
  const config::YamlNode* profile = fields.required("profile");
  const config::YamlNode* subject = fields.required("subject");
  const config::YamlNode* validity = fields.required("validity");
  const config::YamlNode* algorithm = fields.optional("signature-algorithm");
  const config::YamlNode* output = fields.required("output");
  const config::YamlNode* format = fields.optional("format");
  note_field(draft, diagnostics, "key", key);
  note_field(draft, diagnostics, "profile", profile);
  note_field(draft, diagnostics, "subject", subject);
  note_field(draft, diagnostics, "validity", validity);
  note_field(draft, diagnostics, "signature-algorithm", algorithm);
  note_field(draft, diagnostics, "output", output);
  note_field(draft, diagnostics, "format", format);

  if (auto label = read_key_reference(key, draft, diagnostics)) out.key = *label;
  if (auto name = read_profile(profile, diagnostics)) out.profile = *name;
  out.subject = read_subject(subject, draft, diagnostics);
  const config::YamlNode* printable = fields.optional("subject-printable");
  note_field(draft, diagnostics, "subject-printable", printable);
  out.subject_printable = read_subject_printable(printable, out.subject, diagnostics);
  out.validity = read_validity(validity, draft, diagnostics);
  out.signature_algorithm = read_signature_algorithm(algorithm, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
