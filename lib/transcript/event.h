// The ceremony event: the one definition of what every event line holds (CPS 5.4.1). Checkpoint
// lines, the other kind of transcript line, are defined in checkpoint.h.
//
// Field order on disk is fixed, so two runs that do the same thing write the same shape:
//   seq       0, 1, 2 ... with no gaps
//   type      what happened ("ceremony-started", "key-generated", ...; see EventType)
//   time      UTC with milliseconds, "2026-11-22T23:45:51.123Z"
//   outcome   "success" or "failure"
//   operator  the person at the keyboard (the script's administrator)
//   target    what was acted on: "key:root-ca-1", "file:root-ca-1.crt", "token:root-hsm"
//   cause     why: the step id that asked for it, or the error that ended it
//   step      the step id, "" for ceremony-level events
//   inputs    [{"name": ..., "sha256": ...}] every file or object read
//   outputs   [{"name": ..., "sha256": ...}] every file written or object created
//   details   step-specific facts (fingerprints, CKA_ID, serial, validity); never a secret
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kr::transcript {

enum class EventType {
  ceremony_started,
  preflight_passed,
  token_opened,
  key_generated,
  certificate_signed,
  csr_signed,
  crl_signed,
  ocsp_response_signed,
  public_key_exported,
  step_failed,
  ceremony_finished,
  ceremony_failed,
  approval_recorded,  // one custodian's signed approval of one step (details: custodian, signature)
  quorum_reached,     // m distinct approvals for a step are present; the step may run
  quorum_failed,      // fewer than m valid approvals; the step does not run
  custodian_locked_out,  // a custodian exceeded the allowed failed attempts
  key_backed_up,
  key_restored,
  key_destroyed,
  // Crash and fault records (docs/transcript-format.md, "Intents and outcomes"):
  artifact_intent,  // before a file is signed or written, or a key made: what, where, to-be-signed
                    // hash
  artifact_abandoned,  // an intent the failing step did not complete: what was (not) left behind
  crl_number_skipped,  // a reserved CRL number that never became a CRL, skipped for good
  pkcs11_retried,      // pkcs11-helper logged in again and retried a failed private-key operation
  stale_files_found,   // temporary files of an interrupted earlier run in the output directory
  ceremony_paused,     // too few custodians to go on: a clean stop at a step boundary, resumable
  ceremony_resumed,    // kr-ceremony resume checked the transcript, outputs and keys, and goes on
};

enum class Outcome { success, failure };

struct Digest {
  std::string name;    // file path (relative to the output directory) or object name
  std::string sha256;  // lower-case hex
};

struct Event {
  EventType type = EventType::ceremony_started;
  Outcome outcome = Outcome::success;
  std::string operator_name;
  std::string target;
  std::string cause;
  std::string step;
  std::vector<Digest> inputs;
  std::vector<Digest> outputs;
  nlohmann::ordered_json details = nlohmann::ordered_json::object();
};

const char* to_string(EventType type);
// The inverse of to_string; nullopt for a name keyrite does not write.
std::optional<EventType> event_type_from_string(std::string_view name);
const char* to_string(Outcome outcome);

// The JSON line for an event, fields in the fixed order above (no trailing newline).
std::string to_json_line(const Event& event, std::uint64_t seq, const std::string& time);

}  // namespace kr::transcript
