// check_request: the same rules the lint applies afterwards (rules.h), applied to the script's
// values, plus the questions only a request raises (an unknown algorithm name, a missing issuer).
#include "profile/request_check.h"

#include "profile/rules.h"
#include "x509/key_info.h"

namespace kr::profile {
namespace {

const EVP_PKEY* signing_key(const CertificateRequest& r) {
  return r.issuer ? X509_get0_pubkey(r.issuer) : r.public_key;
}

void add(std::vector<Violation>& out, const Problem& p) {
  out.push_back({p.field, p.message, p.id});
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

std::vector<Violation> check_request(const Profile& profile, const CertificateRequest& r) {
  std::vector<Violation> out;
  for (const auto& p : check_subject(profile, r.subject)) add(out, p);
  if (auto p = check_validity(profile, r.not_before, r.not_after)) add(out, *p);

  x509::KeyInfo key = x509::describe_key(r.public_key);
  if (!r.public_key)
    out.push_back({"key", "no public key was given", "e_key_unreadable"});
  else if (auto p = check_key(profile, key))
    add(out, *p);

  if (profile.issuer == IssuerRule::issuer_certificate && !r.issuer)
    out.push_back({"issuer", "the " + profile.name + " profile needs an issuing CA certificate",
                   "e_issuer_missing"});
  if (profile.issuer == IssuerRule::self && r.issuer)
    out.push_back({"issuer", "the " + profile.name + " profile is for self-signed certificates",
                   "e_issuer_subject_mismatch"});

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
