// What self-sign, issue and cross-sign share once the request is known: the profile check with
// script positions, the signing pipeline, the output file, the event, the disclosure inventory.
#pragma once

#include <vector>

#include "ceremony/context.h"
#include "ceremony/step_registry.h"
#include "profile/profile.h"
#include "profile/request_check.h"

namespace kr::ceremony {

struct CertificateJob {
  const profile::Profile* profile = nullptr;
  profile::CertificateRequest request;
  const pkcs11::KeyPair* signer = nullptr;
  const X509* issuer_certificate = nullptr;  // nullptr: self-signed
  std::string output;
  script::OutputFormat format = script::OutputFormat::pem;
  std::vector<transcript::Digest> inputs;  // recorded in the event beside the signer's key
};

// Findings for every way the request does not fit the profile, at the script's positions.
void check_certificate_request(const profile::Profile& profile,
                               const profile::CertificateRequest& request, const script::Step& step,
                               std::vector<Finding>& findings);

// Checks (throwing CheckFailed), signs, writes, logs and inventories one certificate.
void run_certificate_job(Context& ctx, const script::Step& step, const CertificateJob& job);

// The script's extension settings in the profile layer's terms (same fields; the code-signing
// permanent identifier is a request field of its own).
void set_extensions(profile::CertificateRequest& request, const script::ExtensionSettings& s);

}  // namespace kr::ceremony
