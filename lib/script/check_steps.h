// Rules that span steps: unique ids, one generate-key per label, keys used only after they are
// generated, signature algorithms that fit their key, and outputs that are new files.
#pragma once

#include <filesystem>
#include <vector>

#include "script/diagnostics.h"
#include "script/steps.h"

namespace kr::script {

// Adds problems to `diagnostics`; returns the labels used but generated nowhere in the script,
// one per label at its first use, which the executor must find on the token.
std::vector<KeyReference> check_steps(const std::vector<StepDraft>& drafts,
                                      const std::filesystem::path& output_dir,
                                      Diagnostics& diagnostics);

}  // namespace kr::script
