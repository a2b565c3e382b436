// make-csr: a PKCS#10 request signed by a token key, for a root to be cross-signed by another CA.
#include "ceremony/key_reference.h"
#include "ceremony/output_file.h"
#include "ceremony/signing_pipeline.h"
#include "crosscheck/verify_artifacts.h"
#include "lint/lint_csr.h"
#include "ossl/der.h"
#include "ossl/error.h"
#include "provider/signing_context.h"
#include "x509/csr_builder.h"
#include "x509/key_info.h"
#include "x509/name.h"

namespace kr::ceremony {
namespace {

const script::MakeCsr& body(const script::Step& step) {
  return std::get<script::MakeCsr>(step.body);
}

void check_offline(const script::Script&, const script::Step&, const RunOptions&,
                   std::vector<Finding>&) {}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  check_signing_key_available(ctx, step, body(step).key, "key", findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& s = body(step);
  const auto& pair = ctx.key(s.key);
  auto algorithm = s.signature_algorithm.empty()
                       ? x509::default_signature_algorithm(pair.public_key.get())
                       : s.signature_algorithm;
  x509::CsrTemplate tmpl{s.subject, pair.public_key.get()};

  ArtifactKind<ossl::X509ReqPtr> kind;
  kind.what = "CSR";
  kind.output = s.output;
  kind.profile_name = "PKCS#10";
  kind.build_signed = [&](EVP_PKEY* key, const std::string& alg) {
    auto csr = x509::build_csr(tmpl);
    // The trial key is not the request's key: a trial CSR proves nothing and is never written.
    auto md_ctx = provider::make_signing_context(key, alg);
    if (X509_REQ_sign_ctx(csr.get(), md_ctx.get()) <= 0) ossl::throw_error("signing the CSR");
    return csr;
  };
  kind.tbs = [](const ossl::X509ReqPtr& r) { return x509::csr_tbs_der(r.get()); };
  kind.der = [](const ossl::X509ReqPtr& r) { return x509::csr_der(r.get()); };
  kind.lint = [&](const ossl::X509ReqPtr& r) {
    auto findings = lint::lint_csr(r.get());
    // A trial CSR carries the token key but the trial key's signature: only the signature check
    // may fail on it, and the final CSR is checked in full.
    if (!x509::csr_signature_valid(r.get()))
      std::erase_if(findings, [](const auto& f) { return f.id == "e_csr_signature_invalid"; });
    return findings;
  };
  kind.verify_openssl = [](const ossl::X509ReqPtr& r, EVP_PKEY* pub) {
    return X509_REQ_verify(r.get(), pub) == 1;
  };
  kind.verify_botan = [](const Bytes& der, const Bytes&) {
    return crosscheck::verify_csr_signature(der);
  };
  auto signed_csr = sign_artifact(ctx, step, kind, pair, algorithm);

  Bytes data = signed_csr.der;
  if (s.format == script::OutputFormat::pem) {
    auto pem = x509::csr_pem(signed_csr.object.get());
    data.assign(pem.begin(), pem.end());
  }
  auto written = write_output(ctx, s.output, data);
  auto fp = ossl::spki_sha256_hex(pair.public_key.get());
  auto e = ctx.event(transcript::EventType::csr_signed, &step);
  e.target = "file:" + s.output;
  e.inputs.push_back({"key:" + s.key + " (SubjectPublicKeyInfo)", fp});
  e.outputs.push_back(written);
  e.details["subject"] = x509::name_text(X509_REQ_get_subject_name(signed_csr.object.get()));
  e.details["signature_algorithm"] = algorithm;
  e.details["spki_sha256"] = fp;
  e.details["tbs_sha256"] = signed_csr.tbs_sha256;
  e.details["verified_by"] = {"openssl", "botan"};
  ctx.log->append(e);
  ctx.out << "CSR " << s.output << ": " << e.details["subject"].get<std::string>()
          << "\n  SPKI SHA-256 " << fp << "\n";
}

}  // namespace

const StepHandler kMakeCsr{"make-csr", check_offline, check_on_token, run};

}  // namespace kr::ceremony
