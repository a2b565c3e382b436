// What a replay concludes: a verdict per script step (ok, failed with reasons, or not checked and
// why) and one for the whole transcript. Every check that passed is listed as well, so a report
// says what was established and not only what went wrong.
#pragma once

#include <string>
#include <vector>

#include "replay/exceptions.h"
#include "transcript/verify.h"

namespace kr::replay {

enum class StepStatus {
  ok,           // every check of the step held
  failed,       // at least one check did not hold: `problems` says which
  not_checked,  // the step could not be checked (it did not run, ...): `problems` says why
};
const char* to_string(StepStatus status);

struct StepVerdict {
  std::string step;  // the script step id
  std::string kind;  // "generate-key", "self-sign", ...
  StepStatus status = StepStatus::ok;
  std::vector<std::string> problems;  // failures, or why the step was not checked
  std::vector<std::string> checked;   // what held ("quorum: 2 of 2-of-3: Cara, Dev", ...)
  std::vector<std::string> notes;     // limits said plainly ("OCSP response not re-derived")

  void fail(std::string problem) {
    status = StepStatus::failed;
    problems.push_back(std::move(problem));
  }
  void skip(std::string why) {
    if (status == StepStatus::ok) status = StepStatus::not_checked;
    problems.push_back(std::move(why));
  }
};

enum class Overall {
  ok,          // the transcript verifies and every step replays clean
  failed,      // verification failed, or a step failed
  incomplete,  // nothing failed, but the transcript is incomplete or a step was not checked
};
const char* to_string(Overall overall);

struct ReplayReport {
  transcript::VerifyResult verify;
  std::string ceremony_id;
  std::string script_file;  // details.script_file of line 0
  std::string quorum;       // "2-of-3 (set activation-set-1)" or "no quorum (test ceremony)"
  std::vector<std::string> problems;  // ceremony-level failures (script unusable, ...)
  std::vector<StepVerdict> steps;
  std::vector<ExceptionEvent> exceptions;  // refusals, lockouts, failures, pauses (exceptions.h)
  Overall overall = Overall::failed;
};

// ok / failed / incomplete from the verify verdict, the ceremony-level problems and the steps.
Overall overall_verdict(const ReplayReport& report);

}  // namespace kr::replay
