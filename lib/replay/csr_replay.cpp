// make-csr: the request rebuilt from the script's subject and the generated key, compared with the
// artifact's CertificationRequestInfo, its self-signature verified by OpenSSL and Botan, linted.
#include "crosscheck/verify_artifacts.h"
#include "lint/lint_csr.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "replay/artifact_replay.h"
#include "replay/der_parts.h"
#include "replay/signature_checks.h"
#include "replay/trial_signature.h"
#include "util/error.h"
#include "x509/csr_builder.h"
#include "x509/key_info.h"
#include "x509/throwaway_key.h"

namespace kr::replay {

void replay_csr(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict) {
  const auto& s = std::get<script::MakeCsr>(step.body);
  const Line* event = require_event(c, step.id, "csr-signed", verdict);
  if (!event) return;
  const auto file = read_artifact(c, *event, s.output, verdict);
  if (!file) return;
  const Bytes der = der_of(*file, "CERTIFICATE REQUEST", s.output);
  auto artifact = x509::read_csr(der, s.output);

  ossl::EvpPkeyPtr key = generated_key(c, s.key, event->seq, verdict);
  if (!key) {
    key.reset(X509_REQ_get_pubkey(artifact.get()));
    verdict.notes.push_back("key " + s.key +
                            " was not generated in this ceremony: its public key "
                            "is taken from the CSR and matched to the recorded SPKI SHA-256");
  }
  const std::string key_sha = ossl::spki_sha256_hex(key.get());
  compare_detail(verdict, "key " + s.key + " SPKI SHA-256", recorded_key_sha256(*event, s.key),
                 key_sha);
  compare_detail(verdict, "CSR SPKI SHA-256", detail(*event, "spki_sha256"), key_sha);
  const std::string algorithm = s.signature_algorithm.empty()
                                    ? x509::default_signature_algorithm(key.get())
                                    : s.signature_algorithm;
  compare_detail(verdict, "signature algorithm", detail(*event, "signature_algorithm"), algorithm);

  auto rebuilt = x509::build_csr({s.subject, key.get()});
  auto ctx = signing_context(x509::throwaway_key_like(key.get()), algorithm);
  if (X509_REQ_sign_ctx(rebuilt.get(), ctx.get()) <= 0)
    throw Error("cannot trial-sign the re-derived CSR");
  const Bytes actual_tbs = first_element(der, s.output);
  compare_tbs(verdict, "CSR", s.output, x509::csr_tbs_der(rebuilt.get()), actual_tbs);
  compare_detail(verdict, "tbs_sha256", detail(*event, "tbs_sha256"), ossl::sha256_hex(actual_tbs));

  record_signature(verdict, X509_REQ_verify(artifact.get(), key.get()) == 1,
                   crosscheck::verify_csr_signature(der), s.output, "key " + s.key);
  record_lint(verdict, lint::lint_csr(artifact.get()), "the PKCS#10 lint");
}

}  // namespace kr::replay
