// Line 0's anchor, the trusted keys, and checkpoint note checks.
#include "transcript/trust.h"

#include <algorithm>

#include "transcript/ecdsa_low_s.h"
#include "util/error.h"

namespace kr::transcript {

CeremonyAnchor read_anchor(std::string_view line0, const JsonLimits& limits) {
  std::vector<JsonField> fields;
  try {
    scan_json_object(line0, limits, fields);
  } catch (const JsonError& e) {
    throw Error("line 0: invalid JSON at byte " + std::to_string(e.offset()) + ": " + e.what());
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(line0);
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("line 0: ") + e.what());
  }
  if (!j.contains("type") || j["type"] != "ceremony-started")
    throw Error("line 0: the first line is not the ceremony-started event");
  if (!j.contains("target") || !j["target"].is_string())
    throw Error("line 0: \"target\" is not a string");
  CeremonyAnchor a;
  a.ceremony_id = ceremony_id_from_target(j["target"].get<std::string>());
  a.origin = checkpoint_origin(a.ceremony_id, line0);
  a.roster = read_roster(j);
  return a;
}

TrustedKeys::TrustedKeys(const EVP_PKEY* audit_key) {
  keys_.push_back(audit_verifier_key(audit_key));
}

void TrustedKeys::add_roster(const Roster& roster) {
  for (const auto& [name, pub] : roster.custodians)
    keys_.push_back(make_verifier_key(custodian_key_name(name), kSigEd25519, pub));
}

const NoteVerifierKey* TrustedKeys::find(const std::string& key_name) const {
  for (const auto& k : keys_)
    if (k.key_name == key_name) return &k;
  return nullptr;
}

std::vector<const NoteVerifierKey*> TrustedKeys::all() const {
  std::vector<const NoteVerifierKey*> out;
  for (const auto& k : keys_) out.push_back(&k);
  return out;
}

CheckpointBody check_checkpoint_note(const std::string& note, const std::string& origin,
                                     const TrustedKeys& keys, const std::string& what) {
  auto parsed = parse_note(note, what);
  auto body = parse_checkpoint_body(parsed.text, what);
  if (body.origin != origin)
    throw Error(what + ": origin '" + body.origin + "' is not this transcript's '" + origin + "'");
  if (body.signers.empty() || body.signers.front() != kAuditKeyName)
    throw Error(what + ": the first signer named is not " + std::string(kAuditKeyName));
  for (std::size_t i = 0; i < body.signers.size(); ++i) {
    if (std::find(body.signers.begin(), body.signers.begin() + i, body.signers[i]) !=
        body.signers.begin() + i)
      throw Error(what + ": signer " + body.signers[i] + " is named twice");
    if (!keys.find(body.signers[i]))
      throw Error(what + ": signer " + body.signers[i] +
                  " is neither the audit key nor a custodian on the roster");
  }
  // One form only: exactly one signature line per signer, in the order of the signers line, each
  // from that signer's key. C2SP lets a verifier ignore lines from unknown keys; keyrite's does
  // not, because any line it ignored could be added, removed or reordered without a key and would
  // change the transcript's bytes.
  if (parsed.signatures.size() != body.signers.size())
    throw Error(what + ": the note has " + std::to_string(parsed.signatures.size()) +
                " signature lines; its signers line names " + std::to_string(body.signers.size()) +
                " and keyrite writes exactly one line per signer");
  for (std::size_t i = 0; i < body.signers.size(); ++i) {
    const auto& sig = parsed.signatures[i];
    const auto& name = body.signers[i];
    if (sig.key_name != name)
      throw Error(what + ": signature line " + std::to_string(i + 1) + " is from " + sig.key_name +
                  "; the signers line names " + name + " in that place");
    const NoteVerifierKey* key = keys.find(name);
    if (sig.id != key->id)
      throw Error(what + ": the signature line of " + name + " carries key ID " + to_hex(sig.id) +
                  ", not the key's " + to_hex(key->id));
    if (key->type == kSigEcdsa)
      if (auto problem = ecdsa_p256_form_problem(sig.signature))
        throw Error(what + ": the signature of " + name + ": " + *problem);
    if (!check_signature(*key, parsed.text, sig.signature))
      throw Error(what + ": the signature of " + name + " does not verify");
  }
  return body;
}

}  // namespace kr::transcript
