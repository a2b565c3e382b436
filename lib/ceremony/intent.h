// Intents and outcomes: before a step signs or writes an artifact, or makes a key, it records
// what it is about to do (artifact-intent: kind, target, to-be-signed hash); the step's own event
// (certificate-signed, crl-signed, key-generated, ...) is the outcome. When the step fails, every
// intent it left open is settled by an artifact-abandoned event saying what was, and was not, left
// behind. So after any failure every signed object is recorded, and after a crash a file on disk
// is either recorded or provably from the interrupted step (its target and hash are in the open
// intent). docs/transcript-format.md "Intents and outcomes" is the format.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kr::script {
struct Step;
}

namespace kr::ceremony {

struct Context;

struct OpenIntent {
  std::uint64_t seq = 0;  // the artifact-intent line
  std::string
      kind;  // "certificate", "CRL", "CSR", "OCSP response", "public key", "key", "key backup"
  std::string target;                    // "file:<output>" or "key:<label>"
  std::string written_sha256;            // set once the file is in place (write_output)
  std::vector<std::string> left_behind;  // what a failure left on the token or disk, in words
  // Run when the intent is abandoned in a live process (for example: release a reserved CRL
  // number that was never used). Returns what it did, for the record.
  std::function<std::string()> on_abandon;
};

// Appends the artifact-intent event and opens the intent. `details` gains kind and target.
OpenIntent& record_intent(Context& ctx, const script::Step& step, const std::string& kind,
                          const std::string& target, nlohmann::ordered_json details);

// The step ended well: its events are the outcomes; close every intent.
void settle_intents(Context& ctx);

// The step failed: one artifact-abandoned event per open intent, after running its on_abandon.
// Never throws (a failure to record is reported on ctx.out): the step's own error matters more.
void abandon_intents(Context& ctx, const script::Step& step, const std::string& why) noexcept;

// Notes that `relative` (a step output) is now in place with this SHA-256.
void note_written(Context& ctx, const std::string& relative, const std::string& sha256);

}  // namespace kr::ceremony
