// The steps of a run, from the first unfinished one: under a quorum each step waits for its
// approvals, logs in with the PIN derived from the rebuilt secret, runs, writes a checkpoint
// cosigned by the approving custodians and logs out. When too few custodians are present the run
// pauses at that step boundary: ceremony-paused, then a closing checkpoint, and the status says
// it is resumable. Shared by kr-ceremony run (from step 0) and resume (from where it stopped).
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "ceremony/context.h"
#include "quorum/descriptor.h"

namespace kr::ceremony {

enum class RunStatus { finished, paused };

struct ShareSets {
  std::optional<quorum::Descriptor> activation;
  std::optional<quorum::Descriptor> recovery;  // the key-backup quorum's, when the script has one
};

// What kr-ceremony resume adds to a run.
struct Continuation {
  // The first step to run; the number of steps when all are done and only the close is left
  // (a resumed ceremony whose close was lost): then the run writes ceremony-finished and the
  // closing checkpoint, for which the quorum opens its shares.
  std::size_t first_step = 0;
  // Runs once, right after the first login and before the token checks: the resumed run's
  // checks of the keys already on the token.
  std::function<void(Context&)> after_first_login;
  // Called instead of the step's handler for the step an interrupted run left half done
  // (an adopted key); returns false to run the handler as usual.
  std::function<bool(Context&, const script::Step&)> run_instead;
  // A step whose token check is replaced by the resolution of an interrupted step.
  std::optional<std::size_t> skip_token_check;
};

// Runs the steps and writes the closing events. `user_pin` is the test ceremony's single PIN
// (no quorum). Throws after recording ceremony-failed when a step fails.
RunStatus run_steps(Context& ctx, const ShareSets& sets, const std::string& script_text,
                    const Secret& user_pin, const Continuation& from);

// A ceremony-failed event for `why`, not yet appended: the one form every way a run fails writes.
transcript::Event ceremony_failed_event(Context& ctx, const std::string& why);

// The command that continues a paused or interrupted ceremony, for messages; each path is one
// shell word (util/shell_word.h), so the operator can paste it.
std::string resume_command(const Context& ctx);

}  // namespace kr::ceremony
