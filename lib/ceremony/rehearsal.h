// The rehearsal: the whole script run with throwaway software keys in memory, before the token is
// opened, so every rule that depends on something the ceremony itself makes (a certificate issued
// under a root made two steps earlier: issuer guardrails, path length against the profile,
// validity nesting, AIA/CRL settings, CRL numbering, cross-sign links) is checked by `kr-ceremony
// check` and at the start of `run` and `plan`, not half-way through the run.
//
// It runs each step's own code (ceremony/*_step.cpp) through the one signing pipeline, with these
// differences only:
//   - generate-key makes a software key of the declared shape; restore-key of a backup made
//     earlier in the script is that key again; destroy-key forgets it; backup-key wraps nothing
//     but refuses a key made without "backup: true", as the token would;
//   - a key already on the token is known by the public key of a certificate (or backup
//     descriptor) on disk that the script pairs with it, and signs with a throwaway key of the same
//     shape whose signatures are not verified; a step that needs a token key no file shows, or an
//     output of such a step, is not rehearsed (listed in the report) and is checked when run opens
//     the token;
//   - outputs, the disclosure inventory and an unsigned rehearsal transcript go into a private
//     directory (removed afterwards) or the one the caller names; a CRL-number state file is
//     copied there first, so the real one never changes; error messages name the real paths.
//
// How to call it (kr-testpki rehearse SCRIPT --out DIR does this):
//     auto script = kr::script::parse_script_file(path, {.output_dir = dir});
//     kr::ceremony::RunOptions options;       // profiles_dir empty: the built-in profiles
//     options.output_dir = dir;               // as parsed: inputs from earlier steps resolve here
//     kr::ceremony::RehearsalOptions r;
//     r.out_dir = dir;                        // keep the artifacts; must be empty or absent
//     r.out = &std::cout;                     // what each step prints; nullptr: nothing
//     auto report = kr::ceremony::rehearse(script, kr::ceremony::resolve(script, options), r);
// It throws CheckFailed (ceremony/executor.h) with one FILE:LINE:COLUMN finding per refusal.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "ceremony/context.h"

namespace kr::ceremony {

struct RehearsalOptions {
  // Where the artifacts go. Empty: a private temporary directory, removed before returning.
  // Otherwise created if needed, and refused unless empty: nothing is ever overwritten.
  std::filesystem::path out_dir;
  std::ostream* out = nullptr;  // what each step prints (fingerprints, files); nullptr: discarded
};

struct RehearsedStep {
  std::string id;
  bool rehearsed = false;
  std::string note;  // why a step was not rehearsed
  // Keys already on the token that signed in this step through a stand-in (rehearsal_keys.h):
  // the step's signatures are a throwaway key's and do not verify against the real issuer.
  std::vector<std::string> stand_in_signers;
};

struct RehearsalReport {
  std::vector<RehearsedStep> steps;
  std::filesystem::path transcript;  // the unsigned rehearsal transcript (empty when removed)
};

// Rehearses every step of `script` (options as resolve() returns them). Throws CheckFailed with
// every finding of every step; a step that fails does not stop the others.
RehearsalReport rehearse(const script::Script& script, const RunOptions& options,
                         const RehearsalOptions& rehearsal = {});

}  // namespace kr::ceremony
