// What a verifier trusts and how a checkpoint note is checked against it: the audit key the
// auditor supplies, the custodian keys of the roster in line 0, and the origin line 0 fixes.
// Shared by the transcript verifier and the proof verifier.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transcript/checkpoint.h"
#include "transcript/json_scan.h"
#include "transcript/note.h"
#include "transcript/roster.h"

namespace kr::transcript {

// What line 0 (the ceremony-started event) fixes for the whole transcript.
struct CeremonyAnchor {
  std::string ceremony_id;
  std::string origin;  // keyrite/<ceremony-id>/<16 hex of SHA-256(line 0)>
  std::optional<Roster> roster;
};

// Reads line 0 (checked with the bounded scanner first). Throws kr::Error naming the problem.
CeremonyAnchor read_anchor(std::string_view line0, const JsonLimits& limits);

class TrustedKeys {
 public:
  // Throws kr::Error when the audit key is not an EC P-256 key.
  explicit TrustedKeys(const EVP_PKEY* audit_key);
  void add_roster(const Roster& roster);
  const NoteVerifierKey* find(const std::string& key_name) const;
  std::vector<const NoteVerifierKey*> all() const;

 private:
  std::vector<NoteVerifierKey> keys_;  // the audit key first
};

// Checks a checkpoint note: its body's five lines, the origin, and the signatures: exactly one
// signature line per key the body's "signers" line names, in that order, each with the key's ID
// and a signature that verifies (ECDSA in strict DER, low S). A line from any other key is refused
// (stricter than C2SP, which ignores unknown keys). Throws kr::Error (with `what`).
CheckpointBody check_checkpoint_note(const std::string& note, const std::string& origin,
                                     const TrustedKeys& keys, const std::string& what);

}  // namespace kr::transcript
