// The explicit table of step kinds: each kind's checks before the token changes, and its run.
#pragma once

#include <string>
#include <vector>

#include "ceremony/context.h"

namespace kr::ceremony {

// A problem found before anything is changed, with the script position it belongs to.
struct Finding {
  config::Position position;
  std::string message;
};

struct StepHandler {
  const char* kind;  // as written in YAML
  // Checks that need no token (profiles, validity); adds findings, throws nothing for bad input.
  void (*check_offline)(const script::Script&, const script::Step&, const RunOptions&,
                        std::vector<Finding>&);
  // Read-only checks on the open token, before the first step runs.
  void (*check_on_token)(Context&, const script::Step&, std::vector<Finding>&);
  // Does the step: touches the token, writes outputs, appends events.
  void (*run)(Context&, const script::Step&);
};

const StepHandler& handler_for(const script::Step& step);

// Every step kind's handler, defined in its own file.
extern const StepHandler kGenerateKey;
extern const StepHandler kSelfSign;
extern const StepHandler kExportPublicKey;
extern const StepHandler kIssue;
extern const StepHandler kCrossSign;
extern const StepHandler kMakeCsr;
extern const StepHandler kSignCrl;
extern const StepHandler kSignOcspResponse;
extern const StepHandler kBackupKey;
extern const StepHandler kRestoreKey;
extern const StepHandler kDestroyKey;

}  // namespace kr::ceremony

namespace kr::ceremony {
// The script position of a field a later check names ("validity.not-after", "subject.CN"): the
// field's own, else its nearest recorded parent's, else the step's.
config::Position position_for(const script::Step& step, const std::string& field);
}  // namespace kr::ceremony
