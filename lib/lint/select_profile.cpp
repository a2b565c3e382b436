// Profile auto-selection: an ordered list of rules, the first that matches wins. The order
// matters: a CA certificate is judged as a CA even when it also carries serverAuth (an
// EKU-constrained intermediate is not a TLS server certificate), and the EV profiles, being
// narrower, come before their standard forms. A rule may name fallbacks, tried in turn when a
// profile does not exist.
#include "lint/select_profile.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <system_error>

#include "x509/name.h"

namespace kr::lint {
namespace {

bool basic_constraints_ca(const X509* cert) {
  int critical = 0;
  std::unique_ptr<BASIC_CONSTRAINTS, decltype(&BASIC_CONSTRAINTS_free)> bc(
      static_cast<BASIC_CONSTRAINTS*>(
          X509_get_ext_d2i(cert, NID_basic_constraints, &critical, nullptr)),
      BASIC_CONSTRAINTS_free);
  return bc && bc->ca;
}

// CA/Browser Forum policy identifiers that mark an EV certificate.
constexpr const char* kEvTlsPolicy = "2.23.140.1.1";
constexpr const char* kEvCodeSigningPolicy = "2.23.140.1.3";

bool has_policy(const X509* cert, std::string_view oid) {
  int critical = 0;
  std::unique_ptr<CERTIFICATEPOLICIES, decltype(&CERTIFICATEPOLICIES_free)> policies(
      static_cast<CERTIFICATEPOLICIES*>(
          X509_get_ext_d2i(cert, NID_certificate_policies, &critical, nullptr)),
      CERTIFICATEPOLICIES_free);
  for (int i = 0; policies && i < sk_POLICYINFO_num(policies.get()); ++i) {
    const POLICYINFO* info = sk_POLICYINFO_value(policies.get(), i);
    char text[80];
    int n = info ? OBJ_obj2txt(text, sizeof text, info->policyid, 1) : 0;
    if (n > 0 && n < static_cast<int>(sizeof text) && oid == text) return true;
  }
  return false;
}

// The first of `names` that exists; none (saying which was missing) when none does.
ProfileChoice pick(const std::filesystem::path& dir, std::initializer_list<const char*> names,
                   std::string why) {
  std::string tried;
  for (const char* name : names) {
    if (profile_exists(dir, name)) return {name, std::move(why)};
    tried += (tried.empty() ? "" : " or ") + std::string(name);
  }
  return {"", why + ", but there is no " + tried + " profile"};
}

// The certificate among `others` that makes `cert` a cross-certificate: a CA certificate with the
// same subject name and public key that is self-signed or has another issuer. Empty when none.
std::string cross_certified_by(const X509* cert, std::span<const X509* const> others) {
  X509* x = const_cast<X509*>(cert);
  for (const X509* o : others) {
    X509* other = const_cast<X509*>(o);
    if (!other || other == x || X509_cmp(x, other) == 0) continue;
    if (X509_NAME_cmp(X509_get_subject_name(x), X509_get_subject_name(other)) != 0) continue;
    if (EVP_PKEY_eq(X509_get0_pubkey(x), X509_get0_pubkey(other)) != 1) continue;
    if (!basic_constraints_ca(other) && X509_check_ca(other) == 0) continue;
    std::string subject = "\"" + x509::name_text(X509_get_subject_name(other)) + "\"";
    if (X509_self_signed(other, 0) == 1) return "the self-signed CA certificate " + subject;
    if (X509_NAME_cmp(X509_get_issuer_name(x), X509_get_issuer_name(other)) != 0)
      return "the CA certificate " + subject + " issued by \"" +
             x509::name_text(X509_get_issuer_name(other)) + "\"";
  }
  return {};
}

}  // namespace

bool profile_exists(const std::filesystem::path& dir, const std::string& name) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / (name + ".yaml"), ec);
}

std::vector<std::string> profile_names(const std::filesystem::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".yaml") out.push_back(it->path().stem().string());
  std::sort(out.begin(), out.end());
  return out;
}

ProfileChoice choose_certificate_profile(const X509* cert, const std::filesystem::path& dir,
                                         std::span<const X509* const> others) {
  // Both calls fill OpenSSL's cached extension flags, hence the casts; neither changes the
  // certificate's content.
  X509* x = const_cast<X509*>(cert);
  // cA TRUE makes a CA whatever its keyUsage says (the profile then judges the keyUsage);
  // X509_check_ca adds the legacy forms (v1 self-signed roots, keyCertSign without
  // basicConstraints).
  bool ca = basic_constraints_ca(cert) || X509_check_ca(x) != 0;
  bool self_signed = X509_self_signed(x, 0) == 1;
  bool has_eku = (X509_get_extension_flags(x) & EXFLAG_XKUSAGE) != 0;
  std::uint32_t eku = has_eku ? X509_get_extended_key_usage(x) : 0;
  ERR_clear_error();
  if (ca && self_signed) return pick(dir, {"root-ca"}, "self-signed CA certificate");
  if (ca)
    if (auto other = cross_certified_by(cert, others); !other.empty())
      return pick(dir, {"cross-ca"},
                  "cross-certificate: a CA certificate whose subject name and public key are also "
                  "those of " +
                      other);
  if (ca && (eku & XKU_SSL_SERVER) && X509_get_ext_by_NID(cert, NID_name_constraints, -1) >= 0)
    return pick(dir, {"constrained-tls-subordinate-ca", "tls-subordinate-ca", "subordinate-ca"},
                "CA certificate that is not self-signed, extendedKeyUsage serverAuth, "
                "nameConstraints");
  if (ca && (eku & XKU_SSL_SERVER))
    return pick(dir, {"tls-subordinate-ca", "subordinate-ca"},
                "CA certificate that is not self-signed, extendedKeyUsage serverAuth");
  // The BR set has no plain subordinate: an extKeyUsage without serverAuth makes a non-TLS
  // subordinate (7.1.2.3), none at all is judged as a TLS subordinate, which reports it missing.
  if (ca && has_eku)
    return pick(dir, {"subordinate-ca", "non-tls-subordinate-ca"},
                "CA certificate that is not self-signed, extendedKeyUsage without serverAuth");
  if (ca)
    return pick(dir, {"subordinate-ca", "tls-subordinate-ca"},
                "CA certificate that is not self-signed");
  if (eku & XKU_OCSP_SIGN)
    return pick(dir, {"ocsp-signing", "ocsp-responder"}, "extendedKeyUsage has OCSPSigning");
  if ((eku & XKU_SSL_SERVER) && has_policy(cert, kEvTlsPolicy))
    return pick(dir, {"tls-server-ev", "tls-server"},
                "extendedKeyUsage has serverAuth, EV policy 2.23.140.1.1");
  if (eku & XKU_SSL_SERVER) return pick(dir, {"tls-server"}, "extendedKeyUsage has serverAuth");
  if ((eku & XKU_CODE_SIGN) && has_policy(cert, kEvCodeSigningPolicy))
    return pick(dir, {"code-signing-ev", "code-signing"},
                "extendedKeyUsage has codeSigning, EV policy 2.23.140.1.3");
  if (eku & XKU_CODE_SIGN) return pick(dir, {"code-signing"}, "extendedKeyUsage has codeSigning");
  if (eku & XKU_TIMESTAMP) return pick(dir, {"time-stamping"}, "extendedKeyUsage has timeStamping");
  if (eku & XKU_SSL_CLIENT) return pick(dir, {"client"}, "extendedKeyUsage has clientAuth");
  return {"", "end-entity certificate without an extendedKeyUsage that selects a profile"};
}

ProfileChoice choose_crl_profile(const std::filesystem::path& dir) {
  return pick(dir, {"crl"}, "CRL");
}

}  // namespace kr::lint
