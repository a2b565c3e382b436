// Verdict names and the overall verdict.
#include "replay/verdict.h"

namespace kr::replay {

const char* to_string(StepStatus status) {
  switch (status) {
    case StepStatus::ok:
      return "ok";
    case StepStatus::failed:
      return "failed";
    case StepStatus::not_checked:
      return "not-checked";
  }
  return "?";
}

const char* to_string(Overall overall) {
  switch (overall) {
    case Overall::ok:
      return "ok";
    case Overall::failed:
      return "failed";
    case Overall::incomplete:
      return "incomplete";
  }
  return "?";
}

Overall overall_verdict(const ReplayReport& report) {
  if (report.verify.verdict == transcript::Verdict::failed || !report.problems.empty())
    return Overall::failed;
  bool unchecked = report.verify.verdict == transcript::Verdict::incomplete;
  for (const auto& step : report.steps) {
    if (step.status == StepStatus::failed) return Overall::failed;
    if (step.status == StepStatus::not_checked) unchecked = true;
  }
  return unchecked ? Overall::incomplete : Overall::ok;
}

}  // namespace kr::replay
