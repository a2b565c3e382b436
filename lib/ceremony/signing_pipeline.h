// The one pipeline every certificate goes through (DESIGN.md "How a signature is made"):
//   1. build the to-be-signed certificate from the template;
//   2. sign it with a throwaway software key of the same type and lint it against the profile;
//   3. sign the same template with the token key through the provider;
//   4. check the to-be-signed bytes of both are identical;
//   5. verify the token's signature with OpenSSL and, independently, with Botan;
//   6. lint the final certificate again.
// Writing the file and recording the event are the caller's (they differ per step).
#pragma once

#include <string>
#include <vector>

#include "ceremony/context.h"
#include "ossl/types.h"
#include "profile/lint.h"
#include "profile/profile.h"
#include "x509/builder.h"

namespace kr::ceremony {

struct SignedCertificate {
  ossl::X509Ptr cert;
  Bytes der;
  std::string tbs_sha256;                 // of the to-be-signed bytes both signatures covered
  std::vector<profile::Finding> notices;  // non-error findings of the final lint
};

// `issuer_cert` is nullptr for a self-signed certificate. Throws kr::Error naming the stage that
// refused (trial lint with finding ids, TBS mismatch, a verifier's message).
SignedCertificate sign_certificate(Context& ctx, const x509::CertificateTemplate& tmpl,
                                   const profile::Profile& profile, const pkcs11::KeyPair& signer,
                                   const std::string& algorithm, const X509* issuer_cert);

// "e_ku_bits_mismatch: ...; e_ski_missing: ..." for the error findings.
std::string describe_errors(const std::vector<profile::Finding>& findings);

}  // namespace kr::ceremony
