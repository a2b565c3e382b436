// Lints of who signed an OCSP response and how: the signature algorithm (CPS Appendix A), the
// signature itself, the responder ID, and a delegated responder's authorization (RFC 6960 4.2.2.2,
// CPS Appendix B "OCSP Signing Certificates").
#include <openssl/x509v3.h>

#include "lint/lint_ocsp_internal.h"
#include "x509/algorithms.h"
#include "x509/asn1_time.h"
#include "x509/extensions.h"
#include "x509/name.h"

namespace kr::lint::ocsp_lints {
namespace {

std::string subject_of(const X509* cert) {
  return "\"" + x509::name_text(X509_get_subject_name(cert)) + "\"";
}

std::string responder_id_text(const OCSP_BASICRESP* bs) {
  const ASN1_OCTET_STRING* key = nullptr;
  const X509_NAME* name = nullptr;
  if (OCSP_resp_get0_id(bs, &key, &name) != 1) return "unreadable";
  if (name) return "byName \"" + x509::name_text(name) + "\"";
  return "byKey " + to_hex(ByteView(ASN1_STRING_get0_data(key),
                                    static_cast<std::size_t>(ASN1_STRING_length(key))));
}

}  // namespace

void signature_algorithm(const Context& c) {
  x509::AlgorithmMatch match =
      x509::identify_signature_algorithm(OCSP_resp_get0_tbs_sigalg(c.basic));
  if (match.algorithm && match.algorithm->forbidden)
    c.error("e_ocsp_sig_alg_forbidden",
            match.text + " is forbidden: keyrite never signs with MD2, MD4, MD5 or SHA-1");
  else if (!match.algorithm)
    c.error("e_ocsp_sig_alg_not_appendix_a",
            match.text + " is not a CPS Appendix A signature algorithm");
  if (!match.problem.empty()) c.error("e_ocsp_sig_alg_params_invalid", match.problem);
}

void signature(const Context& c) {
  if (!c.signer) {
    c.notice("n_ocsp_issuer_not_checked",
             "no issuer certificate was given and no certificate in the response matches the "
             "responder ID: the signature was not checked");
    return;
  }
  EVP_PKEY* key = X509_get0_pubkey(c.signer);
  int ok = key ? ASN1_item_verify(ASN1_ITEM_rptr(OCSP_RESPDATA), OCSP_resp_get0_tbs_sigalg(c.basic),
                                  OCSP_resp_get0_signature(c.basic),
                                  OCSP_resp_get0_respdata(c.basic), key)
               : 0;
  if (ok != 1)
    c.error("e_ocsp_signature_invalid",
            "the signature does not verify with the key of " +
                std::string(c.delegated ? "the delegated responder " : "the CA ") +
                subject_of(c.signer));
}

void responder_id(const Context& c) {
  if (c.signer && !responder_id_matches(c.basic, c.signer))
    c.error("e_ocsp_responder_id_mismatch", "the responder ID (" + responder_id_text(c.basic) +
                                                ") does not identify the signer " +
                                                subject_of(c.signer));
}

void delegation(const Context& c) {
  if (!c.signer) return;
  X509* signer = const_cast<X509*>(c.signer);  // the getters below cache decoded extensions
  auto produced = x509::from_asn1_time(OCSP_resp_get0_produced_at(c.basic));
  auto nb = x509::from_asn1_time(X509_get0_notBefore(signer));
  auto na = x509::from_asn1_time(X509_get0_notAfter(signer));
  if (produced && nb && na && (*produced < *nb || *produced > *na))
    c.error("e_ocsp_signer_not_valid", "the signer " + subject_of(signer) +
                                           " is not valid at producedAt " + format_utc(*produced) +
                                           " (valid " + format_utc(*nb) + " to " + format_utc(*na) +
                                           ")");
  if (!c.delegated) return;
  std::string who = "the delegated responder " + subject_of(signer);
  if (!c.issuer) {
    c.notice("n_ocsp_issuer_not_checked", "no issuer certificate was given: whether " + who +
                                              " was issued by the CA was not "
                                              "checked");
  } else {
    EVP_PKEY* ca_key = X509_get0_pubkey(c.issuer);
    bool issued = X509_check_issued(const_cast<X509*>(c.issuer), signer) == X509_V_OK && ca_key &&
                  X509_verify(signer, ca_key) == 1;
    if (!issued)
      c.error("e_ocsp_signer_not_authorized",
              who + " was not issued by the CA " + subject_of(c.issuer) + " (RFC 6960 4.2.2.2)");
  }
  bool eku = (X509_get_extension_flags(signer) & EXFLAG_XKUSAGE) &&
             (X509_get_extended_key_usage(signer) & XKU_OCSP_SIGN);
  if (!eku)
    c.error("e_ocsp_signer_not_authorized",
            who + " has no id-kp-OCSPSigning extended key usage (RFC 6960 4.2.2.2)");
  if (X509_get_ext_by_NID(signer, NID_id_pkix_OCSP_noCheck, -1) < 0)
    c.error("e_ocsp_nocheck_missing",
            who +
                " has no id-pkix-ocsp-nocheck extension (CPS Appendix B, OCSP Signing "
                "Certificates; RFC 6960 4.2.2.2.1)");
  const STACK_OF(X509)* certs = OCSP_resp_get0_certs(c.basic);
  bool included = false;
  for (int i = 0; i < sk_X509_num(certs) && !included; ++i)
    included = X509_cmp(sk_X509_value(certs, i), signer) == 0;
  if (!included)
    c.error("e_ocsp_signer_cert_missing",
            who + " is not in the response's certs, so clients cannot check the delegation");
}

}  // namespace kr::lint::ocsp_lints
