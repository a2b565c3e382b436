// A small test hierarchy made with software keys from the shipped profiles: a root (root-ca), an
// issuing CA (subordinate-ca) and, for every profile, a request that fits it. The tests change
// one thing at a time in these requests and assert what the check and the lint say.
#pragma once

#include <map>
#include <string>

#include "unit/profile/profile_support.h"
#include "x509/extension_settings.h"

// Everything here is in kr::test::pki: other test helpers in kr::test define their own test_root
// and at, and inline functions with one name and different bodies would silently merge.
namespace kr::test::pki {

inline const char* const kCertificateProfiles[] = {"root-ca",
                                                   "subordinate-ca",
                                                   "external-subordinate-ca",
                                                   "tls-subordinate-ca",
                                                   "cross-ca",
                                                   "tls-server",
                                                   "tls-server-ev",
                                                   "code-signing",
                                                   "code-signing-ev",
                                                   "client",
                                                   "ocsp-signing",
                                                   "time-stamping"};

// Profiles whose certificates are CA certificates issued by another CA.
inline bool issued_ca_profile(const std::string& name) {
  return name == "subordinate-ca" || name == "external-subordinate-ca" ||
         name == "tls-subordinate-ca" || name == "cross-ca";
}

inline const profile::Profile& profile_named(const std::string& name) {
  static std::map<std::string, profile::Profile> cache;
  auto it = cache.find(name);
  if (it == cache.end())
    it = cache.emplace(name, profile::load_profile(profile::default_profiles_dir(), name)).first;
  return it->second;
}

struct Ca {
  ossl::X509Ptr cert;
  EVP_PKEY* key = nullptr;
};

// A key of its own for each role, so no certificate certifies its issuer's key.
inline EVP_PKEY* role_key(const std::string& role, const char* curve = "P-256") {
  static std::map<std::string, ossl::EvpPkeyPtr> keys;
  auto& slot = keys[role];
  if (!slot) slot = ec_key(curve);
  return slot.get();
}

inline UtcTime utc(const char* text) {
  return *parse_utc(text);
}

// The issuing CA's URLs, as a ceremony script would give them.
inline x509::ExtensionSettings ca_urls() {
  x509::ExtensionSettings s;
  s.ca_issuers = {"http://crt.example.com/root.cer"};
  s.ocsp = {"http://ocsp.example.com"};
  s.crl_distribution_points = {"http://crl.example.com/root.crl"};
  return s;
}

// Example Root CA 1: P-384, 2025-01-01 to 2050-01-01 (25 years, the root-ca maximum).
inline const Ca& root() {
  static const Ca ca = [] {
    EVP_PKEY* key = role_key("root", "P-384");
    auto r = root_request(key);
    r.not_before = utc("2025-01-01T00:00:00Z");
    r.not_after = utc("2050-01-01T00:00:00Z");
    return Ca{make_certificate(r), key};
  }();
  return ca;
}

// The EV Guidelines 9.2 subject attributes an EV profile requires.
inline const x509::DistinguishedName& ev_attributes() {
  static const x509::DistinguishedName attributes{{"businessCategory", "Private Organization"},
                                                  {"jurisdictionC", "US"},
                                                  {"jurisdictionST", "Delaware"},
                                                  {"serialNumber", "5157550"}};
  return attributes;
}

// The request each profile's tests start from: issued by `issuer`, fitting the profile exactly.
inline profile::CertificateRequest good_request(const std::string& name, const Ca& issuer,
                                                EVP_PKEY* key = role_key("subscriber")) {
  profile::CertificateRequest r;
  r.public_key = key;
  r.issuer = issuer.cert.get();
  r.not_before = utc("2025-06-01T00:00:00Z");
  r.settings = ca_urls();
  if (issued_ca_profile(name)) {
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Issuing CA 1"}};
    r.not_after = utc("2035-06-01T00:00:00Z");
    r.settings.policies = {"2.23.140.1.2.1"};
  } else if (name == "tls-server" || name == "tls-server-ev") {
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "www.example.com"}};
    r.not_after = utc("2027-06-01T00:00:00Z");
    r.settings.dns_names = {"www.example.com", "example.com"};
    if (name == "tls-server") r.settings.ip_addresses = {"192.0.2.10", "2001:db8::10"};
    if (name == "tls-server-ev")
      r.subject.insert(r.subject.end(), ev_attributes().begin(), ev_attributes().end());
  } else if (name == "code-signing" || name == "code-signing-ev") {
    r.subject = {{"C", "US"}, {"O", "Example Software"}, {"CN", "Example Software Ltd"}};
    r.not_after = utc("2027-06-01T00:00:00Z");
    r.permanent_identifier = "EX-REG-12345";
    if (name == "code-signing-ev")
      r.subject.insert(r.subject.end(), ev_attributes().begin(), ev_attributes().end());
  } else if (name == "client") {
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Alice Example"}};
    r.not_after = utc("2027-06-01T00:00:00Z");
    r.settings.emails = {"alice@example.com"};
  } else if (name == "ocsp-signing") {
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Issuing CA 1 OCSP"}};
    r.not_after = utc("2026-06-01T00:00:00Z");
    r.settings = {};
  } else if (name == "time-stamping") {
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Time Stamping 1"}};
    r.not_after = utc("2030-06-01T00:00:00Z");
  }
  return r;
}

// Example Issuing CA 1: subordinate-ca, P-256, path length 0, under root().
inline const Ca& issuing_ca() {
  static const Ca ca = [] {
    EVP_PKEY* key = role_key("issuing-ca");
    auto r = good_request("subordinate-ca", root(), key);
    r.settings.path_length = 0;
    return Ca{make_certificate(r, {}, root().key, profile_named("subordinate-ca")), key};
  }();
  return ca;
}

// Example Root CA 2 (a second root, P-256): what cross-ca certifies again under root().
inline const Ca& second_root() {
  static const Ca ca = [] {
    EVP_PKEY* key = role_key("second-root");
    auto r = root_request(key);
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Root CA 2"}};
    r.not_before = utc("2025-01-01T00:00:00Z");
    r.not_after = utc("2050-01-01T00:00:00Z");
    return Ca{make_certificate(r), key};
  }();
  return ca;
}

// Builds, signs with the issuer's key and re-parses a certificate for a request of `name`.
inline ossl::X509Ptr issue(const std::string& name, const profile::CertificateRequest& r,
                           const Ca& issuer, std::function<void(X509*)> tweak = {}) {
  return make_certificate(r, std::move(tweak), issuer.key, profile_named(name));
}

inline std::vector<std::string> violation_ids(const std::vector<profile::Violation>& v) {
  std::vector<std::string> out;
  for (const auto& x : v) out.push_back(x.id);
  return out;
}

}  // namespace kr::test::pki
