// The issue and cross-sign step bodies: a CA certifies a key it does not hold, from a CSR or a
// bare public key (issue) or from another CA's certificate (cross-sign).
#include "script/step_fields.h"
#include "script/steps.h"

namespace kr::script {

Issue parse_issue(const config::YamlNode& body, StepDraft& draft,
                  config::Diagnostics& diagnostics) {
  Issue out;
  const StepFields fields(body, "issue", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* issuer = fields["issuer"];
  const config::YamlNode* profile = fields["profile"];
  const config::YamlNode* csr = fields["csr"];
  const config::YamlNode* public_key = fields["public-key"];
  const config::YamlNode* subject = fields["subject"];
  const config::YamlNode* validity = fields["validity"];
  const config::YamlNode* algorithm = fields["signature-algorithm"];
  const config::YamlNode* extensions = fields["extensions"];
  const config::YamlNode* output = fields["output"];
  const config::YamlNode* format = fields["format"];

  out.issuer = read_issuer(issuer, "issuer", draft, diagnostics);
  if (auto name = read_profile(profile, diagnostics)) out.profile = *name;
  // The subject's key comes from exactly one place.
  if (csr && public_key)
    report(diagnostics, *public_key, "give csr or public-key, not both");
  else if (!csr && !public_key)
    report(diagnostics, body, "needs the subject's key: give csr or public-key");
  out.csr = read_input(csr, diagnostics);
  if (!csr || !public_key) out.public_key = read_input(public_key, diagnostics);
  // A CSR names its subject; a bare key does not, so then the script must.
  if (public_key && !csr && !subject)
    diagnostics.add(body.line, body.column, body.path + ".subject",
                    "required with public-key; a public key carries no subject");
  out.subject = read_subject(subject, draft, diagnostics);
  const config::YamlNode* printable = fields["subject-printable"];
  out.subject_printable = read_subject_printable(printable, out.subject, diagnostics);
  out.validity = read_validity(validity, draft, diagnostics);
  out.signature_algorithm = read_signature_algorithm(algorithm, diagnostics);
  out.extensions = read_extensions(extensions, draft, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

CrossSign parse_cross_sign(const config::YamlNode& body, StepDraft& draft,
                           config::Diagnostics& diagnostics) {
  CrossSign out;
  const StepFields fields(body, "cross-sign", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* issuer = fields["issuer"];
  const config::YamlNode* certificate = fields["certificate"];
  const config::YamlNode* profile = fields["profile"];
  const config::YamlNode* validity = fields["validity"];
  const config::YamlNode* algorithm = fields["signature-algorithm"];
  const config::YamlNode* extensions = fields["extensions"];
  const config::YamlNode* output = fields["output"];
  const config::YamlNode* format = fields["format"];

  out.issuer = read_issuer(issuer, "issuer", draft, diagnostics);
  if (auto file = read_input(certificate, diagnostics)) out.certificate = std::move(*file);
  if (auto name = read_profile(profile, diagnostics)) out.profile = *name;
  out.validity = read_validity(validity, draft, diagnostics);
  out.signature_algorithm = read_signature_algorithm(algorithm, diagnostics);
  out.extensions = read_extensions(extensions, draft, diagnostics);
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  out.format = read_format(format, diagnostics);
  return out;
}

}  // namespace kr::script
