// A small ceremony built the way kr-ceremony builds one, with software keys instead of a token:
// an EC P-256 root (self-sign), a subordinate key whose CSR (make-csr) the root certifies (issue),
// every step approved 2-of-3 by custodians from tests/support/sample_transcript.h's roster. The
// artifacts are real certificates and a CSR made with lib/profile and lib/x509; the transcript is
// written by the real TranscriptWriter. Tests change one thing (who approves, with what) through
// the `approvals` hook, or tamper with the artifacts afterwards.
#pragma once

#include <openssl/evp.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "profile/certificate_template.h"
#include "profile/request_check.h"
#include "quorum/approval.h"
#include "replay/trial_signature.h"
#include "script/parser.h"
#include "script/step_digest.h"
#include "support/sample_transcript.h"
#include "support/temp_dir.h"
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/time.h"
#include "x509/builder.h"
#include "x509/csr_builder.h"
#include "x509/name.h"
#include "x509/serial.h"

namespace kr::test {

inline const char* kReplayScript = R"(keyrite: 1
ceremony: {id: replay-test, test: true}
token: {module: softhsm2, label: replay-hsm}
roles:
  administrator: Alex
  internal-auditor: Ivy
  custodians: [Cara, Dev, Eli]
quorum:
  activation: 2-of-3
  share-set: shares.json
steps:
  - id: key-1
    generate-key: {label: root-key, type: ec, curve: P-256}
  - id: cert-1
    self-sign:
      key: root-key
      profile: root-ca
      subject: {C: US, O: Replay Test, CN: Replay Root}
      validity: {not-before: 2025-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}
      output: root.crt
  - id: key-2
    generate-key: {label: sub-key, type: ec, curve: P-256}
  - id: csr-2
    make-csr:
      key: sub-key
      subject: {C: US, O: Replay Test, CN: Replay Sub CA}
      output: sub.csr
  - id: cert-2
    issue:
      issuer: {key: root-key, certificate: root.crt}
      profile: subordinate-ca
      csr: sub.csr
      validity: {not-before: 2025-02-01T00:00:00Z, not-after: 2035-01-01T00:00:00Z}
      extensions:
        ca-issuers: [http://crt.example.com/root.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root.crl]
        policies: [2.23.140.1.2.1]
      output: sub.crt
)";

// One approval to record for a step. By default a correct one; each field bends one thing.
struct ApprovalSpec {
  std::string custodian;        // the name in the approval
  std::string signed_by;        // whose key signs; empty: the custodian's
  std::string step_id;          // empty: the step being approved
  std::chrono::seconds age{0};  // how long before the line the approval was signed
  std::optional<std::pair<std::uint64_t, std::string>> log;  // (size, root); empty: now
};

class ReplayFixture {
 public:
  // step index -> the approvals recorded before it runs.
  std::function<std::vector<ApprovalSpec>(std::size_t)> approvals = [](std::size_t) {
    return std::vector<ApprovalSpec>{{"Cara"}, {"Dev"}};
  };
  // (size, root) of the log at the start of each step, for approvals that reuse an old head.
  std::vector<std::pair<std::uint64_t, std::string>> heads;

  TempDir dir{"kr-replay"};
  SampleKeys keys = make_sample_keys();
  std::filesystem::path transcript() const { return dir.path() / "t.jsonl"; }
  std::filesystem::path artifacts() const { return dir.path() / "artifacts"; }

  void write() {
    std::filesystem::create_directories(artifacts());
    TempDir empty{"kr-replay-parse"};
    script::ParseOptions options;
    options.output_dir = empty.path();
    script_ = script::parse_script_text(kReplayScript, "ceremony.yaml", options);
    transcript::TranscriptWriter w(transcript(), transcript::Durability::no_fsync);
    writer_ = &w;
    auto audit = transcript::make_note_signer(transcript::kAuditKeyName, keys.audit.get());
    transcript::Event start = event(transcript::EventType::ceremony_started, "");
    start.target = "ceremony:replay-test";
    start.details["script"] = kReplayScript;
    start.details["script_file"] = "ceremony.yaml";
    start.details["roster"] = transcript::roster_json(sample_roster(keys));
    start.details["test_ceremony"] = true;
    w.append(start);
    for (std::size_t i = 0; i < script_.steps.size(); ++i) {
      heads.emplace_back(w.size(), w.root_hex());
      for (const auto& spec : approvals(i)) record_approval(i, spec);
      run_step(i);
    }
    w.append(event(transcript::EventType::ceremony_finished, ""));
    w.append_checkpoint({audit});
    writer_ = nullptr;
  }

  std::filesystem::path artifact(const std::string& name) const { return artifacts() / name; }

 private:
  script::Script script_;
  transcript::TranscriptWriter* writer_ = nullptr;
  std::map<std::string, ossl::EvpPkeyPtr> token_;  // label -> private key

  transcript::Event event(transcript::EventType type, const std::string& step) {
    transcript::Event e;
    e.type = type;
    e.operator_name = "Alex";
    e.step = step;
    e.cause = step.empty() ? "ceremony" : "script step " + step;
    e.target = step.empty() ? "ceremony:replay-test" : "step:" + step;
    return e;
  }

  void record_approval(std::size_t index, const ApprovalSpec& spec) {
    const auto& step = script_.steps[index];
    quorum::Approval a;
    a.request.ceremony_id = script_.ceremony_id;
    std::size_t approved = index;
    if (!spec.step_id.empty())
      for (std::size_t j = 0; j < script_.steps.size(); ++j)
        if (script_.steps[j].id == spec.step_id) approved = j;
    a.request.step_id = script_.steps[approved].id;
    a.request.step_sha256 = script::step_sha256(kReplayScript, script_, approved);
    a.request.log_size = spec.log ? spec.log->first : writer_->size();
    a.request.log_root = spec.log ? spec.log->second : writer_->root_hex();
    a.custodian = spec.custodian;
    a.index = spec.custodian == "Cara" ? 1 : spec.custodian == "Dev" ? 2 : 3;
    a.set_id = "activation-set-1";
    a.time = format_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
                        spec.age);
    const std::string who = spec.signed_by.empty() ? spec.custodian : spec.signed_by;
    ossl::EvpPkeyPtr stranger;
    EVP_PKEY* key = nullptr;
    if (keys.custodians.count(who)) {
      key = keys.custodians.at(who).get();
    } else {
      stranger.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
      key = stranger.get();
    }
    const std::string message = quorum::approval_message(a);
    a.signature.resize(64);
    std::size_t length = 64;
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key);
    EVP_DigestSign(ctx.get(), a.signature.data(), &length,
                   reinterpret_cast<const unsigned char*>(message.data()), message.size());
    auto e = event(transcript::EventType::approval_recorded, step.id);
    e.details["custodian"] = spec.custodian;
    e.details["approval"] = quorum::to_json(a);
    writer_->append(e);
  }

  static std::string spki_hex(const EVP_PKEY* key) { return ossl::spki_sha256_hex(key); }

  transcript::Digest write_artifact(const std::string& name, const std::string& text) {
    write_new_file(artifacts() / name, as_bytes(text));
    return {name, ossl::sha256_hex(as_bytes(text))};
  }

  void run_step(std::size_t index) {
    const auto& step = script_.steps[index];
    if (auto* g = std::get_if<script::GenerateKey>(&step.body)) {
      auto& key = token_[g->label];
      key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", g->curve.c_str()));
      auto e = event(transcript::EventType::key_generated, step.id);
      e.target = "key:" + g->label;
      e.outputs.push_back({"key:" + g->label + " (SubjectPublicKeyInfo)", spki_hex(key.get())});
      e.details["spki_sha256"] = spki_hex(key.get());
      e.details["spki_der_base64"] = base64_encode(ossl::spki_der(key.get()));
      writer_->append(e);
    } else if (auto* s = std::get_if<script::SelfSign>(&step.body)) {
      EVP_PKEY* key = token_.at(s->key).get();
      profile::CertificateRequest r;
      r.subject = s->subject;
      r.not_before = s->validity.not_before;
      r.not_after = s->validity.not_after;
      r.public_key = key;
      certificate(step, s->profile, r, key, s->key, nullptr, s->output, {});
    } else if (auto* csr = std::get_if<script::MakeCsr>(&step.body)) {
      EVP_PKEY* key = token_.at(csr->key).get();
      auto req = x509::build_csr({csr->subject, key});
      auto ctx = replay::signing_context(key, "ecdsa-with-SHA256");
      X509_REQ_sign_ctx(req.get(), ctx.get());
      auto e = event(transcript::EventType::csr_signed, step.id);
      e.target = "file:" + csr->output;
      e.inputs.push_back({"key:" + csr->key + " (SubjectPublicKeyInfo)", spki_hex(key)});
      e.outputs.push_back(write_artifact(csr->output, x509::csr_pem(req.get())));
      e.details["signature_algorithm"] = "ecdsa-with-SHA256";
      e.details["spki_sha256"] = spki_hex(key);
      e.details["tbs_sha256"] = ossl::sha256_hex(x509::csr_tbs_der(req.get()));
      writer_->append(e);
    } else if (auto* is = std::get_if<script::Issue>(&step.body)) {
      auto issuer_data = read_file(artifacts() / is->issuer.certificate.path);
      auto issuer = ossl::read_certificate(issuer_data, "issuer");
      auto csr_data = read_file(artifacts() / is->csr->path);
      auto req = x509::read_csr(csr_data, "csr");
      ossl::EvpPkeyPtr subject_key(X509_REQ_get_pubkey(req.get()));
      profile::CertificateRequest r;
      r.subject = x509::read_name(X509_REQ_get_subject_name(req.get()));
      r.not_before = is->validity.not_before;
      r.not_after = is->validity.not_after;
      r.public_key = subject_key.get();
      r.issuer = issuer.get();
      r.settings.ca_issuers = is->extensions.ca_issuers;
      r.settings.ocsp = is->extensions.ocsp;
      r.settings.crl_distribution_points = is->extensions.crl_distribution_points;
      r.settings.policies = is->extensions.policies;
      certificate(step, is->profile, r, token_.at(is->issuer.key).get(), is->issuer.key,
                  issuer.get(), is->output,
                  {{is->issuer.certificate.path, ossl::sha256_hex(ossl::cert_der(issuer.get()))},
                   {is->csr->path, ossl::sha256_hex(csr_data)}});
    }
  }

  void certificate(const script::Step& step, const std::string& profile_name,
                   const profile::CertificateRequest& r, EVP_PKEY* signer,
                   const std::string& signer_label, const X509* issuer, const std::string& output,
                   std::vector<transcript::Digest> inputs) {
    auto profile = profile::load_profile(profile::default_profiles_dir(), profile_name);
    auto algorithm = profile::effective_signature_algorithm(profile, r);
    auto serial = x509::random_serial();
    auto cert = x509::build_certificate(profile::certificate_template(profile, r, serial));
    auto ctx = replay::signing_context(signer, algorithm);
    X509_sign_ctx(cert.get(), ctx.get());
    (void)issuer;
    auto e = event(transcript::EventType::certificate_signed, step.id);
    e.target = "file:" + output;
    e.inputs.push_back({"key:" + signer_label + " (SubjectPublicKeyInfo)", spki_hex(signer)});
    e.inputs.insert(e.inputs.end(), inputs.begin(), inputs.end());
    e.outputs.push_back(write_artifact(output, ossl::cert_pem(cert.get())));
    e.details["profile"] = profile.name;
    e.details["serial"] = x509::serial_hex(X509_get0_serialNumber(cert.get()));
    e.details["not_before"] = format_utc(r.not_before);
    e.details["not_after"] = format_utc(r.not_after);
    e.details["signature_algorithm"] = algorithm;
    e.details["spki_sha256"] = spki_hex(X509_get0_pubkey(cert.get()));
    e.details["tbs_sha256"] = ossl::sha256_hex(x509::tbs_der(cert.get()));
    writer_->append(e);
  }
};

}  // namespace kr::test
