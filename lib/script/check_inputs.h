// The files steps read: each is an earlier step's output of the right kind, or a file that exists
// now, relative to the script's directory. And sign-crl's state file, which must be no output.
#pragma once

#include <filesystem>
#include <vector>

#include "config/diagnostics.h"
#include "script/steps.h"

namespace kr::script {

// Sets InputFile::resolved and from_earlier_step for every input and state file it can, and
// reports the rest.
void check_inputs(std::vector<StepDraft>& drafts, const std::filesystem::path& script_dir,
                  const std::filesystem::path& output_dir, config::Diagnostics& diagnostics);

}  // namespace kr::script
