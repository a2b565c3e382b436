// The make-csr step body: a PKCS#10 request signed by a key on the token, for a CA outside this
// ceremony to certify (a cross-certificate for one of our roots, say).
#include "script/steps.h"

namespace kr::script {

MakeCsr parse_make_csr(const config::YamlNode& body, StepDraft& draft,
                       config::Diagnostics& diagnostics) {
  MakeCsr out;
  config::MapReader fields(body, {"key", "subject", "signature-algorithm", "output", "format"},
                           diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields.required("key");
  const config::YamlNode* subject = fields.required("subject");
  const config::YamlNode* algorithm = fields.optional("signature-algorithm");
  const config::YamlNode* output = fields.required("output");
  const config::YamlNode* format = fields.optional("format");
  note_field(draft, diagnostics, "key", key);
  note_field(draft, diagnostics, "subject", subject);
  note_field(draft, diagnostics, "signature-algorithm", algorithm);
  note_field(draft, diagnostics, "output", output);
  note_field(draft, diagnostics, "format", format);

  if (auto label = read_key_reference(key, draft, diagnostics)) out.key = *label;
  out.subject = read_subject(subject, draft, diagnostics);
  out.signature_algorithm = read_signature_algorithm(algorithm, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
