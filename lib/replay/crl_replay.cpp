// sign-crl: the CRL rebuilt from the script (issuer, times, revoked entries) and the recorded CRL
// number, compared with the artifact's TBSCertList, verified by OpenSSL and Botan under the
// issuer certificate's key, linted against the CRL profile.
#include "crosscheck/verify_artifacts.h"
#include "lint/lint_crl.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "profile/crl_profile.h"
#include "profile/crl_profile_check.h"
#include "replay/artifact_replay.h"
#include "replay/der_parts.h"
#include "replay/signature_checks.h"
#include "replay/trial_signature.h"
#include "util/error.h"
#include "x509/crl_builder.h"
#include "x509/crl_io.h"
#include "x509/throwaway_key.h"

namespace kr::replay {

void replay_crl(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict) {
  const auto& s = std::get<script::SignCrl>(step.body);
  const Line* event = require_event(c, step.id, "crl-signed", verdict);
  if (!event) return;
  const auto file = read_artifact(c, *event, s.output, verdict);
  if (!file) return;
  const Bytes der = der_of(*file, "X509 CRL", s.output);
  auto artifact = x509::read_crl(der, s.output);
  const auto issuer_data = read_input(c, *event, s.issuer.certificate, verdict);
  if (!issuer_data) return;
  auto issuer = ossl::read_certificate(*issuer_data, s.issuer.certificate.path);
  EVP_PKEY* issuer_key = X509_get0_pubkey(issuer.get());
  compare_detail(verdict, "key " + s.issuer.key + " SPKI SHA-256",
                 recorded_key_sha256(*event, s.issuer.key), ossl::spki_sha256_hex(issuer_key));

  x509::CrlTemplate tmpl;
  tmpl.issuer = issuer.get();
  tmpl.this_update = s.this_update;
  tmpl.next_update = s.next_update;
  for (const auto& r : s.revoked) {
    x509::CrlEntry e;
    if (r.certificate) {
      const auto data = read_input(c, *event, *r.certificate, verdict);
      if (!data) return;
      auto cert = ossl::read_certificate(*data, r.certificate->path);
      const ASN1_INTEGER* serial = X509_get0_serialNumber(cert.get());
      e.serial.assign(serial->data, serial->data + serial->length);
    } else {
      e.serial = hex_detail(r.serial).value_or(Bytes{});
    }
    e.revocation_date = r.revocation_date;
    if (r.reason) e.reason = static_cast<x509::CrlReason>(static_cast<int>(*r.reason));
    e.invalidity_date = r.invalidity_date;
    tmpl.entries.push_back(std::move(e));
  }
  const auto number = hex_detail(detail(*event, "crl_number"));
  if (!number) {
    verdict.fail("details.crl_number of line " + std::to_string(event->seq) + " is not hex");
    return;
  }
  tmpl.crl_number = *number;
  // The number's history is in the CRL-number state file, which is not an artifact: replay takes
  // the recorded number and says so.
  verdict.notes.push_back("CRL number " + detail(*event, "crl_number") +
                          " taken from the transcript; its increase over earlier CRLs is not "
                          "re-checked (the state file is not among the artifacts)");
  compare_detail(verdict, "this-update", detail(*event, "this_update"), format_utc(s.this_update));
  compare_detail(verdict, "next-update", detail(*event, "next_update"), format_utc(s.next_update));

  const auto profile = profile::load_crl_profile(c.profiles_dir, s.profile);
  const std::string algorithm =
      profile::default_crl_signature_algorithm(profile, issuer_key).value_or("");
  compare_detail(verdict, "signature algorithm", detail(*event, "signature_algorithm"), algorithm);
  if (algorithm.empty()) {
    verdict.fail("the " + s.profile +
                 " CRL profile allows no signature algorithm for the issuer key");
    return;
  }
  auto rebuilt = x509::build_crl(tmpl);
  auto ctx = signing_context(x509::throwaway_key_like(issuer_key), algorithm);
  if (X509_CRL_sign_ctx(rebuilt.get(), ctx.get()) <= 0)
    throw Error("cannot trial-sign the re-derived CRL");
  const Bytes actual_tbs = first_element(der, s.output);
  compare_tbs(verdict, "CRL", s.output, x509::crl_tbs_der(rebuilt.get()), actual_tbs);
  compare_detail(verdict, "tbs_sha256", detail(*event, "tbs_sha256"), ossl::sha256_hex(actual_tbs));

  record_signature(verdict, X509_CRL_verify(artifact.get(), issuer_key) == 1,
                   crosscheck::verify_crl_signature(der, ossl::spki_der(issuer_key)), s.output,
                   "key " + s.issuer.key);
  record_lint(verdict, lint::lint_crl(artifact.get(), profile, issuer.get()),
              "CRL profile " + profile.name);
}

}  // namespace kr::replay
