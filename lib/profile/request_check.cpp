// check_request: the same rules the lint applies afterwards (rules*.h), applied to the script's
// values, plus the questions only a request raises (an unknown algorithm name, a missing issuer,
// settings the profile does not permit).
#include "profile/request_check.h"

#include <algorithm>

#include "ossl/error.h"
#include "profile/apply_settings.h"
#include "profile/request_settings.h"
#include "profile/rules.h"
#include "profile/rules_issuer.h"
#include "profile/rules_san.h"
#include "x509/key_info.h"

namespace kr::profile {
namespace {

const EVP_PKEY* signing_key(const CertificateRequest& r) {
  if (r.issuer) return X509_get0_pubkey(r.issuer);
  return r.public_key ? r.public_key : r.existing ? X509_get0_pubkey(r.existing) : nullptr;
}

void add(std::vector<Violation>& out, const Problem& p) {
  out.push_back({p.field, p.message, p.id});
}

// What the certificate will certify: the request's own subject and key, or for a
// cross-certificate the existing certificate's (checked against the request's when it has any).
struct Subject {
  x509::DistinguishedName name;
  const EVP_PKEY* key = nullptr;
};

Subject cross_subject(const Profile& p, const CertificateRequest& r, std::vector<Violation>& out) {
  Subject s{r.subject, r.public_key};
  if (!p.cross_certificate) {
    if (r.existing)
      out.push_back({"existing-certificate",
                     "the " + p.name +
                         " profile does not cross-certify an existing certificate; use a "
                         "cross-certificate profile such as cross-ca",
                     "e_setting_not_permitted"});
    return s;
  }
  if (!r.existing) {
    out.push_back({"existing-certificate",
                   "the " + p.name +
                       " profile needs the existing certificate whose subject and key it "
                       "certifies",
                   "e_cross_existing_missing"});
    return s;
  }
  auto existing_name = x509::read_name(X509_get_subject_name(r.existing));
  const EVP_PKEY* existing_key = X509_get0_pubkey(r.existing);
  if (!r.subject.empty() && r.subject != existing_name)
    out.push_back({"subject",
                   "the subject is not the existing certificate's subject \"" +
                       x509::name_text(X509_get_subject_name(r.existing)) + "\"",
                   "e_cross_subject_mismatch"});
  if (r.public_key && (!existing_key || EVP_PKEY_eq(r.public_key, existing_key) != 1))
    out.push_back(
        {"key", "the public key is not the existing certificate's key", "e_cross_key_mismatch"});
  ossl::drain_errors();
  if (!(X509_get_extension_flags(const_cast<X509*>(r.existing)) & EXFLAG_CA))
    out.push_back({"existing-certificate",
                   "the existing certificate \"" +
                       x509::name_text(X509_get_subject_name(r.existing)) +
                       "\" is not a CA certificate; only CA certificates are cross-certified",
                   "e_cross_existing_not_ca"});
  return {existing_name, existing_key};
}

void check_issuer(const Profile& profile, const CertificateRequest& r, const Subject& subject,
                  std::vector<Violation>& out) {
  if (profile.issuer == IssuerRule::self) {
    if (r.issuer)
      out.push_back({"issuer", "the " + profile.name + " profile is for self-signed certificates",
                     "e_issuer_subject_mismatch"});
    return;
  }
  if (!r.issuer) {
    out.push_back({"issuer", "the " + profile.name + " profile needs an issuing CA certificate",
                   "e_issuer_missing"});
    return;
  }
  for (const auto& p : check_issuer_certificate(profile, r.issuer)) add(out, p);
  for (const auto& p : check_within_issuer(r.not_before, r.not_after, r.issuer)) add(out, p);
  if (auto p = check_not_issuer_key(subject.key, r.issuer)) add(out, *p);
}

SanContent san_content(const Profile& profile, const CertificateRequest& r) {
  auto specs = apply_settings(profile, r);
  const auto* san = x509::find_extension<x509::SubjectAltName>(specs);
  if (!san) return {};
  return {san->dns_names, san->ip_addresses, san->emails, san->permanent_identifiers, {}};
}

}  // namespace

std::optional<std::string> default_signature_algorithm(const Profile& profile,
                                                       const EVP_PKEY* key) {
  const KeySpec* spec = find_key_spec(profile, x509::describe_key(key));
  if (!spec) return std::nullopt;
  return spec->default_signature_algorithm;
}

std::string effective_signature_algorithm(const Profile& profile, const CertificateRequest& r) {
  if (!r.signature_algorithm.empty()) return r.signature_algorithm;
  return default_signature_algorithm(profile, signing_key(r)).value_or("");
}

// X.680 PrintableString: letters, digits, space and '()+,-./:=?
bool printable_string(const std::string& value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view(" '()+,-./:=?").find(c) != std::string_view::npos;
  });
}

void check_printable(const Profile& profile, const CertificateRequest& r,
                     std::vector<Violation>& out) {
  for (const auto& type : r.subject_printable) {
    std::string field = "subject-printable." + type;
    const auto& allowed = profile.subject.printable;
    if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
      out.push_back({field,
                     "the " + profile.name + " profile does not let a script write " + type +
                         " as PrintableString" +
                         (allowed.empty() ? "" : " (it allows " + join_list(allowed, "and") + ")"),
                     "e_subject_string_type"});
      continue;
    }
    bool present = false;
    for (const auto& [t, value] : r.subject) {
      if (t != type) continue;
      present = true;
      if (!printable_string(value))
        out.push_back({field,
                       type + " \"" + value +
                           "\" holds characters a PrintableString cannot (letters, digits, space "
                           "and '()+,-./:=? only)",
                       "e_subject_string_type"});
    }
    if (!present) out.push_back({field, "the subject has no " + type, "e_subject_string_type"});
  }
}

std::vector<Violation> check_request(const Profile& profile, const CertificateRequest& r) {
  std::vector<Violation> out;
  Subject subject = cross_subject(profile, r, out);
  for (const auto& p : check_subject(profile, subject.name)) add(out, p);
  check_printable(profile, r, out);
  if (auto p = check_validity(profile, r.not_before, r.not_after)) add(out, *p);

  x509::KeyInfo key = x509::describe_key(subject.key);
  if (!subject.key)
    out.push_back({"key", "no public key was given", "e_key_unreadable"});
  else if (auto p = check_key(profile, key))
    add(out, *p);

  check_issuer(profile, r, subject, out);
  for (const auto& p : check_settings(profile, r)) add(out, p);
  for (const auto& p : check_subject_with_san(profile, subject.name, san_content(profile, r)))
    add(out, p);

  const EVP_PKEY* signer_key = signing_key(r);
  x509::KeyInfo signer = x509::describe_key(signer_key);
  std::string name = effective_signature_algorithm(profile, r);
  if (name.empty()) return out;  // no default because the key is not allowed: already reported
  const x509::SignatureAlgorithm* alg = x509::find_signature_algorithm(name);
  if (!alg)
    out.push_back({"signature-algorithm",
                   "unknown signature algorithm \"" + name + "\"; the " + profile.name +
                       " profile allows " + join_list(profile.signature_algorithms, "or"),
                   "e_sig_alg_not_in_profile"});
  else if (auto p = check_signature_algorithm(profile, alg, name, signer_key ? &signer : nullptr))
    add(out, *p);
  return out;
}

}  // namespace kr::profile
