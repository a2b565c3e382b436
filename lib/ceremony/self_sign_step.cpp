// self-sign: a root certificate for a token key, under a profile, through the signing pipeline.
#include <optional>

#include "ceremony/key_reference.h"
#include "util/error.h"
#include "ceremony/output_file.h"
#include "ceremony/signing_pipeline.h"
#include "ceremony/throwaway_key.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "profile/certificate_template.h"
#include "profile/request_check.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::ceremony {
namespace {

const script::SelfSign& body(const script::Step& step) {
  return std::get<script::SelfSign>(step.body);
}

// The generate-key step before `step` that makes `label`, if any.
const script::GenerateKey* generated_earlier(const script::Script& s, const script::Step& step,
                                             const std::string& label) {
  for (const auto& earlier : s.steps) {
    if (&earlier == &step) break;
    if (auto* g = std::get_if<script::GenerateKey>(&earlier.body); g && g->label == label) return g;
  }
  return nullptr;
}

profile::CertificateRequest request_for(const script::SelfSign& s, const EVP_PKEY* key) {
  profile::CertificateRequest r;
  r.subject = s.subject;
  r.not_before = s.validity.not_before;
  r.not_after = s.validity.not_after;
  r.public_key = key;
  r.signature_algorithm = s.signature_algorithm;
  return r;
}

std::optional<profile::Profile> load(const RunOptions& options, const script::Step& step,
                                     std::vector<Finding>& findings) {
  try {
    return profile::load_profile(options.profiles_dir, body(step).profile);
  } catch (const Error& e) {
    findings.push_back({step.position_of("profile"), e.what()});
    return std::nullopt;
  }
}

void check_request(const profile::Profile& profile, const script::Step& step, const EVP_PKEY* key,
                   std::vector<Finding>& findings) {
  for (const auto& v : profile::check_request(profile, request_for(body(step), key)))
    findings.push_back({position_for(step, v.field), v.message});
}

void check_offline(const script::Script& script, const script::Step& step,
                   const RunOptions& options, std::vector<Finding>& findings) {
  auto profile = load(options, step, findings);
  if (!profile) return;
  // A key made earlier in the script is checked by its declared shape now; a key already on the
  // token is checked when the token is open (check_on_token).
  if (auto* g = generated_earlier(script, step, body(step).key)) {
    auto shape = key_shape(g->type == script::KeyType::rsa ? pkcs11::KeyAlgorithm::rsa
                                                           : pkcs11::KeyAlgorithm::ec,
                           g->bits, g->curve);
    check_request(*profile, step, shape.get(), findings);
  }
}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  const auto& s = body(step);
  std::size_t before = findings.size();
  check_key_available(ctx, step, s.key, findings);
  if (findings.size() != before || generated_earlier(ctx.script, step, s.key)) return;
  if (auto profile = load(ctx.options, step, findings))
    check_request(*profile, step, ctx.key(s.key).public_key.get(), findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& s = body(step);
  auto profile = profile::load_profile(ctx.options.profiles_dir, s.profile);
  const auto& pair = ctx.key(s.key);
  auto request = request_for(s, pair.public_key.get());
  auto violations = profile::check_request(profile, request);
  if (!violations.empty()) throw Error(violations.front().field + ": " + violations.front().message);
  auto algorithm = profile::effective_signature_algorithm(profile, request);

  auto tmpl = profile::certificate_template(profile, request, x509::random_serial());

  auto signed_cert = sign_certificate(ctx, tmpl, profile, pair, algorithm, nullptr);
  Bytes data = signed_cert.der;
  if (s.format == script::OutputFormat::pem) {
    auto pem = ossl::cert_pem(signed_cert.cert.get());
    data.assign(pem.begin(), pem.end());
  }
  auto written = write_output(ctx, s.output, data);
  auto spki_fp = ossl::spki_sha256_hex(pair.public_key.get());
  auto cert_fp = ossl::sha256_hex(signed_cert.der);

  auto e = ctx.event(transcript::EventType::certificate_signed, &step);
  e.target = "file:" + s.output;
  e.inputs.push_back({"key:" + s.key + " (SubjectPublicKeyInfo)", spki_fp});
  e.outputs.push_back(written);
  e.details["profile"] = profile.name;
  e.details["subject"] = x509::name_text(X509_get_subject_name(signed_cert.cert.get()));
  e.details["serial"] = x509::serial_hex(X509_get0_serialNumber(signed_cert.cert.get()));
  e.details["not_before"] = format_utc(s.validity.not_before);
  e.details["not_after"] = format_utc(s.validity.not_after);
  e.details["signature_algorithm"] = algorithm;
  e.details["spki_sha256"] = spki_fp;
  e.details["certificate_sha256"] = cert_fp;
  e.details["tbs_sha256"] = signed_cert.tbs_sha256;
  e.details["verified_by"] = {"openssl", "botan"};
  auto notices = nlohmann::ordered_json::array();
  for (const auto& f : signed_cert.notices) notices.push_back(f.id);
  e.details["lint"] = {{"errors", 0}, {"other_findings", notices}};
  ctx.log->append(e);

  ctx.out << "certificate " << s.output << ": " << e.details["subject"].get<std::string>()
          << "\n  serial " << e.details["serial"].get<std::string>() << ", " << algorithm
          << ", profile " << profile.name << "\n  SPKI SHA-256 " << spki_fp
          << "\n  certificate SHA-256 " << cert_fp << "\n";
}

}  // namespace

const StepHandler kSelfSign{"self-sign", check_offline, check_on_token, run};

}  // namespace kr::ceremony
