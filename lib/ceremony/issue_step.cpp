// issue: a subordinate CA or end-entity certificate for a CSR's key (whose signature proves
// possession, CPS 3.2.1) or for a bare public key, under a named profile and an issuer on the
// token.
#include "ceremony/certificate_step.h"
#include "ceremony/issuer.h"
#include "ceremony/key_reference.h"
#include "crosscheck/verify_artifacts.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "util/error.h"
#include "x509/csr_builder.h"

namespace kr::ceremony {
namespace {

const script::Issue& body(const script::Step& step) {
  return std::get<script::Issue>(step.body);
}

// The subject key and name, from the CSR (after proving possession) or from the public key file.
struct Subject {
  ossl::EvpPkeyPtr key;
  x509::DistinguishedName name;
  transcript::Digest input;
};

Subject read_subject(const script::Issue& s) {
  Subject out;
  if (s.csr) {
    Bytes data = read_input(*s.csr);
    auto csr = x509::read_csr(data, s.csr->path);
    // Proof of possession, by both libraries: the CSR is signed by the key it carries.
    if (!x509::csr_signature_valid(csr.get()))
      throw Error("the signature of CSR \"" + s.csr->path +
                  "\" does not verify: no proof of possession of its key (CPS 3.2.1)");
    auto botan = crosscheck::verify_csr_signature(x509::csr_der(csr.get()));
    if (!botan.ok) throw Error("CSR \"" + s.csr->path + "\": " + botan.message);
    out.key.reset(X509_REQ_get_pubkey(csr.get()));
    out.name =
        s.subject.empty() ? x509::read_name(X509_REQ_get_subject_name(csr.get())) : s.subject;
    out.input = {s.csr->path, ossl::sha256_hex(data)};
  } else {
    Bytes data = read_input(*s.public_key);
    out.key = ossl::read_public_key(data, s.public_key->path);
    out.name = s.subject;
    out.input = {s.public_key->path, ossl::sha256_hex(data)};
  }
  return out;
}

void check_offline(const script::Script&, const script::Step& step, const RunOptions& options,
                   std::vector<Finding>& findings) {
  const auto& s = body(step);
  try {
    auto profile = profile::load_profile(options.profiles_dir, s.profile);
    // With every input already on disk, the whole request is checked now; inputs made by earlier
    // steps are checked when the step runs, before anything is signed.
    bool inputs_ready = !s.issuer.certificate.from_earlier_step &&
                        !(s.csr && s.csr->from_earlier_step) &&
                        !(s.public_key && s.public_key->from_earlier_step);
    if (!inputs_ready) return;
    auto issuer =
        ossl::read_certificate(read_input(s.issuer.certificate), s.issuer.certificate.path);
    auto subject = read_subject(s);
    profile::CertificateRequest r;
    r.subject = subject.name;
    r.subject_printable = s.subject_printable;
    r.not_before = s.validity.not_before;
    r.not_after = s.validity.not_after;
    r.public_key = subject.key.get();
    r.signature_algorithm = s.signature_algorithm;
    r.issuer = issuer.get();
    set_extensions(r, s.extensions);
    check_certificate_request(profile, r, step, findings);
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
  auto subject = read_subject(s);
  CertificateJob job;
  job.profile = &profile;
  job.request.subject = subject.name;
  job.request.subject_printable = s.subject_printable;
  job.request.not_before = s.validity.not_before;
  job.request.not_after = s.validity.not_after;
  job.request.public_key = subject.key.get();
  job.request.signature_algorithm = s.signature_algorithm;
  job.request.issuer = issuer.certificate.get();
  set_extensions(job.request, s.extensions);
  job.signer = issuer.key;
  job.issuer_certificate = issuer.certificate.get();
  job.output = s.output;
  job.format = s.format;
  job.inputs = {{s.issuer.certificate.path, ossl::sha256_hex(issuer.certificate_der)},
                subject.input};
  run_certificate_job(ctx, step, job);
}

}  // namespace

const StepHandler kIssue{"issue", check_offline, check_on_token, run};

}  // namespace kr::ceremony
