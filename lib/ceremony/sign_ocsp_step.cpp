// sign-ocsp-response: a pre-signed RFC 6960 response (good or revoked) for a CA certificate, signed
// by the CA itself or by a delegated OCSP responder the CA certified.
#include <openssl/ocsp.h>

#include "ceremony/issuer.h"
#include "ceremony/key_reference.h"
#include "ceremony/output_file.h"
#include "ceremony/signing_pipeline.h"
#include "crosscheck/verify_artifacts.h"
#include "lint/lint_ocsp.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "provider/signing_context.h"
#include "x509/key_info.h"
#include "x509/name.h"
#include "x509/ocsp_builder.h"
#include "x509/serial.h"

namespace kr::ceremony {
namespace {

const script::SignOcspResponse& body(const script::Step& step) {
  return std::get<script::SignOcspResponse>(step.body);
}

// The key that signs: the delegated responder's when there is one, else the CA's.
const script::IssuerRef& signing_ref(const script::SignOcspResponse& s) {
  return s.signer ? *s.signer : s.issuer;
}

bool signature_verifies(const OCSP_RESPONSE* response, EVP_PKEY* key) {
  auto basic = x509::ocsp_basic(response);
  if (!basic) return false;
  return ASN1_item_verify(ASN1_ITEM_rptr(OCSP_RESPDATA),
                          const_cast<X509_ALGOR*>(OCSP_resp_get0_tbs_sigalg(basic.get())),
                          const_cast<ASN1_OCTET_STRING*>(OCSP_resp_get0_signature(basic.get())),
                          const_cast<OCSP_RESPDATA*>(OCSP_resp_get0_respdata(basic.get())),
                          key) == 1;
}

void check_offline(const script::Script&, const script::Step&, const RunOptions&,
                   std::vector<Finding>&) {}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  check_signing_key_available(ctx, step, signing_ref(body(step)).key,
                              body(step).signer ? "signer.key" : "issuer.key", findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& s = body(step);
  // The signer's certificate must certify the signing key; with a delegated responder the CA's own
  // key is not needed (it may live in another token).
  auto signer = load_issuer(ctx, signing_ref(s));
  ossl::X509Ptr ca_cert;
  Bytes ca_der;
  if (s.signer) {
    ca_cert = ossl::read_certificate(read_input(s.issuer.certificate), s.issuer.certificate.path);
    ca_der = ossl::cert_der(ca_cert.get());
  }
  const X509* ca = s.signer ? ca_cert.get() : signer.certificate.get();
  const Bytes& ca_bytes = s.signer ? ca_der : signer.certificate_der;
  Bytes subject_input = read_input(s.certificate);
  auto subject = ossl::read_certificate(subject_input, s.certificate.path);
  Bytes subject_der = ossl::cert_der(subject.get());

  x509::OcspTemplate tmpl;
  tmpl.issuer = ca;
  tmpl.certificate = subject.get();
  tmpl.status = s.status == script::CertificateStatus::good ? x509::OcspStatus::good
                                                            : x509::OcspStatus::revoked;
  if (s.revocation_time) tmpl.revocation_time = *s.revocation_time;
  if (s.reason) tmpl.reason = static_cast<x509::CrlReason>(static_cast<int>(*s.reason));
  tmpl.this_update = s.this_update;
  tmpl.next_update = s.next_update;
  // Pre-signed: producedAt is thisUpdate, so the response is fully determined by the script.
  tmpl.produced_at = s.this_update;
  tmpl.signer = s.signer ? signer.certificate.get() : nullptr;
  auto algorithm = x509::default_signature_algorithm(signer.key->public_key.get());

  lint::OcspLintOptions options;
  options.subject_kind = X509_check_ca(subject.get()) > 0 ? lint::OcspSubjectKind::ca_certificate
                                                          : lint::OcspSubjectKind::subscriber;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(subject.get());
  options.expected_serial.assign(serial->data, serial->data + serial->length);

  ArtifactKind<ossl::OcspResponsePtr> kind;
  kind.what = "OCSP response";
  kind.output = s.output;
  kind.profile_name = "RFC 6960";
  kind.build_signed = [&](EVP_PKEY* key, const std::string& alg) {
    auto md_ctx = provider::make_signing_context(key, alg);
    return x509::build_and_sign_ocsp(tmpl, md_ctx.get());
  };
  kind.tbs = [](const ossl::OcspResponsePtr& r) {
    return x509::ocsp_tbs_der(x509::ocsp_basic(r.get()).get());
  };
  kind.der = [](const ossl::OcspResponsePtr& r) { return x509::ocsp_response_der(r.get()); };
  kind.lint = [&](const ossl::OcspResponsePtr& r) {
    auto findings = lint::lint_ocsp_response(r.get(), ca, tmpl.signer, options);
    // The trial response carries the trial key's signature; only the final one must verify.
    if (!signature_verifies(r.get(), signer.key->public_key.get()))
      std::erase_if(findings, [](const auto& f) { return f.id == "e_ocsp_signature_invalid"; });
    return findings;
  };
  kind.verify_openssl = [](const ossl::OcspResponsePtr& r, EVP_PKEY* pub) {
    return signature_verifies(r.get(), pub);
  };
  kind.verify_botan = [&](const Bytes& der, const Bytes&) {
    return crosscheck::verify_ocsp_response(der, ca_bytes, subject_der, s.this_update);
  };
  auto signed_response = sign_artifact(ctx, step, kind, *signer.key, algorithm);

  auto written = write_output(ctx, s.output, signed_response.der);
  auto e = ctx.event(transcript::EventType::ocsp_response_signed, &step);
  e.target = "file:" + s.output;
  e.inputs.push_back({"key:" + signer.key->label + " (SubjectPublicKeyInfo)",
                      ossl::spki_sha256_hex(signer.key->public_key.get())});
  e.inputs.push_back({s.certificate.path, ossl::sha256_hex(subject_input)});
  e.outputs.push_back(written);
  e.details["certificate"] = x509::name_text(X509_get_subject_name(subject.get()));
  e.details["serial"] = x509::serial_hex(serial);
  e.details["status"] = s.status == script::CertificateStatus::good ? "good" : "revoked";
  e.details["responder"] = s.signer ? "delegated" : "ca";
  e.details["this_update"] = format_utc(s.this_update);
  e.details["next_update"] = format_utc(s.next_update);
  e.details["signature_algorithm"] = algorithm;
  e.details["tbs_sha256"] = signed_response.tbs_sha256;
  e.details["verified_by"] = {"openssl", "botan"};
  ctx.log->append(e);
  ctx.out << "OCSP response " << s.output << ": " << e.details["status"].get<std::string>()
          << " for " << e.details["certificate"].get<std::string>() << "\n";
}

}  // namespace

const StepHandler kSignOcspResponse{"sign-ocsp-response", check_offline, check_on_token, run};

}  // namespace kr::ceremony
