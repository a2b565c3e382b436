// Issuer guardrails. OpenSSL's own extension cache (X509_get_extension_flags, X509_get_key_usage,
// X509_get_pathlen) reads the issuer, so these agree with how OpenSSL builds paths.
#include "profile/rules_issuer.h"

#include <openssl/x509v3.h>

#include "ossl/error.h"
#include "x509/asn1_time.h"
#include "x509/name.h"

namespace kr::profile {
namespace {

const char* kWithin = "; a certificate never outlives its issuer";

bool makes_ca_certificates(const Profile& p) {
  const auto* bc = x509::find_extension<x509::BasicConstraints>(p.extensions);
  return bc && bc->ca;
}

}  // namespace

std::vector<Problem> check_issuer_certificate(const Profile& p, const X509* issuer) {
  std::vector<Problem> out;
  if (!issuer) return out;
  X509* x = const_cast<X509*>(issuer);  // the getters fill OpenSSL's cache; content is unchanged
  std::string name = "the issuer \"" + x509::name_text(X509_get_subject_name(issuer)) + "\"";
  uint32_t flags = X509_get_extension_flags(x);
  uint32_t usage = X509_get_key_usage(x);
  ossl::drain_errors();
  if (!(flags & EXFLAG_CA))
    out.push_back({"e_issuer_not_ca", "issuer",
                   name + " is not a CA certificate (basicConstraints cA is not TRUE)"});
  else if (!(flags & EXFLAG_KUSAGE) || !(usage & KU_KEY_CERT_SIGN))
    out.push_back({"e_issuer_not_ca", "issuer",
                   name + " has no keyCertSign in keyUsage, so it may not sign certificates"});
  else if (makes_ca_certificates(p) && X509_get_pathlen(x) == 0)
    out.push_back({"e_issuer_path_len_exceeded", "issuer",
                   name + " has pathLenConstraint 0, so it may not issue CA certificates; the " +
                       p.name + " profile makes one"});
  return out;
}

std::vector<Problem> check_within_issuer(UtcTime not_before, UtcTime not_after,
                                         const X509* issuer) {
  std::vector<Problem> out;
  if (!issuer) return out;
  auto issuer_nb = x509::from_asn1_time(X509_get0_notBefore(issuer));
  auto issuer_na = x509::from_asn1_time(X509_get0_notAfter(issuer));
  if (issuer_nb && not_before < *issuer_nb)
    out.push_back({"e_validity_outlives_issuer", "validity.not-before",
                   "not-before " + format_utc(not_before) + " is before the issuer's not-before " +
                       format_utc(*issuer_nb) + kWithin});
  if (issuer_na && not_after > *issuer_na)
    out.push_back({"e_validity_outlives_issuer", "validity.not-after",
                   "not-after " + format_utc(not_after) + " is after the issuer's not-after " +
                       format_utc(*issuer_na) + kWithin});
  if (!issuer_nb || !issuer_na)
    out.push_back({"e_validity_outlives_issuer", "issuer",
                   "the issuer's validity cannot be read, so the certificate cannot be shown to "
                   "lie within it"});
  return out;
}

std::optional<Problem> check_not_issuer_key(const EVP_PKEY* subject_key, const X509* issuer) {
  const EVP_PKEY* issuer_key = issuer ? X509_get0_pubkey(issuer) : nullptr;
  bool same = subject_key && issuer_key && EVP_PKEY_eq(subject_key, issuer_key) == 1;
  ossl::drain_errors();
  if (!same) return std::nullopt;
  return Problem{"e_subject_key_is_issuer_key", "key",
                 "the subject key is the issuer's own key; an issued certificate certifies "
                 "another key"};
}

}  // namespace kr::profile
