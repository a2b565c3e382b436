// sign-ocsp-response: the response is fully determined by the script (producedAt is thisUpdate),
// so it is rebuilt and its ResponseData compared with the artifact's; the signature is verified by
// OpenSSL under the signer certificate's key and by Botan, and the response is linted.
// The artifact's ResponseData is re-encoded by OpenSSL from the parsed response (OpenSSL keeps no
// original encoding for it); the verdict says so.
#include <openssl/ocsp.h>

#include "crosscheck/verify_artifacts.h"
#include "lint/lint_ocsp.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "replay/artifact_replay.h"
#include "replay/signature_checks.h"
#include "replay/trial_signature.h"
#include "util/error.h"
#include "x509/key_info.h"
#include "x509/ocsp_builder.h"
#include "x509/throwaway_key.h"

namespace kr::replay {
namespace {

bool signature_verifies(const OCSP_RESPONSE* response, EVP_PKEY* key) {
  auto basic = x509::ocsp_basic(response);
  if (!basic) return false;
  return ASN1_item_verify(ASN1_ITEM_rptr(OCSP_RESPDATA),
                          const_cast<X509_ALGOR*>(OCSP_resp_get0_tbs_sigalg(basic.get())),
                          const_cast<ASN1_OCTET_STRING*>(OCSP_resp_get0_signature(basic.get())),
                          const_cast<OCSP_RESPDATA*>(OCSP_resp_get0_respdata(basic.get())),
                          key) == 1;
}

}  // namespace

void replay_ocsp(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict) {
  const auto& s = std::get<script::SignOcspResponse>(step.body);
  const Line* event = require_event(c, step.id, "ocsp-response-signed", verdict);
  if (!event) return;
  const auto file = read_artifact(c, *event, s.output, verdict);
  if (!file) return;
  auto artifact = x509::read_ocsp_response(*file, s.output);
  const auto ca_data = read_input(c, *event, s.issuer.certificate, verdict);
  const auto subject_data = read_input(c, *event, s.certificate, verdict);
  std::optional<Bytes> signer_data;
  if (s.signer) signer_data = read_input(c, *event, s.signer->certificate, verdict);
  if (!ca_data || !subject_data || (s.signer && !signer_data)) return;
  auto ca = ossl::read_certificate(*ca_data, s.issuer.certificate.path);
  auto subject = ossl::read_certificate(*subject_data, s.certificate.path);
  ossl::X509Ptr delegated;
  if (s.signer) delegated = ossl::read_certificate(*signer_data, s.signer->certificate.path);
  const X509* signer_cert = delegated ? delegated.get() : ca.get();
  EVP_PKEY* signer_key = X509_get0_pubkey(signer_cert);
  const std::string& signer_label = s.signer ? s.signer->key : s.issuer.key;
  compare_detail(verdict, "key " + signer_label + " SPKI SHA-256",
                 recorded_key_sha256(*event, signer_label), ossl::spki_sha256_hex(signer_key));
  const std::string algorithm = x509::default_signature_algorithm(signer_key);
  compare_detail(verdict, "signature algorithm", detail(*event, "signature_algorithm"), algorithm);

  x509::OcspTemplate tmpl;
  tmpl.issuer = ca.get();
  tmpl.certificate = subject.get();
  tmpl.status = s.status == script::CertificateStatus::good ? x509::OcspStatus::good
                                                            : x509::OcspStatus::revoked;
  if (s.revocation_time) tmpl.revocation_time = *s.revocation_time;
  if (s.reason) tmpl.reason = static_cast<x509::CrlReason>(static_cast<int>(*s.reason));
  tmpl.this_update = s.this_update;
  tmpl.next_update = s.next_update;
  tmpl.produced_at = s.this_update;
  tmpl.signer = delegated.get();
  auto ctx = signing_context(x509::throwaway_key_like(signer_key), algorithm);
  auto rebuilt = x509::build_and_sign_ocsp(tmpl, ctx.get());
  const Bytes actual_tbs = x509::ocsp_tbs_der(x509::ocsp_basic(artifact.get()).get());
  compare_tbs(verdict, "OCSP ResponseData", s.output,
              x509::ocsp_tbs_der(x509::ocsp_basic(rebuilt.get()).get()), actual_tbs);
  verdict.notes.push_back(
      "the OCSP ResponseData compared is OpenSSL's re-encoding of the parsed "
      "response, not cut from the file");
  compare_detail(verdict, "tbs_sha256", detail(*event, "tbs_sha256"), ossl::sha256_hex(actual_tbs));

  record_signature(verdict, signature_verifies(artifact.get(), signer_key),
                   crosscheck::verify_ocsp_response(*file, ossl::cert_der(ca.get()),
                                                    ossl::cert_der(subject.get()), s.this_update),
                   s.output, "key " + signer_label);
  lint::OcspLintOptions options;
  options.subject_kind = X509_check_ca(subject.get()) > 0 ? lint::OcspSubjectKind::ca_certificate
                                                          : lint::OcspSubjectKind::subscriber;
  const ASN1_INTEGER* serial = X509_get0_serialNumber(subject.get());
  options.expected_serial.assign(serial->data, serial->data + serial->length);
  record_lint(verdict, lint::lint_ocsp_response(artifact.get(), ca.get(), delegated.get(), options),
              "the OCSP lint");
}

}  // namespace kr::replay
