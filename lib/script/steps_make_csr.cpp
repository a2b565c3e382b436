// The make-csr step body: a PKCS#10 request signed by a key on the token, for a CA outside this
// ceremony to certify (a cross-certificate for one of our roots, say).
#include "script/step_fields.h"
#include "script/steps.h"

namespace kr::script {

MakeCsr parse_make_csr(const config::YamlNode& body, StepDraft& draft,
                       config::Diagnostics& diagnostics) {
  MakeCsr out;
  const StepFields fields(body, "make-csr", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* key = fields["key"];
  const config::YamlNode* subject = fields["subject"];
  const config::YamlNode* algorithm = fields["signature-algorithm"];
  const config::YamlNode* output = fields["output"];
  const config::YamlNode* format = fields["format"];

  if (auto label = read_key_reference(key, draft, diagnostics)) out.key = *label;
  out.subject = read_subject(subject, draft, diagnostics);
  out.signature_algorithm = read_signature_algorithm(algorithm, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
