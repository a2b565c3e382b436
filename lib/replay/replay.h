// kr-transcript replay: everything verify does, then, from the script embedded in line 0 and the
// artifacts the auditor was handed, every gated step's quorum (quorum_check.h) and every artifact
// re-derived and checked (artifact_replay.h). No HSM and no signing code is involved: lib/replay
// depends on transcript, script, profile, x509, crosscheck and quorum only.
// docs/transcript-format.md, section "Replay", is the auditor's description.
#pragma once

#include <openssl/evp.h>

#include <filesystem>

#include "replay/verdict.h"

namespace kr::replay {

struct ReplayOptions {
  std::filesystem::path artifacts_dir;
  std::filesystem::path profiles_dir;  // empty: the profiles keyrite was built with
};

// Throws kr::Error only when an input cannot be used at all (unreadable transcript or artifacts
// directory); everything about the transcript's content is in the report. The script embedded in
// a transcript that verifies but does not parse for replay is a ceremony-level failure.
ReplayReport replay_transcript(const std::filesystem::path& transcript, const EVP_PKEY* audit_key,
                               const ReplayOptions& options);

}  // namespace kr::replay
