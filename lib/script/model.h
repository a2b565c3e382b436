// The in-memory form of a ceremony script, as the strict parser (parser.h) produces it.
// Every field keeps the position it came from, so later checks can still name file:line:column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "util/time.h"

namespace kr::script {

// Where a value was written: 1-based line and column, and its YAML path ("steps[1].self-sign.key").
struct Position {
  std::string file;
  int line = 0;
  int column = 0;
  std::string path;
};

struct TokenSpec {
  std::string module;       // "softhsm2", "nss-softokn" or a path to a PKCS#11 library
  std::string init_params;  // optional "module-params" (NSS softokn's configdir string)
  std::string label;
  Position position;
};

struct Roles {
  std::string administrator;
  std::string internal_auditor;          // may hold no other role (CPS 5.2.4)
  std::vector<std::string> custodians;   // distinct names
  Position position;
};

struct Quorum {
  int m = 0;
  int n = 0;
  Position position;
};

// An ordered distinguished name: attribute short names (C, ST, L, O, OU, CN) with values, in the
// order the script gives them, which is the order they appear in the certificate.
using DistinguishedName = std::vector<std::pair<std::string, std::string>>;

enum class KeyType { rsa, ec };
enum class OutputFormat { pem, der };

struct GenerateKey {
  std::string label;
  KeyType type = KeyType::rsa;
  int bits = 0;       // RSA only: 2048, 3072, 4096
  std::string curve;  // EC only: P-256, P-384, P-521
};

struct Validity {
  UtcTime not_before;
  UtcTime not_after;
  Position not_before_position;
  Position not_after_position;
};

struct SelfSign {
  std::string key;      // label of a key generated earlier in the script or already on the token
  std::string profile;  // name of a profile in templates/profiles/
  DistinguishedName subject;
  Validity validity;
  std::string signature_algorithm;  // CPS Appendix A name; empty: the profile's default for the key
  std::string output;               // path relative to the output directory
  OutputFormat format = OutputFormat::pem;
};

struct ExportPublicKey {
  std::string key;
  std::string output;
  OutputFormat format = OutputFormat::pem;
};

using StepBody = std::variant<GenerateKey, SelfSign, ExportPublicKey>;

struct Step {
  std::string id;
  std::string description;
  StepBody body;
  Position position;  // of the step's mapping; path "steps[N]"
  // Position of each named field of the body, for errors found after parsing (for example a
  // validity the profile refuses): key is the field path relative to the body ("validity.not-after").
  std::vector<std::pair<std::string, Position>> field_positions;

  const Position& position_of(const std::string& field) const {
    for (const auto& [name, pos] : field_positions)
      if (name == field) return pos;
    return position;
  }
};

// The step kind's name as written in YAML ("generate-key", ...).
const char* step_kind(const StepBody& body);

// A key a step uses that no generate-key step in the script creates: it must already be on the
// token. One entry per label, at its first use.
struct KeyReference {
  std::string label;
  Position position;  // of the first "key:" value naming it
};

struct Script {
  std::string file;  // as given on the command line
  int version = 1;   // the "keyrite:" field
  std::string ceremony_id;
  std::string description;
  TokenSpec token;
  Roles roles;
  std::optional<Quorum> quorum;
  std::vector<Step> steps;
  std::vector<KeyReference> external_keys;  // the executor checks these on the token
};

}  // namespace kr::script
