// Running a ceremony script: every check first, then the steps in order, each one logged.
#pragma once

#include <ostream>
#include <vector>

#include "ceremony/context.h"
#include "ceremony/rehearsal.h"
#include "ceremony/run_loop.h"
#include "ceremony/step_registry.h"
#include "util/error.h"

namespace kr::ceremony {

// Thrown when checks find problems; what() lists one "FILE:LINE:COLUMN: PATH: message" per line.
class CheckFailed : public Error {
 public:
  explicit CheckFailed(std::vector<Finding> findings);
  const std::vector<Finding>& findings() const { return findings_; }

 private:
  std::vector<Finding> findings_;
};

std::string format_finding(const Finding& f);

// Every check that needs no token: the profiles against each signing step. Throws CheckFailed.
void check_offline(const script::Script& script, const RunOptions& options);

// check_offline, then the whole script rehearsed with software keys (ceremony/rehearsal.h), so
// every rule on what the ceremony itself makes is checked before the token is opened. What
// `kr-ceremony check` runs, and the start of run and plan. Throws CheckFailed; the report lists
// the steps the rehearsal could not know (they are checked when the token is open).
RehearsalReport check_script(const script::Script& script, const RunOptions& options);

// Checks, opens the token, checks again against the token, then runs every step. The event log is
// created once the offline checks pass, so a rejected script leaves no file behind; from then on
// every outcome, a failed login included, is recorded.
// Returns paused when too few custodians were present to go on: the transcript then ends with
// ceremony-paused and its closing checkpoint, and resume_ceremony continues it.
RunStatus run_ceremony(const script::Script& script, const RunOptions& options,
                       const Secret& user_pin, std::ostream& out);

// The options with defaults filled in (log path, profiles directory).
RunOptions resolve(const script::Script& script, RunOptions options);

}  // namespace kr::ceremony
