// CPS 5.2.2 after the fact: every gated step (every step of a script that declares a quorum) must
// carry approval-recorded events (details.approval, quorum::to_json form) from at least m distinct
// custodians on line 0's roster. Each approval must verify under that custodian's Ed25519 key and
// bind exactly this ceremony, this step (its step_sha256 recomputed from the embedded script),
// this share set, and a transcript prefix whose Merkle head it names: a prefix that ends at or
// before the approval's own line and after the previous gated step's result, so an approval
// cannot be carried over from an earlier step. It must not be older than kApprovalLifetime at the
// time its line was written.
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "replay/embedded_script.h"
#include "replay/transcript_lines.h"
#include "replay/verdict.h"
#include "transcript/roster.h"

namespace kr::replay {

inline constexpr std::chrono::minutes kApprovalLifetime{15};

// Adds the quorum result of each step to verdicts[i] (verdicts parallel script.steps).
// Returns the ceremony-level summary: "2-of-3 (set activation-set-1)", or
// "no quorum (test ceremony)". Ceremony-level failures (a script with a quorum but no roster)
// are added to `problems`.
std::string check_quorum(const TranscriptLines& lines, const EmbeddedScript& script,
                         const std::optional<transcript::Roster>& roster,
                         std::vector<StepVerdict>& verdicts, std::vector<std::string>& problems);

}  // namespace kr::replay
