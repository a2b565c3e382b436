// The replay report for people (text) and for programs (JSON), and kr-transcript's exit status.
#pragma once

#include <string>

#include "replay/verdict.h"

namespace kr::replay {

std::string render_text(const ReplayReport& report, const std::string& file);
// {"file", "verdict", "verify": {...}, "ceremony-id", "script-file", "quorum", "problems": [...],
//  "steps": [{"id", "kind", "verdict", "problems", "checked", "notes"}]}
std::string render_json(const ReplayReport& report, const std::string& file);
// 0 ok, 1 failed or incomplete.
int exit_status(const ReplayReport& report);

}  // namespace kr::replay
