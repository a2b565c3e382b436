// What a custodian approves: the exact text of one step as the script gives it, and its SHA-256.
// The ceremony computes it before asking for a quorum; an auditor's replay computes it again from
// the script embedded in the transcript, so an approval binds to these bytes and nothing else.
#pragma once

#include <string>
#include <string_view>

#include "script/model.h"

namespace kr::script {

// The script's lines from the step's first line up to the next step (or the end of the steps
// list), trailing blank and comment-only lines removed. Throws kr::Error when `index` is out of
// range or the step's position is not inside `script_text`.
std::string step_text(std::string_view script_text, const Script& script, std::size_t index);

// Lower-case hex SHA-256 of "keyrite step v1\n" || ceremony id || "\n" || step id || "\n" ||
// step_text.
std::string step_sha256(std::string_view script_text, const Script& script, std::size_t index);

}  // namespace kr::script
