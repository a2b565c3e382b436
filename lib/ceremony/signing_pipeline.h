// The one pipeline every signed artifact goes through (DESIGN.md "How a signature is made"):
//   1. build the to-be-signed object and sign it with a throwaway software key of the same type;
//   2. lint that trial object against its profile;
//   3. build it again and sign with the token key through the provider;
//   4. check the to-be-signed bytes of both are identical;
//   5. verify the token's signature with OpenSSL and, independently, with Botan, against the public
//      key read from the token (never one embedded in what was just built);
//   6. lint the final object again.
// Between 2 and 3 the intent is recorded (ceremony/intent.h): kind, output and to-be-signed hash
// are in the transcript before the token signs anything. Writing the file and recording the
// outcome event are the caller's (they differ per step).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ceremony/context.h"
#include "ceremony/key_checks.h"
#include "ceremony/progress.h"
#include "crosscheck/verify.h"
#include "lint/lint.h"
#include "ossl/types.h"
#include "profile/profile.h"
#include "util/error.h"
#include "x509/builder.h"

namespace kr::ceremony {

// What the pipeline needs to know about one kind of artifact (certificate, CRL, CSR, OCSP).
template <class Object>
struct ArtifactKind {
  std::string what;  // "certificate", "CRL", ... for messages
  std::string profile_name;
  std::string output;  // the step's output path, relative to the output directory
  // Called once the to-be-signed bytes are known and before the intent is recorded (sign-crl
  // reserves its CRL number here). Returns what undoes it if the step fails in a live process.
  std::function<std::function<std::string()>(const std::string& tbs_sha256)> before_signing;
  // A freshly built object signed with `key` under the named algorithm.
  std::function<Object(EVP_PKEY* key, const std::string& algorithm)> build_signed;
  std::function<Bytes(const Object&)> tbs;
  std::function<Bytes(const Object&)> der;
  std::function<std::vector<lint::Finding>(const Object&)> lint;
  // OpenSSL's verification of the signature with the signer's public key.
  std::function<bool(const Object&, EVP_PKEY* signer_public_key)> verify_openssl;
  // Botan's verification of the DER with the signer's SubjectPublicKeyInfo (DER).
  std::function<crosscheck::Result(const Bytes& der, const Bytes& signer_spki)> verify_botan;
};

template <class Object>
struct SignedArtifact {
  Object object;
  Bytes der;
  std::string tbs_sha256;              // of the to-be-signed bytes both signatures covered
  std::vector<lint::Finding> notices;  // non-error findings of the final lint
};

// "e_ku_bits_mismatch: ...; e_ski_missing: ..." for the error findings.
std::string describe_errors(const std::vector<lint::Finding>& findings);

// Throws kr::Error naming the stage that refused.
void require_clean(const std::vector<lint::Finding>& findings, const std::string& stage,
                   const std::string& profile_name);

// The SHA-256 of a byte string, for the pipeline's record (avoids a header dependency here).
std::string tbs_digest(const Bytes& tbs);

// The trial key of the same type as `signer` (x509/throwaway_key.h).
EVP_PKEY* trial_key_for(const pkcs11::KeyPair& signer);
// The signer's SubjectPublicKeyInfo DER, as read from the token.
Bytes signer_spki(const pkcs11::KeyPair& signer);

// True in a rehearsal when `signer` is a key on the token that a throwaway key stands in for.
bool signed_by_stand_in(const Context& ctx, const pkcs11::KeyPair& signer);
// One pkcs11-retried event per private-key operation pkcs11-helper retried since the last call
// (provider/helper_runtime.h take_helper_notes); other hidden failures are dropped here, having
// been reported by the error they caused. `step` may be null (checkpoints).
void record_helper_retries(Context& ctx, const script::Step* step);

// Plan mode: writes the to-be-signed bytes for the witnesses and throws PlannedStop. Following a
// plan: refuses bytes that differ from the reviewed ones. Otherwise does nothing.
void apply_plan(Context& ctx, const script::Step& step, const std::string& what, const Bytes& tbs);

template <class Object>
SignedArtifact<Object> sign_artifact(Context& ctx, const script::Step& step,
                                     const ArtifactKind<Object>& kind,
                                     const pkcs11::KeyPair& signer, const std::string& algorithm) {
  Object trial = kind.build_signed(trial_key_for(signer), algorithm);
  require_clean(kind.lint(trial), "the trial " + kind.what, kind.profile_name);
  Bytes trial_tbs = kind.tbs(trial);
  apply_plan(ctx, step, kind.what, trial_tbs);
  const std::string trial_sha256 = tbs_digest(trial_tbs);
  // The key is checked before every use, not only when it was generated (key_checks.h). A
  // rehearsal has no token: its stand-in keys are checked when the real run uses the token's.
  nlohmann::ordered_json key_record;
  if (ctx.rehearsal)
    key_record = {{"label", signer.label}, {"rehearsal", "a software stand-in; not checked"}};
  else
    key_record = check_signing_key(ctx, step, signer);
  std::function<std::string()> undo;
  if (kind.before_signing && !ctx.rehearsal) undo = kind.before_signing(trial_sha256);
  try {
    record_intent(ctx, step, kind.what, "file:" + kind.output,
                  {{"tbs_sha256", trial_sha256}, {"key", std::move(key_record)}})
        .on_abandon = undo;
  } catch (...) {
    if (undo) try {
        undo();
      } catch (...) {
      }  // nothing signed yet; a full disk may refuse this too
    throw;
  }

  SignedArtifact<Object> out{[&] {
                               Progress progress(
                                   ctx.out, ctx.options.terminal ? Display::ticker : Display::lines,
                                   "signing the " + kind.what + " with key " + signer.label + " (" +
                                       signer.describe() + ") in the token");
                               return kind.build_signed(ctx.signing_key(signer), algorithm);
                             }(),
                             {},
                             {},
                             {}};
  record_helper_retries(ctx, &step);
  Bytes tbs = kind.tbs(out.object);
  if (tbs != trial_tbs)
    throw Error("the " + kind.what + " the token signed differs from the trial " + kind.what +
                "; nothing was written");
  out.tbs_sha256 = tbs_digest(tbs);
  out.der = kind.der(out.object);
  // A rehearsal signs for a key already on the token with a throwaway stand-in: everything but
  // that signature is checked.
  if (!signed_by_stand_in(ctx, signer)) {
    if (!kind.verify_openssl(out.object, signer.public_key.get()))
      throw Error("OpenSSL does not verify the token's signature on the " + kind.what +
                  " with key \"" + signer.label + "\"");
    auto botan = kind.verify_botan(out.der, signer_spki(signer));
    if (!botan.ok) throw Error("Botan does not verify the " + kind.what + ": " + botan.message);
  }

  auto findings = kind.lint(out.object);
  require_clean(findings, "the signed " + kind.what, kind.profile_name);
  out.notices = std::move(findings);
  return out;
}

// A certificate through the pipeline; a self-signed one (issuer_cert nullptr) is also path
// validated by Botan as its own trust anchor. A cross-certificate names the certificate it
// certifies again (existing), and is linted for the byte-for-byte links to it as well.
SignedArtifact<ossl::X509Ptr> sign_certificate(
    Context& ctx, const script::Step& step, const x509::CertificateTemplate& tmpl,
    const profile::Profile& profile, const pkcs11::KeyPair& signer, const std::string& algorithm,
    const X509* issuer_cert, const std::string& output, const X509* existing = nullptr);

}  // namespace kr::ceremony
