// Certificate profiles: CPS Appendix B as data, loaded strictly from
// templates/profiles/<name>.yaml.
//
// Profile file format (version 1; templates/profiles/README.md has the same table with examples).
// Every key below is required unless marked optional; any other key is an error naming
// file:line:column and the YAML path.
//
//   keyrite-profile: 1               format version
//   name: root-ca                    must equal the file name without ".yaml"
//   kind: certificate                what the profile governs (CRL and OCSP kinds come later)
//   description: text                one line for people
//   issuer: self                     self: issuer must equal subject (a root);
//                                    issuer-certificate: issuer must equal the issuing CA's subject
//   validity:
//     max: {years: 25}               years / months / days (each optional, at least one non-zero).
//                                    Calendar arithmetic from not-before, same time of day: the
//                                    limit is not-before + months, with the day clamped to the end
//                                    of the target month (Feb 29 + 25 years = Feb 28 when that year
//                                    is not a leap year), then + days. not-after may equal it.
//   serial:
//     min-random-bits: 64            the serial must have at least this many significant bits
//     max-octets: 20                 DER content octets (RFC 5280 4.1.2.2)
//   subject:
//     required: [C, O, CN]           each exactly once
//     allowed: [C, ST, L, O, OU, CN] superset of required; nothing else may appear
//     cn-not-domain-like: true       optional (default false): CN needs a character other than an
//                                    ASCII letter, digit, ':', '-', '.' or '_' (CPS Appendix B)
//   keys:                            the allowed subject keys (CPS 6.1.5), each with the algorithm
//     - {type: rsa, bits: 2048, default-signature-algorithm: sha256WithRSAEncryption}
//     - {type: ec, curve: P-256, default-signature-algorithm: ecdsa-with-SHA256}
//   signature-algorithms: [...]      CPS Appendix A names (x509/algorithms.h); MD2/MD4/MD5/SHA-1
//                                    names are refused by the loader
//   extensions:                      exactly these, written in this order; anything else is a lint
//     - basic-constraints: {critical: true, ca: true}         path-len: N optional (absent: none)
//     - key-usage: {critical: true, bits: [digitalSignature, keyCertSign, cRLSign]}
//     - subject-key-identifier: {critical: false}             RFC 5280 4.2.1.2 method 1
//     - authority-key-identifier: {critical: false}           keyIdentifier = issuer's SKI only
//     - certificate-policies: {critical: false, required: [1.3.187.1], default: [..], one-of: [..]}
//     - authority-info-access: {critical: false, ca-issuers: [url], ocsp: [url]}   URLs optional
//     - crl-distribution-points: {critical: false, uris: [url]}                      URLs optional
//     - extended-key-usage: {critical: false, purposes: [serverAuth], required: [..], may-also:
//     [..]}
//     - ocsp-no-check: {critical: false}
//     - name-constraints: {critical: true, technically-constrained-tls: true}  subtrees: settings
//     - subject-alt-name: {critical: false, min-names: 1, wildcards: false,
//                          require-permanent-identifier: true}        names come from settings
//     Every item may also say optional: true (the lint accepts the certificate without it).
//   settings:                        optional; what a ceremony script may set, nothing else
//     - ca-issuers                   also ocsp, crl-distribution-points, policies, dns-names,
//     - path-length: {max: 0}        ip-addresses, emails, permanent-identifier
//   cross-certificate: true          optional: subject, key and SKI come from an existing
//   certificate
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x509/algorithms.h"
#include "x509/extension_spec.h"

namespace kr::profile {

// A calendar length; see the format notes above for how it is added to a time.
struct Period {
  int years = 0;
  int months = 0;
  int days = 0;
};

enum class IssuerRule { self, issuer_certificate };

struct SubjectRule {
  std::vector<std::string> required;
  std::vector<std::string> allowed;
  bool cn_not_domain_like = false;
  bool cn_in_san = false;  // a CN must be one of the subjectAltName dNSNames or iPAddresses
  // Attributes a script may ask to write as PrintableString (subject-printable); the others are
  // UTF8String, except C and the other attributes X.520 defines as PrintableString.
  std::vector<std::string> printable;
};

// What a ceremony script may set (x509::ExtensionSettings, plus the code-signing permanent
// identifier), by the names scripts and messages use: "path-length", "ca-issuers", ...
enum class Setting {
  path_length,
  ca_issuers,
  ocsp,
  crl_distribution_points,
  policies,
  policy_qualifiers,   // qualifiers (CPS URI, user notice) for policies the certificate carries
  extended_key_usage,  // purposes among the profile's purposes and may-also
  dns_names,
  ip_addresses,
  emails,
  permanent_identifier,
  name_constraints,  // nameConstraints permitted and excluded subtrees
};
std::string_view setting_name(Setting s);
std::optional<Setting> setting_from_name(std::string_view name);

// One permitted setting and its limits.
struct SettingRule {
  Setting setting = Setting::path_length;
  int max_path_length = 0;  // path-length only: the largest value a script may ask for
};

struct SerialRule {
  int min_random_bits = 64;
  int max_octets = 20;
};

struct KeySpec {
  x509::KeyFamily family = x509::KeyFamily::rsa;
  int rsa_bits = 0;   // rsa
  std::string curve;  // ec: P-256, P-384, P-521
  std::string default_signature_algorithm;
  std::string text() const;  // "RSA 2048-bit" / "P-256", as x509::describe_key writes keys
};

struct Profile {
  std::string name;
  std::string description;
  std::filesystem::path source;  // the file it was loaded from
  IssuerRule issuer = IssuerRule::self;
  Period max_validity;
  SerialRule serial;
  SubjectRule subject;
  std::vector<KeySpec> keys;
  std::vector<std::string> signature_algorithms;
  std::vector<x509::ExtensionSpec> extensions;
  std::vector<SettingRule> settings;  // empty: a script may set nothing
  bool cross_certificate = false;     // subject, key and SKI come from an existing certificate
};

// The rule for a setting, or nullptr when the profile does not let a script set it.
const SettingRule* find_setting(const Profile& p, Setting s);

// Loads profiles_dir/<name>.yaml. Throws kr::Error "<file>:<line>:<column>: <path>: <message>" for
// any problem; name must be lower-case letters, digits and '-' (it becomes a file name), with at
// most one '/' after a profile-set name: "cabf-br/root-ca" is profiles_dir/cabf-br/root-ca.yaml,
// whose `name:` is root-ca. Profile::name is then "cabf-br/root-ca", as messages show it.
// The profile sets: the files in profiles_dir itself are the CPS set ("cps"); each folder is one
// more set (cabf-br: the CA/Browser Forum TLS Baseline Requirements 7.1.2).
Profile load_profile(const std::filesystem::path& profiles_dir, const std::string& name);

// The installed profiles: data_dir()/profiles (util/data_dir.h; templates/profiles in the source).
std::filesystem::path default_profiles_dir();

// "cabf-br" + "root-ca" -> "cabf-br/root-ca"; the CPS set ("" or "cps") leaves the name alone.
std::string profile_in_set(const std::string& set, const std::string& name);
// The folder of a set under a profiles directory (the directory itself for "" and "cps");
// throws kr::Error for a set name that is not [a-z0-9-]+.
std::filesystem::path profile_set_dir(const std::filesystem::path& profiles_dir,
                                      const std::string& set);

}  // namespace kr::profile
