// Lints of the TBSCertificate's own fields: version, serial, unique ids, signature algorithm,
// validity and subject public key (CPS Appendix B, "All certificates", and RFC 5280 4.1).
#include <openssl/bn.h>

#include "lint/lint_internal.h"
#include "x509/algorithms.h"
#include "x509/asn1_time.h"
#include "x509/key_info.h"
#include "x509/serial.h"

namespace kr::lint::cert_lints {
namespace {

// Content octets of the DER INTEGER (what RFC 5280's 20-octet limit counts).
int serial_content_octets(const ASN1_INTEGER* serial) {
  int total = i2d_ASN1_INTEGER(serial, nullptr);
  if (total <= 2) return 0;
  int content = total - 2;
  if (content >= 128) content -= (content - 1 >= 256) ? 2 : 1;  // long-form length octets
  return content;
}

}  // namespace

void version(const Context& c) {
  long v = X509_get_version(c.cert);
  if (v != X509_VERSION_3)
    c.error("e_version_not_v3",
            "version is v" + std::to_string(v + 1) + "; CPS Appendix B requires v3");
}

void serial(const Context& c) {
  const ASN1_INTEGER* serial = X509_get0_serialNumber(c.cert);
  if (!serial) {
    c.error("e_serial_not_positive", "the serial number is missing");
    return;
  }
  ossl::BignumPtr bn(ASN1_INTEGER_to_BN(serial, nullptr));
  if (!bn) {
    c.error("e_serial_not_positive", "the serial number cannot be read");
    return;
  }
  if (BN_is_negative(bn.get()))
    c.error("e_serial_not_positive",
            "serial number -" + x509::serial_hex(serial).substr(1) +
                " is negative; CPS Appendix B requires a positive integer");
  else if (BN_is_zero(bn.get()))
    c.error("e_serial_not_positive",
            "serial number is zero; CPS Appendix B requires a positive integer");
  int octets = serial_content_octets(serial);
  if (octets > c.profile.serial.max_octets)
    c.error("e_serial_too_long", "serial number is " + std::to_string(octets) + " octets; the " +
                                     c.profile.name + " profile allows at most " +
                                     std::to_string(c.profile.serial.max_octets));
  int bits = BN_num_bits(bn.get());
  if (bits < c.profile.serial.min_random_bits)
    c.error("e_serial_entropy_too_short",
            "serial number has " + std::to_string(bits) + " significant bits; the " +
                c.profile.name + " profile requires at least " +
                std::to_string(c.profile.serial.min_random_bits) + " random bits");
}

void unique_ids(const Context& c) {
  const ASN1_BIT_STRING *issuer_uid = nullptr, *subject_uid = nullptr;
  X509_get0_uids(c.cert, &issuer_uid, &subject_uid);
  if (issuer_uid)
    c.error("e_unique_id_present", "issuerUniqueID is present; CPS Appendix B forbids it");
  if (subject_uid)
    c.error("e_unique_id_present", "subjectUniqueID is present; CPS Appendix B forbids it");
}

void signature_algorithm(const Context& c) {
  const X509_ALGOR* inner = X509_get0_tbs_sigalg(c.cert);
  const X509_ALGOR* outer = nullptr;
  X509_get0_signature(nullptr, &outer, c.cert);
  if (inner && outer && X509_ALGOR_cmp(inner, outer) != 0)
    c.error("e_sig_alg_mismatch",
            "the TBSCertificate signature algorithm differs from signatureAlgorithm "
            "(RFC 5280 4.1.1.2)");
  x509::AlgorithmMatch match = x509::identify_signature_algorithm(inner);
  if (!match.problem.empty()) c.error("e_sig_alg_params_invalid", match.problem);
  const EVP_PKEY* signer_key = c.issuer ? X509_get0_pubkey(c.issuer)
                               : c.profile.issuer == profile::IssuerRule::self
                                   ? X509_get0_pubkey(c.cert)
                                   : nullptr;
  x509::KeyInfo signer = x509::describe_key(signer_key);
  if (auto p = profile::check_signature_algorithm(c.profile, match.algorithm, match.text,
                                                  signer_key ? &signer : nullptr))
    c.problem(*p);
}

void validity(const Context& c) {
  const ASN1_TIME* nb = X509_get0_notBefore(c.cert);
  const ASN1_TIME* na = X509_get0_notAfter(c.cert);
  if (auto why = x509::time_encoding_problem(nb); !why.empty())
    c.error("e_validity_time_encoding", "notBefore: " + why + " (RFC 5280 4.1.2.5)");
  if (auto why = x509::time_encoding_problem(na); !why.empty())
    c.error("e_validity_time_encoding", "notAfter: " + why + " (RFC 5280 4.1.2.5)");
  auto not_before = x509::from_asn1_time(nb);
  auto not_after = x509::from_asn1_time(na);
  if (!not_before || !not_after) return;
  if (auto p = profile::check_validity(c.profile, *not_before, *not_after)) c.problem(*p);
}

void key(const Context& c) {
  const EVP_PKEY* key = X509_get0_pubkey(c.cert);
  if (!key) {
    c.error("e_key_unreadable", "the subject public key cannot be read");
    return;
  }
  if (auto p = profile::check_key(c.profile, x509::describe_key(key))) c.problem(*p);
}

}  // namespace kr::lint::cert_lints
