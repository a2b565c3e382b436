// check_crl_request: the shared CRL rules (crl_profile_rules.h) applied to a CRL template, plus
// what only a request can get wrong (no issuer, a missing CRL number, an unencodable serial).
#include "profile/crl_profile_check.h"

#include <openssl/bn.h>

#include <algorithm>

#include "ossl/types.h"
#include "profile/crl_profile_rules.h"
#include "util/error.h"
#include "x509/key_info.h"
#include "x509/serial.h"

namespace kr::profile {
namespace {

void add(std::vector<Violation>& out, const Problem& p) {
  out.push_back({p.field, p.message, p.id});
}

std::string entry(std::size_t i) {
  return "revoked[" + std::to_string(i) + "]";
}

std::string magnitude_hex(ByteView serial) {
  std::size_t i = 0;
  while (i < serial.size() && serial[i] == 0) ++i;
  return to_hex(serial.subspan(i));
}

void check_entries(const CrlProfile& profile, const x509::CrlTemplate& crl,
                   std::vector<Violation>& out) {
  std::vector<std::pair<std::string, std::size_t>> serials;  // magnitude hex, index
  for (std::size_t i = 0; i < crl.entries.size(); ++i) {
    const auto& e = crl.entries[i];
    try {
      x509::serial_to_asn1(e.serial);
      serials.emplace_back(magnitude_hex(e.serial), i);
    } catch (const Error& err) {
      bool too_long = std::string(err.what()).find("longer") != std::string::npos;
      out.push_back({entry(i) + ".serial", entry(i) + ": " + err.what(),
                     too_long ? "e_crl_entry_serial_too_long" : "e_crl_entry_serial_not_positive"});
    }
    if (e.revocation_date > crl.this_update)
      out.push_back({entry(i) + ".revocation-date",
                     entry(i) + ": revocation date " + format_utc(e.revocation_date) +
                         " is after this-update " + format_utc(crl.this_update),
                     "e_crl_entry_after_this_update"});
    if (e.reason)
      if (auto p = check_crl_reason(profile, static_cast<long>(*e.reason), entry(i),
                                    entry(i) + ".reason"))
        add(out, *p);
  }
  std::stable_sort(serials.begin(), serials.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size() : a.first < b.first;
  });
  for (std::size_t k = 1; k < serials.size(); ++k)
    if (serials[k].first == serials[k - 1].first) {
      std::size_t first = std::min(serials[k - 1].second, serials[k].second);
      std::size_t second = std::max(serials[k - 1].second, serials[k].second);
      out.push_back(
          {entry(second) + ".serial",
           entry(second) + ": serial " + serials[k].first + " is already listed at " + entry(first),
           "e_crl_entry_duplicate"});
    }
}

}  // namespace

std::optional<std::string> default_crl_signature_algorithm(const CrlProfile& profile,
                                                           const EVP_PKEY* issuer_key) {
  x509::KeyInfo key = x509::describe_key(issuer_key);
  auto listed = [&](std::string_view name) {
    return std::find(profile.signature_algorithms.begin(), profile.signature_algorithms.end(),
                     name) != profile.signature_algorithms.end();
  };
  if (key.family == x509::KeyFamily::ec) {
    std::string name = key.curve == "P-256"   ? "ecdsa-with-SHA256"
                       : key.curve == "P-384" ? "ecdsa-with-SHA384"
                       : key.curve == "P-521" ? "ecdsa-with-SHA512"
                                              : "";
    if (!name.empty() && listed(name)) return name;
    return std::nullopt;
  }
  if (key.family != x509::KeyFamily::rsa) return std::nullopt;
  std::optional<std::string> any_rsa;
  for (const auto& name : profile.signature_algorithms) {
    const x509::SignatureAlgorithm* alg = x509::find_signature_algorithm(name);
    if (!alg || alg->family != x509::KeyFamily::rsa) continue;
    if (!alg->pss) return name;
    if (!any_rsa) any_rsa = name;
  }
  return any_rsa;
}

std::vector<Violation> check_crl_request(const CrlProfile& profile, const x509::CrlTemplate& crl,
                                         const std::string& signature_algorithm) {
  std::vector<Violation> out;
  if (!crl.issuer) {
    out.push_back({"issuer", "no issuer certificate was given", "e_crl_issuer_missing"});
  } else {
    const ASN1_OCTET_STRING* ski = X509_get0_subject_key_id(const_cast<X509*>(crl.issuer));
    if (!ski)
      out.push_back({"issuer",
                     "the issuer certificate has no subjectKeyIdentifier for the CRL's "
                     "authorityKeyIdentifier (CPS 7.2.2)",
                     "e_crl_aki_missing"});
    if (auto p = check_crl_issuer_key_usage(crl.issuer)) add(out, *p);
  }
  if (auto p = check_crl_interval(profile, crl.this_update, crl.next_update)) add(out, *p);
  for (const auto& p : check_crl_issuer_validity(crl.issuer, crl.this_update, crl.next_update))
    add(out, p);

  if (crl.crl_number.empty()) {
    out.push_back({"crl-number", "no CRL number was given (CPS 7.2.2)", "e_crl_number_missing"});
  } else {
    // A non-negative INTEGER needs a clear sign bit: bits / 8 + 1 content octets (RFC 5280
    // 5.2.3 allows 20).
    ossl::BignumPtr bn(
        BN_bin2bn(crl.crl_number.data(), static_cast<int>(crl.crl_number.size()), nullptr));
    int octets = bn ? BN_num_bits(bn.get()) / 8 + 1 : 0;
    if (octets > 20)
      out.push_back({"crl-number",
                     "the CRL number is " + std::to_string(octets) +
                         " octets; RFC 5280 5.2.3 allows at most 20",
                     "e_crl_number_too_long"});
  }
  check_entries(profile, crl, out);

  const EVP_PKEY* key = crl.issuer ? X509_get0_pubkey(crl.issuer) : nullptr;
  std::string name = signature_algorithm.empty()
                         ? default_crl_signature_algorithm(profile, key).value_or("")
                         : signature_algorithm;
  if (name.empty()) {
    if (key)
      out.push_back({"signature-algorithm",
                     "the " + profile.name + " profile has no signature algorithm for the " +
                         x509::describe_key(key).text + " issuer key",
                     "e_crl_sig_alg_not_in_profile"});
    return out;
  }
  const x509::SignatureAlgorithm* alg = x509::find_signature_algorithm(name);
  x509::KeyInfo signer = x509::describe_key(key);
  if (!alg)
    out.push_back({"signature-algorithm",
                   "unknown signature algorithm \"" + name + "\"; the " + profile.name +
                       " profile allows " + join_list(profile.signature_algorithms, "or"),
                   "e_crl_sig_alg_not_in_profile"});
  else if (auto p = check_crl_signature_algorithm(profile, alg, name, key ? &signer : nullptr))
    add(out, *p);
  return out;
}

}  // namespace kr::profile
