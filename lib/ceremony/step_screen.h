// The screen custodians read before they approve a step: "step 3 of 12", the step's kind and
// description, what it creates or uses (key type, subject, validity, issuer, files), the SHA-256
// of the step's text they sign, and the word they type to confirm.
#pragma once

#include <string>

#include "script/model.h"

namespace kr::ceremony {

std::string step_screen(const script::Script& script, std::size_t index,
                        const std::string& step_sha256, const std::string& word);

}  // namespace kr::ceremony
