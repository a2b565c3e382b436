// What went wrong or out of the ordinary during a ceremony, as the transcript records it: every
// custodian refused (a wrong passphrase, a share that is not theirs, not on the roster), every
// lockout, every quorum not met, every failed step, a failed ceremony, and every pause and
// resumption. The auditor's replay and report list them all, in transcript order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "replay/transcript_lines.h"

namespace kr::replay {

struct ExceptionEvent {
  std::uint64_t seq = 0;
  std::string time;
  std::string kind;       // "refusal", "lockout", "quorum not met", "step failed", "pause", ...
  std::string type;       // the event type as written
  std::string step;       // "" for ceremony-level events
  std::string custodian;  // who was refused or locked out; "" when no custodian is named
  std::string reason;     // the event's cause
};

// Every event whose outcome is "failure", and every ceremony-paused and ceremony-resumed event.
std::vector<ExceptionEvent> collect_exceptions(const TranscriptLines& lines);

// "refused Cara at step key-1: wrong passphrase (1 of 3 allowed)" (one line, for text output).
std::string describe(const ExceptionEvent& e);

}  // namespace kr::replay
