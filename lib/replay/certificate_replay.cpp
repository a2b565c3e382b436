// self-sign, issue and cross-sign: the certificate rebuilt from the script, the profile and the
// recorded serial, its to-be-signed bytes compared with the artifact's, its signature verified
// by OpenSSL and Botan under the signer's key, and the artifact linted against the profile.
#include <algorithm>

#include "crosscheck/verify.h"
#include "lint/lint.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "profile/certificate_template.h"
#include "replay/artifact_replay.h"
#include "replay/der_parts.h"
#include "replay/signature_checks.h"
#include "replay/trial_signature.h"
#include "util/error.h"
#include "x509/builder.h"
#include "x509/csr_builder.h"
#include "x509/name.h"
#include "x509/serial.h"
#include "x509/throwaway_key.h"

namespace kr::replay {
namespace {

// What the three kinds resolve to before the common checks.
struct Derivation {
  std::string profile;
  std::string output;
  profile::CertificateRequest request;
  ossl::X509Ptr issuer;    // nullptr: self-signed
  ossl::X509Ptr existing;  // cross-sign only
  ossl::EvpPkeyPtr subject_key;
  std::string signer_label;
};

void set_extensions(profile::CertificateRequest& r, const script::ExtensionSettings& s) {
  r.settings.path_length = s.path_length;
  r.settings.ca_issuers = s.ca_issuers;
  r.settings.ocsp = s.ocsp;
  r.settings.crl_distribution_points = s.crl_distribution_points;
  r.settings.policies = s.policies;
  r.settings.dns_names = s.dns_names;
  r.settings.ip_addresses = s.ip_addresses;
  r.settings.emails = s.emails;
  r.settings.extended_key_usage = s.extended_key_usage;
  for (const auto& q : s.policy_qualifiers)
    r.settings.policy_qualifiers.push_back({q.policy, q.cps, q.user_notice});
  for (auto [to, from] : {std::pair{&r.settings.permitted_subtrees, &s.permitted_subtrees},
                          std::pair{&r.settings.excluded_subtrees, &s.excluded_subtrees}})
    *to = {from->dns_names, from->ip_addresses, from->directory_names};
  r.permanent_identifier = s.permanent_identifier;
}

void set_validity(profile::CertificateRequest& r, const script::Validity& v) {
  r.not_before = v.not_before;
  r.not_after = v.not_after;
}

// Returns false (verdict failed or skipped) when the inputs cannot be had.
bool resolve(const ArtifactContext& c, const script::Step& step, const Line& event,
             const Bytes& artifact_der, Derivation& d, StepVerdict& verdict) {
  auto certificate = [&](const script::InputFile& in) -> ossl::X509Ptr {
    auto data = read_input(c, event, in, verdict);
    return data ? ossl::read_certificate(*data, in.path) : nullptr;
  };
  if (auto* s = std::get_if<script::SelfSign>(&step.body)) {
    d.profile = s->profile;
    d.output = s->output;
    d.signer_label = s->key;
    d.request.subject = s->subject;
    d.request.subject_printable = s->subject_printable;
    d.request.signature_algorithm = s->signature_algorithm;
    set_validity(d.request, s->validity);
    d.subject_key = generated_key(c, s->key, event.seq, verdict);
    if (!d.subject_key) {
      // A key already on the token: the certificate's own key, if it is the one recorded.
      auto cert = ossl::read_certificate(artifact_der, s->output);
      d.subject_key.reset(EVP_PKEY_dup(X509_get0_pubkey(cert.get())));
      verdict.notes.push_back("key " + s->key +
                              " was not generated in this ceremony: its public "
                              "key is taken from the certificate and matched to the recorded "
                              "SPKI SHA-256");
    }
  } else if (auto* s = std::get_if<script::Issue>(&step.body)) {
    d.profile = s->profile;
    d.output = s->output;
    d.signer_label = s->issuer.key;
    d.request.signature_algorithm = s->signature_algorithm;
    d.request.subject_printable = s->subject_printable;
    set_validity(d.request, s->validity);
    set_extensions(d.request, s->extensions);
    d.issuer = certificate(s->issuer.certificate);
    const script::InputFile& in = s->csr ? *s->csr : *s->public_key;
    auto data = read_input(c, event, in, verdict);
    if (!d.issuer || !data) return false;
    if (s->csr) {
      auto csr = x509::read_csr(*data, in.path);
      d.subject_key.reset(X509_REQ_get_pubkey(csr.get()));
      d.request.subject =
          s->subject.empty() ? x509::read_name(X509_REQ_get_subject_name(csr.get())) : s->subject;
    } else {
      d.subject_key = ossl::read_public_key(*data, in.path);
      d.request.subject = s->subject;
    }
  } else if (auto* s = std::get_if<script::CrossSign>(&step.body)) {
    d.profile = s->profile;
    d.output = s->output;
    d.signer_label = s->issuer.key;
    d.request.signature_algorithm = s->signature_algorithm;
    set_validity(d.request, s->validity);
    set_extensions(d.request, s->extensions);
    d.issuer = certificate(s->issuer.certificate);
    d.existing = certificate(s->certificate);
    if (!d.issuer || !d.existing) return false;
    d.subject_key.reset(EVP_PKEY_dup(X509_get0_pubkey(d.existing.get())));
    d.request.existing = d.existing.get();
  }
  d.request.public_key = d.subject_key.get();
  d.request.issuer = d.issuer.get();
  return d.subject_key != nullptr;
}

void compare(StepVerdict& verdict, const std::string& what, const std::string& recorded,
             const std::string& derived) {
  compare_detail(verdict, what, recorded, derived);
}

}  // namespace

void replay_certificate(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict) {
  const Line* event = require_event(c, step.id, "certificate-signed", verdict);
  if (!event) return;
  std::string output;
  std::visit(
      [&](const auto& b) {
        if constexpr (requires { b.output; }) output = b.output;
      },
      step.body);
  const auto file = read_artifact(c, *event, output, verdict);
  if (!file) return;
  const Bytes der = der_of(*file, "CERTIFICATE", output);
  auto artifact = ossl::read_certificate(der, output);

  Derivation d;
  if (!resolve(c, step, *event, der, d, verdict)) return;
  const auto profile = profile::load_profile(c.profiles_dir, d.profile);
  const std::string algorithm = profile::effective_signature_algorithm(profile, d.request);
  compare(verdict, "signature algorithm", detail(*event, "signature_algorithm"), algorithm);
  compare(verdict, "not-before", detail(*event, "not_before"), format_utc(d.request.not_before));
  compare(verdict, "not-after", detail(*event, "not_after"), format_utc(d.request.not_after));
  compare(verdict, "profile", detail(*event, "profile"), profile.name);

  // The signer: the subject key for a root, the issuer certificate's key otherwise; it must be
  // the token key the event names.
  EVP_PKEY* signer = d.issuer ? X509_get0_pubkey(d.issuer.get()) : d.subject_key.get();
  const std::string signer_sha = ossl::spki_sha256_hex(signer);
  compare(verdict, "key " + d.signer_label + " SPKI SHA-256",
          recorded_key_sha256(*event, d.signer_label), signer_sha);
  if (!d.issuer)
    compare(verdict, "subject SPKI SHA-256", detail(*event, "spki_sha256"), signer_sha);

  auto serial = hex_detail(detail(*event, "serial"));
  if (!serial || serial->empty()) {
    verdict.fail("details.serial of line " + std::to_string(event->seq) + " is not hex");
    return;
  }
  // The recorded magnitude drops leading zero octets; a serial whose first remaining octet has its
  // top bit set was written with a 0x00 in front (random_serial keeps serials positive).
  if ((*serial)[0] & 0x80) serial->insert(serial->begin(), 0x00);
  auto tmpl = profile::certificate_template(profile, d.request, *serial);
  auto rebuilt = x509::build_certificate(tmpl);
  auto ctx = signing_context(x509::throwaway_key_like(signer), algorithm);
  if (X509_sign_ctx(rebuilt.get(), ctx.get()) <= 0)
    throw Error("cannot trial-sign the re-derived certificate");
  const Bytes actual_tbs = first_element(der, output);
  compare_tbs(verdict, "certificate", output, x509::tbs_der(rebuilt.get()), actual_tbs);
  compare(verdict, "tbs_sha256", detail(*event, "tbs_sha256"), ossl::sha256_hex(actual_tbs));

  auto botan = crosscheck::verify_certificate_signature(der, ossl::spki_der(signer));
  if (botan.ok && !d.issuer)
    botan = crosscheck::validate_self_signed_root(
        der, std::clamp(utc_now(), d.request.not_before, d.request.not_after));
  record_signature(verdict, X509_verify(artifact.get(), signer) == 1, botan, output,
                   "key " + d.signer_label);
  record_lint(verdict,
              d.existing ? lint::lint_cross_certificate(artifact.get(), profile, d.issuer.get(),
                                                        d.existing.get())
                         : lint::lint_certificate(artifact.get(), profile, d.issuer.get()),
              "profile " + profile.name);
}

}  // namespace kr::replay
