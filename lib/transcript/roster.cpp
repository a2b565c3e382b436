// Reading and writing the roster in line 0.
#include "transcript/roster.h"

#include "transcript/note.h"
#include "util/base64.h"
#include "util/display_name.h"
#include "util/error.h"

namespace kr::transcript {

std::optional<Roster> read_roster(const nlohmann::json& line0) {
  auto details = line0.find("details");
  if (details == line0.end() || !details->is_object())
    throw Error("line 0: \"details\" is not an object");
  auto r = details->find("roster");
  if (r == details->end()) return std::nullopt;
  const std::string at = "line 0: details.roster";
  if (!r->is_object()) throw Error(at + " is not an object");
  Roster roster;
  for (auto& [key, value] : r->items()) {
    if (key == "set-id") {
      if (!value.is_string()) throw Error(at + ".set-id is not a string");
      roster.set_id = value.get<std::string>();
    } else if (key == "m" || key == "n") {
      if (!value.is_number_unsigned())
        throw Error(at + "." + key + " is not a non-negative integer");
      (key == "m" ? roster.m : roster.n) = value.get<std::uint64_t>();
    } else if (key == "custodians") {
      if (!value.is_object()) throw Error(at + ".custodians is not an object");
      for (auto& [name, pub] : value.items()) {
        std::string where = at + ".custodians." + name;
        if (auto problem = display_name_problem(name, "custodian name"))
          throw Error(where + ": " + *problem);
        auto raw = pub.is_string() ? base64_decode(pub.get<std::string>()) : std::nullopt;
        if (!raw || raw->size() != 32)
          throw Error(where + " is not base64 of a 32-byte Ed25519 public key");
        roster.custodians[name] = *raw;
      }
    } else {
      throw Error(at + ": unknown field \"" + key + "\"");
    }
  }
  for (const char* required : {"set-id", "m", "n", "custodians"})
    if (!r->contains(required)) throw Error(at + ": missing \"" + std::string(required) + "\"");
  if (roster.m < 1 || roster.m > roster.n || roster.n != roster.custodians.size())
    throw Error(at + ": needs 1 <= m <= n and exactly n custodians (m=" + std::to_string(roster.m) +
                ", n=" + std::to_string(roster.n) + ", " +
                std::to_string(roster.custodians.size()) + " custodians)");
  return roster;
}

nlohmann::ordered_json roster_json(const Roster& roster) {
  nlohmann::ordered_json j;
  j["set-id"] = roster.set_id;
  j["m"] = roster.m;
  j["n"] = roster.n;
  j["custodians"] = nlohmann::ordered_json::object();
  for (const auto& [name, pub] : roster.custodians) j["custodians"][name] = base64_encode(pub);
  return j;
}

// The display name stays in the roster; the key name carries its token (spaces as %20), which
// the signed-note format allows.
std::string custodian_key_name(const std::string& name) {
  return kCustodianKeyPrefix + name_token(name);
}

}  // namespace kr::transcript
