// The sign-ocsp-response step body: one pre-signed response for one certificate, by the CA
// itself or by a delegated responder. A root's OCSP responses are signed offline, in advance.
#include "script/step_fields.h"
#include "script/steps.h"

namespace kr::script {
namespace {

std::optional<CertificateStatus> read_status(const config::YamlNode* node,
                                             config::Diagnostics& diagnostics) {
  const auto status = read_name(node, diagnostics);
  if (!status) return std::nullopt;
  if (*status == "good") return CertificateStatus::good;
  if (*status == "revoked") return CertificateStatus::revoked;
  report(diagnostics, *node, "\"" + *status + "\" is not a status; use good or revoked");
  return std::nullopt;
}

void read_der_only(const config::YamlNode* node, config::Diagnostics& diagnostics) {
  const auto format = read_name(node, diagnostics);
  if (!format || *format == "der") return;
  if (*format == "pem")
    report(diagnostics, *node, "OCSP responses are DER; write der or leave format out");
  else
    report(diagnostics, *node, "\"" + *format + "\" is not a format; OCSP responses are DER");
}

}  // namespace

SignOcspResponse parse_sign_ocsp_response(const config::YamlNode& body, StepDraft& draft,
                                          config::Diagnostics& diagnostics) {
  SignOcspResponse out;
  const StepFields fields(body, "sign-ocsp-response", draft, diagnostics);
  if (!fields.is_mapping()) return out;
  const config::YamlNode* issuer = fields["issuer"];
  const config::YamlNode* signer = fields["signer"];
  const config::YamlNode* certificate = fields["certificate"];
  const config::YamlNode* status_node = fields["status"];
  const config::YamlNode* time_node = fields["revocation-time"];
  const config::YamlNode* reason = fields["reason"];
  const config::YamlNode* this_node = fields["this-update"];
  const config::YamlNode* next_node = fields["next-update"];
  const config::YamlNode* output = fields["output"];
  const config::YamlNode* format = fields["format"];

  out.issuer = read_issuer(issuer, "issuer", draft, diagnostics);
  if (signer) out.signer = read_issuer(signer, "signer", draft, diagnostics);
  if (auto file = read_input(certificate, diagnostics)) out.certificate = std::move(*file);
  const auto status = read_status(status_node, diagnostics);
  if (status) out.status = *status;
  const auto this_update = read_time(this_node, diagnostics);
  const auto next_update = read_time(next_node, diagnostics);
  if (this_update) out.this_update = *this_update;
  if (next_update) out.next_update = *next_update;
  if (this_update && next_update && *next_update <= *this_update)
    report(diagnostics, *next_node, "must be after this-update (" + format_utc(*this_update) + ")");

  // Revocation details belong to a revoked status only; with the status unreadable they are
  // checked on their own terms.
  if (status == CertificateStatus::good && time_node)
    report(diagnostics, *time_node,
           "only a revoked certificate has a revocation time; remove it or use status: revoked");
  else
    out.revocation_time = read_time(time_node, diagnostics);
  if (status == CertificateStatus::good && reason)
    report(diagnostics, *reason,
           "only a revoked certificate has a reason; remove it or use status: revoked");
  else
    out.reason = read_reason(reason, diagnostics);
  if (status == CertificateStatus::revoked && !time_node)
    diagnostics.add(body.line, body.column, body.path + ".revocation-time",
                    "required when status is revoked");
  // A response states what was known at this-update; a later revocation time is a typo.
  if (out.revocation_time && this_update && *out.revocation_time > *this_update)
    report(diagnostics, *time_node,
           "must not be after this-update (" + format_utc(*this_update) + ")");
  if (auto path = read_output(output, diagnostics)) out.output = *path;
  read_der_only(format, diagnostics);
  return out;
}

}  // namespace kr::script
