// The custodian roster embedded in line 0 (details.roster), from which the verifier takes the
// custodians' Ed25519 keys for checkpoint cosignatures and the replay takes m for quorum checks:
//   "roster": {"set-id": "...", "m": 3, "n": 5,
//              "custodians": {"Cara": "<base64 Ed25519 public key>", ...}}
// Its authority is the audit key's signature over line 0 (every checkpoint covers line 0).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "util/bytes.h"

namespace kr::transcript {

struct Roster {
  std::string set_id;
  std::uint64_t m = 0, n = 0;
  std::map<std::string, Bytes> custodians;  // name -> raw 32-byte Ed25519 public key
};

// Reads details.roster of line 0; nullopt when line 0 has none. Throws kr::Error naming the field.
std::optional<Roster> read_roster(const nlohmann::json& line0);

// The JSON value to put in details["roster"] of the ceremony-started event.
nlohmann::ordered_json roster_json(const Roster& roster);

// "custodian/<token>": the note key name of a custodian's cosignature, where <token> is
// name_token(name) (util/display_name.h): "Ana Ortiz" signs as "custodian/Ana%20Ortiz".
std::string custodian_key_name(const std::string& name);

}  // namespace kr::transcript
