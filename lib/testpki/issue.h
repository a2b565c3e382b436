// One certificate of the hierarchy, from its node's spec and its issuer: the profile's request
// check (whose violations name the spec's FILE:LINE:COLUMN), the profile's template, the node's
// defect, and the seeded signature.
#pragma once

#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "ossl/types.h"
#include "profile/profile.h"
#include "testpki/seeded_random.h"
#include "testpki/spec.h"

namespace kr::testpki {

// A certificate made, with what its children need.
struct Made {
  std::string name;  // the instance's name ("web-7")
  const NodeSpec* spec = nullptr;
  ossl::X509Ptr cert;
  EVP_PKEY* key = nullptr;       // the subject's private key (a cross node: the certified node's)
  ossl::EvpPkeyPtr own_key;      // owned here unless the key belongs to another node
  const Made* issuer = nullptr;  // nullptr for a root
};

class SignerCache;

// Whether issue() runs the profile's request check. The copies of a count: node differ only in
// the digits {n} expands to, so generate() checks the first and the last (longest) copy before
// anything is written and the workers skip it for the copies in between.
enum class RequestCheck { run, skip };

struct IssueContext {
  const SeededLibrary& library;
  UtcTime reference;
  const profile::Profile& profile;
  SignerCache* signers = nullptr;  // a worker's signing contexts; nullptr: set up per signature
  RequestCheck check = RequestCheck::run;
};

// Makes instance n (1-based) of `node` under `issuer` (nullptr for a root). `certified` is the
// CA a cross node certifies again. Profile violations are added to `diagnostics` (except the one
// the node's defect asks for) and nothing is returned for them; other failures throw.
std::optional<Made> issue(const IssueContext& context, const NodeSpec& node, int n,
                          const Made* issuer, const Made* certified,
                          config::Diagnostics& diagnostics);

// The validity a node gets: its own, or the kind's default (CAs: from 30 days before the reference
// time, 20 years for a root, 10 for the others; leaves: from a day before, 90 days).
std::pair<UtcTime, UtcTime> node_validity(const NodeSpec& node, UtcTime reference);

// The profile a node gets: its own, or test-root-ca, test-intermediate-ca, test-cross-ca,
// test-tls-server by kind.
std::string node_profile(const NodeSpec& node);

}  // namespace kr::testpki
