// What every artifact replay reads: the verified transcript lines, the embedded script with its
// located inputs, and the profiles. And the shared steps: finding a step's event, reading its
// output file against the recorded SHA-256 (naming a swap when the file is another step's
// artifact), reading an input against its recorded hash, and the public key a generate-key step
// recorded.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "ossl/types.h"
#include "replay/embedded_script.h"
#include "replay/transcript_lines.h"
#include "replay/verdict.h"
#include "util/bytes.h"

namespace kr::replay {

struct ArtifactContext {
  const TranscriptLines& lines;
  const EmbeddedScript& script;
  std::filesystem::path profiles_dir;
};

// The last event of `type` for `step`; nullptr when there is none.
const Line* find_event(const ArtifactContext& c, const std::string& step, const std::string& type);

// The step's `type` event. When there is none, marks the step not checked (it failed during the
// ceremony, or never ran) and returns nullptr.
const Line* require_event(const ArtifactContext& c, const std::string& step,
                          const std::string& type, StepVerdict& verdict);

// details.<name> as a string; "" when absent or not a string.
std::string detail(const Line& event, const char* name);

// The step's output file: the event must record `output` in outputs[], the file must be in the
// artifacts directory and hash to the recorded SHA-256. On failure the verdict says which and
// nullopt is returned.
std::optional<Bytes> read_artifact(const ArtifactContext& c, const Line& event,
                                   const std::string& output, StepVerdict& verdict);

// An input file as located by embedded_script.h, compared with the hash the event recorded under
// the input's path as written (when it recorded one). nullopt (with the verdict failed) when the
// file is missing or differs.
std::optional<Bytes> read_input(const ArtifactContext& c, const Line& event,
                                const script::InputFile& input, StepVerdict& verdict);

// The SHA-256 the event recorded for "key:<label> (SubjectPublicKeyInfo)"; "" when none.
std::string recorded_key_sha256(const Line& event, const std::string& label);

// The public key of `label` from the key-generated event before line `before`
// (details.spki_der_base64, checked against its details.spki_sha256); nullptr when the script did
// not generate it or the event does not carry the key (the verdict says which).
ossl::EvpPkeyPtr generated_key(const ArtifactContext& c, const std::string& label,
                               std::uint64_t before, StepVerdict& verdict);

}  // namespace kr::replay
