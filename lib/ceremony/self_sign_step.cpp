// self-sign: a root certificate for a token key, under a profile, through the signing pipeline.
#include <optional>

#include "ceremony/certificate_step.h"
#include "ceremony/key_reference.h"
#include "ceremony/throwaway_key.h"
#include "profile/request_check.h"
#include "util/error.h"

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
  r.subject_printable = s.subject_printable;
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
  check_certificate_request(profile, request_for(body(step), key), step, findings);
}

void check_offline(const script::Script& script, const script::Step& step,
                   const RunOptions& options, std::vector<Finding>& findings) {
  auto profile = load(options, step, findings);
  if (!profile) return;
  // A key made earlier in the script is checked by its declared shape now; a key already on the
  // token is checked when the token is open (check_on_token).
  if (auto* g = generated_earlier(script, step, body(step).key)) {
    auto shape = key_shape(
        g->type == script::KeyType::rsa ? pkcs11::KeyAlgorithm::rsa : pkcs11::KeyAlgorithm::ec,
        g->bits, g->curve);
    check_request(*profile, step, shape.get(), findings);
  }
}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  const auto& s = body(step);
  std::size_t before = findings.size();
  check_signing_key_available(ctx, step, s.key, "key", findings);
  if (findings.size() != before || generated_earlier(ctx.script, step, s.key)) return;
  if (auto profile = load(ctx.options, step, findings))
    check_request(*profile, step, ctx.key(s.key).public_key.get(), findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& s = body(step);
  auto profile = profile::load_profile(ctx.options.profiles_dir, s.profile);
  const auto& pair = ctx.key(s.key);
  CertificateJob job;
  job.profile = &profile;
  job.request = request_for(s, pair.public_key.get());
  job.signer = &pair;
  job.output = s.output;
  job.format = s.format;
  run_certificate_job(ctx, step, job);
}

}  // namespace

const StepHandler kSelfSign{"self-sign", check_offline, check_on_token, run};

}  // namespace kr::ceremony
