// The pipeline's non-template parts, and the certificate kind.
#include "ceremony/signing_pipeline.h"

#include <algorithm>

#include "ceremony/rehearsal_keys.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "pkcs11/rv.h"
#include "provider/helper_runtime.h"
#include "provider/signing_context.h"
#include "util/atomic_file.h"
#include "util/pgp_words.h"
#include "x509/key_info.h"
#include "x509/throwaway_key.h"

namespace kr::ceremony {

std::string describe_errors(const std::vector<lint::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (f.severity != lint::Severity::error) continue;
    if (!out.empty()) out += "; ";
    out += f.id + ": " + f.message;
  }
  return out;
}

void require_clean(const std::vector<lint::Finding>& findings, const std::string& stage,
                   const std::string& profile_name) {
  if (lint::has_errors(findings))
    throw Error(stage + " does not meet the " + profile_name +
                " profile: " + describe_errors(findings));
}

std::string tbs_digest(const Bytes& tbs) {
  return ossl::sha256_hex(tbs);
}

void record_helper_retries(Context& ctx, const script::Step* step) {
  for (const auto& note : provider::take_helper_notes()) {
    if (!note.retried) continue;
    auto e = ctx.event(transcript::EventType::pkcs11_retried, step);
    e.outcome = transcript::Outcome::failure;
    e.target = "token:" + ctx.token.label;
    e.cause = "pkcs11-helper: " + note.text;
    e.details["function"] = note.function;
    e.details["rv"] = pkcs11::rv_name(note.rv);
    e.details["retry"] = "pkcs11-helper logged in again and repeated the operation once";
    ctx.log->append(e);
  }
}

void apply_plan(Context& ctx, const script::Step& step, const std::string& what, const Bytes& tbs) {
  auto& plan = ctx.options.plan;
  auto digest = ossl::sha256(tbs);
  if (plan.planning) {
    write_new_file(plan.tbs_dir / (step.id + ".tbs.der"), tbs);
    plan.tbs_sha256[step.id] = to_hex(digest);
    ctx.out << "step " << step.id << ": to-be-signed " << what << ", " << tbs.size() << " bytes in "
            << step.id << ".tbs.der\n  SHA-256 " << to_hex(digest) << "\n"
            << pgp_word_rows(digest);
    throw PlannedStop{};
  }
  auto it = plan.tbs_sha256.find(step.id);
  if (it != plan.tbs_sha256.end() && it->second != to_hex(digest))
    throw Error(
        "the " + what + " of step " + step.id + " differs from the plan the witnesses " +
            "reviewed (to-be-signed SHA-256 " + to_hex(digest) + ", planned " + it->second +
            "); nothing was signed",
        "find out what changed since the plan (inputs, CRL state, profiles) and plan again");
}

bool signed_by_stand_in(const Context& ctx, const pkcs11::KeyPair& signer) {
  return ctx.rehearsal && ctx.rehearsal->is_stand_in(signer.label);
}

EVP_PKEY* trial_key_for(const pkcs11::KeyPair& signer) {
  return x509::throwaway_key_like(signer.public_key.get());
}

Bytes signer_spki(const pkcs11::KeyPair& signer) {
  return ossl::spki_der(signer.public_key.get());
}

SignedArtifact<ossl::X509Ptr> sign_certificate(
    Context& ctx, const script::Step& step, const x509::CertificateTemplate& tmpl,
    const profile::Profile& profile, const pkcs11::KeyPair& signer, const std::string& algorithm,
    const X509* issuer_cert, const std::string& output, const X509* existing) {
  ArtifactKind<ossl::X509Ptr> kind;
  kind.what = "certificate";
  kind.output = output;
  kind.profile_name = profile.name;
  kind.build_signed = [&](EVP_PKEY* key, const std::string& alg) {
    auto cert = x509::build_certificate(tmpl);
    auto md_ctx = provider::make_signing_context(key, alg);
    if (X509_sign_ctx(cert.get(), md_ctx.get()) <= 0) ossl::throw_error("signing the certificate");
    return cert;
  };
  kind.tbs = [](const ossl::X509Ptr& c) { return x509::tbs_der(c.get()); };
  kind.der = [](const ossl::X509Ptr& c) { return ossl::cert_der(c.get()); };
  kind.lint = [&](const ossl::X509Ptr& c) {
    if (existing) return lint::lint_cross_certificate(c.get(), profile, issuer_cert, existing);
    return lint::lint_certificate(c.get(), profile, issuer_cert);
  };
  kind.verify_openssl = [](const ossl::X509Ptr& c, EVP_PKEY* pub) {
    return X509_verify(c.get(), pub) == 1;
  };
  kind.verify_botan = [&](const Bytes& der, const Bytes& spki) {
    auto result = crosscheck::verify_certificate_signature(der, spki);
    if (result.ok && !issuer_cert) {
      // A root is also path-validated as its own trust anchor, at a time inside its validity.
      auto at = std::clamp(utc_now(), tmpl.not_before, tmpl.not_after);
      result = crosscheck::validate_self_signed_root(der, at);
    }
    return result;
  };
  return sign_artifact(ctx, step, kind, signer, algorithm);
}

}  // namespace kr::ceremony
