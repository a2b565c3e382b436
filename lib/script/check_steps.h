// Rules that span steps: unique ids, one generate-key per label, keys used only after they are
// generated, signature algorithms that fit their key, outputs that are new files, and inputs
// that exist or are written by an earlier step.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/diagnostics.h"
#include "script/steps.h"

namespace kr::script {

// Adds problems to `diagnostics` and resolves every input file (check_inputs.h); returns the
// labels used but generated nowhere in the script, one per label at its first use, which the
// executor must find on the token. Inputs are relative to `script_dir`, outputs to `output_dir`.
std::vector<KeyReference> check_steps(std::vector<StepDraft>& drafts,
                                      const std::filesystem::path& script_dir,
                                      const std::filesystem::path& output_dir,
                                      config::Diagnostics& diagnostics,
                                      ExistingOutputs existing = ExistingOutputs::refused);

// "steps[0] (key-1)": how messages point at another step.
std::string step_name(const std::vector<StepDraft>& drafts, std::size_t index);

}  // namespace kr::script
