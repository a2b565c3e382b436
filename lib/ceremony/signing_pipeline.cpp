// The certificate signing pipeline: trial, lint, token signature, TBS identity, two verifiers.
#include "ceremony/signing_pipeline.h"

#include <algorithm>

#include "ceremony/throwaway_key.h"
#include "crosscheck/verify.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "provider/signing_context.h"
#include "util/error.h"

namespace kr::ceremony {
namespace {

void sign_with(X509* cert, EVP_PKEY* key, const std::string& algorithm) {
  auto md_ctx = provider::make_signing_context(key, algorithm);
  if (X509_sign_ctx(cert, md_ctx.get()) <= 0) ossl::throw_error("signing the certificate");
}

void require_clean(const std::vector<profile::Finding>& findings, const std::string& stage,
                   const std::string& profile_name) {
  if (profile::has_errors(findings))
    throw Error(stage + " does not meet the " + profile_name + " profile: " +
                describe_errors(findings));
}

UtcTime validation_time(const x509::CertificateTemplate& t) {
  return std::clamp(utc_now(), t.not_before, t.not_after);
}

}  // namespace

std::string describe_errors(const std::vector<profile::Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    if (f.severity != profile::Severity::error) continue;
    if (!out.empty()) out += "; ";
    out += f.id + ": " + f.message;
  }
  return out;
}

SignedCertificate sign_certificate(Context& ctx, const x509::CertificateTemplate& tmpl,
                                   const profile::Profile& profile, const pkcs11::KeyPair& signer,
                                   const std::string& algorithm, const X509* issuer_cert) {
  // Trial: the whole certificate, signed by a throwaway key, must pass the profile before the
  // token is asked for anything.
  auto trial = x509::build_certificate(tmpl);
  sign_with(trial.get(), throwaway_key_like(signer.public_key.get()), algorithm);
  require_clean(profile::lint_certificate(trial.get(), profile, issuer_cert),
                "the trial certificate", profile.name);
  Bytes trial_tbs = x509::tbs_der(trial.get());

  SignedCertificate out;
  out.cert = x509::build_certificate(tmpl);
  sign_with(out.cert.get(), ctx.signing_key(signer), algorithm);
  Bytes tbs = x509::tbs_der(out.cert.get());
  if (tbs != trial_tbs)
    throw Error("the certificate the token signed differs from the trial certificate; nothing "
                "was written");
  out.tbs_sha256 = ossl::sha256_hex(tbs);
  out.der = ossl::cert_der(out.cert.get());

  // Two independent verifiers against the public key read from the token, never the one embedded
  // in what we just built.
  if (X509_verify(out.cert.get(), signer.public_key.get()) != 1)
    ossl::throw_error("OpenSSL does not verify the token's signature with key \"" + signer.label +
                      "\"");
  auto spki = ossl::spki_der(signer.public_key.get());
  auto botan = crosscheck::verify_certificate_signature(out.der, spki);
  if (!botan.ok) throw Error("Botan does not verify the token's signature: " + botan.message);
  if (!issuer_cert) {
    auto path = crosscheck::validate_self_signed_root(out.der, validation_time(tmpl));
    if (!path.ok) throw Error("Botan path validation refuses the root: " + path.message);
  }

  auto findings = profile::lint_certificate(out.cert.get(), profile, issuer_cert);
  require_clean(findings, "the signed certificate", profile.name);
  out.notices = std::move(findings);
  return out;
}

}  // namespace kr::ceremony
