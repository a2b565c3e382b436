// The verifier's result for people (text) and for programs (JSON), and the exit status it means.
#pragma once

#include <string>

#include "transcript/verify.h"

namespace kr::transcript {

std::string render_text(const VerifyResult& result, const std::string& file);
std::string render_json(const VerifyResult& result, const std::string& file);
// 0 ok; 1 failed or incomplete.
int exit_status(const VerifyResult& result);

}  // namespace kr::transcript
