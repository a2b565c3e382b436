// The defect catalogue. Verdicts were measured with the verifiers on Debian 12 (OpenSSL 3.0,
// GnuTLS 3.7) by tests/integration/testpki_defects_test.sh, which fails when one changes.
#include "testpki/defects.h"

#include <array>

namespace kr::testpki {
namespace {

using T = DefectTarget;
constexpr std::array<Defect, 18> kDefects{{
    {"expired", T::leaf, "validity ended a day before the reference time", "e_expired_at", "self",
     "--at REF", "reject", "reject"},
    {"not-yet-valid", T::leaf, "validity starts a day after the reference time",
     "e_not_yet_valid_at", "self", "--at REF", "reject", "reject"},
    {"outlives-issuer", T::leaf, "notAfter a day after the issuer's notAfter",
     "e_validity_outlives_issuer", "self", "", "accept", "accept"},
    {"bad-signature", T::leaf, "the last signature byte flipped", "e_signature_invalid", "self", "",
     "reject", "reject"},
    {"wrong-issuer-name", T::leaf,
     "issuer name is not the issuer's subject (signed by the right key)",
     "e_issuer_subject_mismatch", "self", "", "reject", "reject"},
    {"wrong-aki", T::leaf, "authorityKeyIdentifier is not the issuer's subjectKeyIdentifier",
     "e_aki_mismatch", "self", "", "reject", "reject"},
    {"missing-ski", T::leaf, "no subjectKeyIdentifier", "e_ski_missing", "self", "", "accept",
     "accept"},
    {"missing-basic-constraints", T::ca, "a CA certificate without basicConstraints",
     "e_bc_missing", "self", "", "reject", "reject"},
    {"ca-false-issuer", T::ca, "a CA certificate whose basicConstraints says cA FALSE",
     "e_issuer_not_ca", "child", "", "reject", "reject"},
    {"pathlen-exceeded", T::ca, "pathLenConstraint 0, yet it issues a CA",
     "e_issuer_path_len_exceeded", "child", "", "reject", "reject"},
    {"wrong-eku", T::leaf, "extendedKeyUsage codeSigning instead of the profile's purposes",
     "e_eku_missing_purpose", "self", "", "reject", "reject"},
    {"name-mismatch", T::leaf, "subjectAltName names mismatch.invalid instead of the spec's names",
     "e_cn_not_in_san", "self", "", "reject", "reject"},
    {"sha1-signature", T::leaf, "signed with SHA-1", "e_sig_alg_forbidden", "self", "", "accept",
     "reject"},
    {"rsa-1024", T::leaf, "an RSA-1024 subject key", "e_key_too_weak", "self", "", "accept",
     "accept"},
    {"negative-serial", T::leaf, "a negative serial number", "e_serial_not_positive", "self", "",
     "accept", "accept"},
    {"duplicate-extension", T::leaf, "extendedKeyUsage twice", "e_duplicate_extension", "self", "",
     "reject", "reject"},
    {"critical-unknown-extension", T::leaf,
     "a critical extension no verifier knows (1.3.6.1.4.1.32473.1.1)",
     "e_extension_unknown_critical", "self", "", "reject", "reject"},
    {"revoked", T::leaf, "listed in its issuer's CRL and OCSP (keyCompromise)",
     "e_certificate_revoked", "self", "--crl ISSUER.crl.pem", "reject", "reject"},
}};

}  // namespace

std::span<const Defect> defects() {
  return kDefects;
}

const Defect* find_defect(std::string_view name) {
  for (const auto& d : kDefects)
    if (d.name == name) return &d;
  return nullptr;
}

std::string defect_names() {
  std::string out;
  for (const auto& d : kDefects) out += (out.empty() ? "" : ", ") + std::string(d.name);
  return out;
}

}  // namespace kr::testpki
