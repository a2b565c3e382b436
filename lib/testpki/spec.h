// A test hierarchy as kr-testpki's spec file describes it (README "kr-testpki spec fields" has
// the table). Every value keeps the position it was written at, so a problem found later (a
// profile refusing a subject, say) still names FILE:LINE:COLUMN.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "util/time.h"

namespace kr::testpki {

enum class NodeKind { root, intermediate, cross, leaf };
const char* node_kind_name(NodeKind kind);

struct KeySpec {
  enum class Family { rsa, ec } family = Family::ec;
  int bits = 0;                 // rsa
  std::string curve = "P-256";  // ec
  std::string text() const;     // "RSA-2048", "P-256": the spec's own spelling
};
// "RSA-2048", "RSA-3072", "RSA-4096", "P-256", "P-384", "P-521"; nullopt otherwise.
std::optional<KeySpec> parse_key_spec(const std::string& text);

// A time relative to the reference time (seconds; "-1d" is -86400) or absolute.
struct TimeSpec {
  bool absolute = false;
  long long offset = 0;
  UtcTime at{};
  UtcTime resolve(UtcTime reference) const {
    return absolute ? at : reference + std::chrono::seconds(offset);
  }
};
// "30s", "15m", "2h", "90d", "2w", "10y" (365 days), with an optional sign; nullopt otherwise.
std::optional<long long> parse_duration(const std::string& text);

struct ValiditySpec {
  TimeSpec not_before;
  std::optional<TimeSpec> not_after;  // absolute or relative to the reference time
  std::optional<long long> lifetime;  // seconds after not-before
  config::Position position;
};

struct RevocationSpec {
  std::string reason;  // empty: no reasonCode; else an RFC 5280 name (keyCompromise, ...)
  config::Position position;
};

struct NodeSpec {
  std::string name;  // may hold {n} when count > 1
  NodeKind kind = NodeKind::leaf;
  std::string issuer;     // empty for a root
  std::string certifies;  // cross only: the CA node certified again
  KeySpec key;
  std::string profile;
  std::vector<std::pair<std::string, std::string>> subject;
  std::vector<std::string> dns, ip, email;
  std::vector<std::string> eku;       // key purpose names or OIDs; empty: the profile's
  std::vector<std::string> policies;  // dotted OIDs; empty: the profile's default
  std::optional<int> path_length;
  std::string signature_algorithm;  // empty: the profile's default for the issuer's key
  ValiditySpec validity;
  int count = 1;
  bool ocsp = false;
  std::optional<RevocationSpec> revoked;
  std::string defect;
  std::vector<std::string> outputs;  // crt, der, key, chain, fullchain, p12
  bool outputs_explicit = false;     // false: every kind (p12 only with a password)
  std::string pkcs12_password;       // "" : the spec's; p12 needs one
  // A CA node's base URL (http or https, no trailing '/'): the certificates it issues point at
  // BASE/ISSUER.der (caIssuers), BASE/ocsp (OCSP) and BASE/ISSUER.crl (cRLDistributionPoints),
  // which is the output directory served over HTTP at BASE. Empty: no AIA, no CRL DP.
  std::string base_url;
  config::Position position;  // of the node's mapping
  config::Position name_position, issuer_position, key_position, profile_position, subject_position,
      san_position, defect_position, count_position, certifies_position, outputs_position,
      base_url_position;
};

struct Spec {
  std::string file;
  std::optional<UtcTime> reference_time;
  std::string pkcs12_password;
  std::vector<NodeSpec> nodes;
};

// Every output kind, in the order files are written and listed.
const std::vector<std::string>& output_kinds();

}  // namespace kr::testpki
