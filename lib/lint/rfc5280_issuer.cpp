// The issuing CA (kr-lint --issuer) against what it signed: names chain (RFC 5280 4.1.2.4,
// 5.1.2.3), the issuer may sign certificates or CRLs at all (4.2.1.3, 4.2.1.9), the signature
// verifies, and a certificate neither starts after its issuer expired nor outlives it (the
// "subordinate outliving its issuer" of the CA's past non-compliance, DESIGN.md). Without
// --issuer only a notice says what was not checked; nothing here looks at the clock.
#include <openssl/err.h>

#include "lint/rfc5280_internal.h"
#include "x509/name.h"

namespace kr::lint::rfc {
namespace {

std::string issuer_text(const X509* issuer) {
  return "\"" + x509::name_text(X509_get_subject_name(issuer)) + "\"";
}

// The issuer's keyUsage, when it has one that decodes; cA aside, this is what limits what it signs.
bool issuer_usage_lacks(const X509* issuer, int bit) {
  X509_EXTENSION* ext = find_extension(X509_get0_extensions(issuer), NID_key_usage);
  if (!ext) return false;
  Owned<ASN1_BIT_STRING, ASN1_BIT_STRING_free> ku(
      static_cast<ASN1_BIT_STRING*>(X509V3_EXT_d2i(ext)));
  ERR_clear_error();
  return ku && ASN1_BIT_STRING_get_bit(ku.get(), bit) != 1;
}

std::string openssl_reason() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  const char* reason = code ? ERR_reason_error_string(code) : nullptr;
  return reason ? std::string(" (") + reason + ")" : "";
}

}  // namespace

void certificate_issuer(const CertContext& c) {
  const X509_NAME* issuer_name = X509_get_issuer_name(c.cert);
  if (!c.issuer) {
    const X509_NAME* subject = X509_get_subject_name(c.cert);
    if (!issuer_name || !subject || X509_NAME_cmp(issuer_name, subject) != 0)
      c.out.notice("n_issuer_not_checked",
                   "no issuing CA certificate was given (--issuer), so the issuer name, "
                   "authorityKeyIdentifier, validity and signature were not checked against it",
                   "n_issuer_not_checked");
    return;
  }
  const X509_NAME* ca_subject = X509_get_subject_name(c.issuer);
  if (!issuer_name || !ca_subject || X509_NAME_cmp(issuer_name, ca_subject) != 0)
    c.out.error("e_issuer_subject_mismatch",
                "issuer \"" + x509::name_text(issuer_name) +
                    "\" does not match the issuing CA's subject " + issuer_text(c.issuer),
                "e_issuer_subject_mismatch");
  if (!is_ca(c.issuer))
    c.out.error("e_issuer_not_ca",
                "the issuing certificate " + issuer_text(c.issuer) +
                    " is not a CA certificate (its basicConstraints does not assert cA; RFC 5280 "
                    "4.2.1.9)",
                "e_issuer_not_ca");
  else if (issuer_usage_lacks(c.issuer, 5))
    c.out.error("e_issuer_not_ca",
                "the issuing certificate " + issuer_text(c.issuer) +
                    " has a keyUsage without keyCertSign, so it may not sign certificates (RFC "
                    "5280 4.2.1.3)",
                "e_issuer_not_ca");

  auto ca_not_before = read_time(X509_get0_notBefore(c.issuer));
  auto ca_not_after = read_time(X509_get0_notAfter(c.issuer));
  auto not_before = read_time(X509_get0_notBefore(c.cert));
  auto not_after = read_time(X509_get0_notAfter(c.cert));
  if (ca_not_after && not_before && *ca_not_after < *not_before)
    c.out.error("e_issuer_expired_at_not_before",
                "the issuing CA's certificate expired at " + format_utc(*ca_not_after) +
                    ", before this certificate's notBefore " + format_utc(*not_before));
  if (ca_not_after && not_after && *not_after > *ca_not_after)
    c.out.error("e_validity_outlives_issuer",
                "notAfter " + format_utc(*not_after) + " is after the issuing CA's notAfter " +
                    format_utc(*ca_not_after) + ": the certificate outlives its issuer",
                "e_validity_outlives_issuer");
  // The profile lint reports this too, as e_validity_outlives_issuer (an error); RFC 5280 alone
  // does not forbid it.
  if (ca_not_before && not_before && *not_before < *ca_not_before)
    c.out.warning("w_validity_starts_before_issuer",
                  "notBefore " + format_utc(*not_before) +
                      " is before the issuing CA's notBefore " + format_utc(*ca_not_before),
                  "e_validity_outlives_issuer");

  EVP_PKEY* key = X509_get0_pubkey(c.issuer);
  ERR_clear_error();
  if (key && X509_verify(const_cast<X509*>(c.cert), key) != 1)
    c.out.error(
        "e_signature_invalid",
        "the signature does not verify with the issuing CA's public key" + openssl_reason());
  ERR_clear_error();
}

void crl_issuer(const CrlContext& c) {
  if (!c.issuer) {
    c.out.notice("n_crl_issuer_not_checked",
                 "no issuing CA certificate was given (--issuer), so the CRL's issuer name, "
                 "authorityKeyIdentifier and signature were not checked against it",
                 "n_crl_issuer_not_checked");
    return;
  }
  const X509_NAME* issuer_name = X509_CRL_get_issuer(c.crl);
  const X509_NAME* ca_subject = X509_get_subject_name(c.issuer);
  if (!issuer_name || !ca_subject || X509_NAME_cmp(issuer_name, ca_subject) != 0)
    c.out.error("e_crl_issuer_mismatch",
                "issuer \"" + x509::name_text(issuer_name) +
                    "\" does not match the issuing CA's subject " + issuer_text(c.issuer),
                "e_crl_issuer_mismatch");
  if (!is_ca(c.issuer))
    c.out.error("e_issuer_not_ca", "the issuing certificate " + issuer_text(c.issuer) +
                                       " is not a CA certificate (its basicConstraints does not "
                                       "assert cA; RFC 5280 4.2.1.9)");
  if (issuer_usage_lacks(c.issuer, 6))
    c.out.error("e_issuer_key_usage_no_crl_sign",
                "the issuing CA's keyUsage does not assert cRLSign; RFC 5280 4.2.1.3",
                "e_crl_issuer_not_crl_signer");

  X509_EXTENSION* aki_ext =
      find_extension(X509_CRL_get0_extensions(c.crl), NID_authority_key_identifier);
  Owned<AUTHORITY_KEYID, AUTHORITY_KEYID_free> aki(
      aki_ext ? static_cast<AUTHORITY_KEYID*>(X509V3_EXT_d2i(aki_ext)) : nullptr);
  ERR_clear_error();
  std::string want = subject_key_id(c.issuer);
  if (aki && aki->keyid && !want.empty() && octets_hex(aki->keyid) != want)
    c.out.error("e_crl_aki_mismatch",
                "authorityKeyIdentifier is " + octets_hex(aki->keyid) +
                    "; the issuer's subjectKeyIdentifier is " + want,
                "e_crl_aki_mismatch");

  EVP_PKEY* key = X509_get0_pubkey(c.issuer);
  ERR_clear_error();
  if (key && X509_CRL_verify(const_cast<X509_CRL*>(c.crl), key) != 1)
    c.out.error(
        "e_signature_invalid",
        "the CRL's signature does not verify with the issuing CA's public key" + openssl_reason());
  ERR_clear_error();
}

}  // namespace kr::lint::rfc
