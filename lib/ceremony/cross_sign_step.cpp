// cross-sign: an existing CA certificate's subject, key and subject key identifier certified again
// under another issuer (copied byte for byte, so paths through either certificate chain alike).
#include "ceremony/certificate_step.h"
#include "ceremony/issuer.h"
#include "ceremony/key_reference.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "util/error.h"

namespace kr::ceremony {
namespace {

const script::CrossSign& body(const script::Step& step) {
  return std::get<script::CrossSign>(step.body);
}

profile::CertificateRequest request_for(const script::CrossSign& s, const X509* existing,
                                        const X509* issuer) {
  profile::CertificateRequest r;
  r.not_before = s.validity.not_before;
  r.not_after = s.validity.not_after;
  r.signature_algorithm = s.signature_algorithm;
  r.issuer = issuer;
  r.existing = existing;
  set_extensions(r, s.extensions);
  return r;
}

void check_offline(const script::Script&, const script::Step& step, const RunOptions& options,
                   std::vector<Finding>& findings) {
  const auto& s = body(step);
  try {
    auto profile = profile::load_profile(options.profiles_dir, s.profile);
    if (s.issuer.certificate.from_earlier_step || s.certificate.from_earlier_step) return;
    auto issuer =
        ossl::read_certificate(read_input(s.issuer.certificate), s.issuer.certificate.path);
    auto existing = ossl::read_certificate(read_input(s.certificate), s.certificate.path);
    check_certificate_request(profile, request_for(s, existing.get(), issuer.get()), step,
                              findings);
  } catch (const Error& e) {
    findings.push_back({step.position, e.what()});
  }
}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  check_signing_key_available(ctx, step, body(step).issuer.key, "issuer.key", findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& s = body(step);
  auto profile = profile::load_profile(ctx.options.profiles_dir, s.profile);
  auto issuer = load_issuer(ctx, s.issuer);
  Bytes existing_der = read_input(s.certificate);
  auto existing = ossl::read_certificate(existing_der, s.certificate.path);
  CertificateJob job;
  job.profile = &profile;
  job.request = request_for(s, existing.get(), issuer.certificate.get());
  job.request.public_key = X509_get0_pubkey(existing.get());
  job.signer = issuer.key;
  job.issuer_certificate = issuer.certificate.get();
  job.output = s.output;
  job.format = s.format;
  job.inputs = {{s.issuer.certificate.path, ossl::sha256_hex(issuer.certificate_der)},
                {s.certificate.path, ossl::sha256_hex(existing_der)}};
  run_certificate_job(ctx, step, job);
}

}  // namespace

const StepHandler kCrossSign{"cross-sign", check_offline, check_on_token, run};

}  // namespace kr::ceremony
