// The exit statuses every keyrite tool uses alike (README.md, "Exit statuses"), so a script can
// tell a usage error from a failure and a failure from a verdict.
#pragma once

namespace kr {

enum ExitStatus : int {
  kExitOk = 0,          // done, or verified and found good
  kExitUsage = 1,       // the command line is wrong; nothing was done
  kExitError = 2,       // anything else went wrong: an unreadable input, a token error, a refusal
  kExitPaused = 3,      // kr-ceremony run/resume: too few custodians present; resumable
  kExitFoundWrong = 4,  // verified and found wrong: a transcript, proof or replay that fails, a
                        // certificate kr-lint finds errors in
};

}  // namespace kr
