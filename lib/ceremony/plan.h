// Plan mode: before a ceremony, witnesses get the exact to-be-signed DER of every step whose
// content is already known (keys already on the token, inputs already on disk), with its SHA-256
// in hex and as PGP words, and a plan.json that fixes the serials. `run --plan` then signs only
// bytes identical to those reviewed.
#pragma once

#include <filesystem>
#include <ostream>

#include "ceremony/context.h"

namespace kr::ceremony {

// Checks everything (check_script: the rehearsal included), opens the token read-only, and writes
// STEP.tbs.der for every step it can plan plus plan.json into tbs_dir. Signs nothing, writes no
// output, consumes no CRL number. A step whose keys and inputs are all known but which is refused
// (a profile, a lint, a guardrail) makes the plan fail with CheckFailed: the run would refuse it
// too. user_pin logs in when given (a test ceremony); a quorum script passes nullptr, and only
// public key objects are read. Returns the number of steps planned.
int plan_ceremony(const script::Script& script, RunOptions options,
                  const std::filesystem::path& tbs_dir, const Secret* user_pin, std::ostream& out);

// Reads a plan.json written for this very script (same ceremony id and script SHA-256) into the
// options, so the run uses its serials and refuses to sign anything else.
void load_plan(const std::filesystem::path& plan_file, const script::Script& script,
               RunOptions& options);

}  // namespace kr::ceremony
