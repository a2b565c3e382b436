// The common tail of every certificate step.
#include "ceremony/certificate_step.h"

#include "ceremony/executor.h"
#include "ceremony/inventory.h"
#include "ceremony/output_file.h"
#include "ceremony/signing_pipeline.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "profile/certificate_template.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::ceremony {

void check_certificate_request(const profile::Profile& profile,
                               const profile::CertificateRequest& request, const script::Step& step,
                               std::vector<Finding>& findings) {
  for (const auto& v : profile::check_request(profile, request))
    findings.push_back({position_for(step, v.field), v.message});
}

void set_extensions(profile::CertificateRequest& request, const script::ExtensionSettings& s) {
  auto& out = request.settings;
  out.path_length = s.path_length;
  out.ca_issuers = s.ca_issuers;
  out.ocsp = s.ocsp;
  out.crl_distribution_points = s.crl_distribution_points;
  out.policies = s.policies;
  out.dns_names = s.dns_names;
  out.ip_addresses = s.ip_addresses;
  out.emails = s.emails;
  out.extended_key_usage = s.extended_key_usage;
  for (const auto& q : s.policy_qualifiers)
    out.policy_qualifiers.push_back({q.policy, q.cps, q.user_notice});
  for (auto [to, from] : {std::pair{&out.permitted_subtrees, &s.permitted_subtrees},
                          std::pair{&out.excluded_subtrees, &s.excluded_subtrees}})
    *to = {from->dns_names, from->ip_addresses, from->directory_names};
  request.permanent_identifier = s.permanent_identifier;
}

void run_certificate_job(Context& ctx, const script::Step& step, const CertificateJob& job) {
  std::vector<Finding> findings;
  check_certificate_request(*job.profile, job.request, step, findings);
  if (!findings.empty()) throw CheckFailed(std::move(findings));
  auto algorithm = profile::effective_signature_algorithm(*job.profile, job.request);
  auto tmpl = profile::certificate_template(*job.profile, job.request, ctx.serial_for(step));
  auto signed_cert = sign_certificate(ctx, step, tmpl, *job.profile, *job.signer, algorithm,
                                      job.issuer_certificate, job.output, job.request.existing);
  X509* cert = signed_cert.object.get();

  Bytes data = signed_cert.der;
  if (job.format == script::OutputFormat::pem) {
    auto pem = ossl::cert_pem(cert);
    data.assign(pem.begin(), pem.end());
  }
  auto subject_fp = ossl::spki_sha256_hex(X509_get0_pubkey(cert));
  auto signer_fp = ossl::spki_sha256_hex(job.signer->public_key.get());
  auto cert_fp = ossl::sha256_hex(signed_cert.der);
  bool is_ca = X509_check_ca(cert) > 0;
  // A CA certificate enters the disclosure inventory before it is published, so a crash between
  // the two can leave an inventory entry for a certificate never written (harmless: the intent
  // and the entry's hash explain it) but never a CA certificate that nobody disclosed.
  if (is_ca) record_in_inventory(ctx, cert, job.output);
  auto written = write_output(ctx, job.output, data);

  auto e = ctx.event(transcript::EventType::certificate_signed, &step);
  e.target = "file:" + job.output;
  e.inputs.push_back({"key:" + job.signer->label + " (SubjectPublicKeyInfo)", signer_fp});
  e.inputs.insert(e.inputs.end(), job.inputs.begin(), job.inputs.end());
  e.outputs.push_back(written);
  e.details["profile"] = job.profile->name;
  e.details["subject"] = x509::name_text(X509_get_subject_name(cert));
  e.details["issuer"] = x509::name_text(X509_get_issuer_name(cert));
  e.details["serial"] = x509::serial_hex(X509_get0_serialNumber(cert));
  e.details["not_before"] = format_utc(job.request.not_before);
  e.details["not_after"] = format_utc(job.request.not_after);
  e.details["signature_algorithm"] = algorithm;
  e.details["spki_sha256"] = subject_fp;
  e.details["certificate_sha256"] = cert_fp;
  e.details["tbs_sha256"] = signed_cert.tbs_sha256;
  e.details["ca"] = is_ca;
  e.details["verified_by"] = {"openssl", "botan"};
  auto notices = nlohmann::ordered_json::array();
  for (const auto& f : signed_cert.notices) notices.push_back(f.id);
  e.details["lint"] = {{"errors", 0}, {"other_findings", notices}};
  ctx.log->append(e);

  // "cross-certificate": the words the step screen and the audit report use for it.
  const bool cross = std::holds_alternative<script::CrossSign>(step.body);
  ctx.out << (cross ? "cross-certificate " : "certificate ") << job.output << ": "
          << e.details["subject"].get<std::string>() << "\n  issuer "
          << e.details["issuer"].get<std::string>() << "\n  serial "
          << e.details["serial"].get<std::string>() << ", " << algorithm << ", profile "
          << job.profile->name << "\n  SPKI SHA-256 " << subject_fp << "\n  certificate SHA-256 "
          << cert_fp << "\n";
}

}  // namespace kr::ceremony
