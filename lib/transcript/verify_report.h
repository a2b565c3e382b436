// The verifier's result for people (text) and for programs (JSON), and the exit status it means.
#pragma once

#include <string>

#include "transcript/verify.h"

namespace kr::transcript {

// audit_key_spki: the SHA-256 of the trusted audit key's SubjectPublicKeyInfo (hex), shown so the
// auditor sees which key they pinned; "" leaves it out.
std::string render_text(const VerifyResult& result, const std::string& file,
                        const std::string& audit_key_spki = "");
std::string render_json(const VerifyResult& result, const std::string& file,
                        const std::string& audit_key_spki = "");
// 0 ok; 1 failed or incomplete.
int exit_status(const VerifyResult& result);

}  // namespace kr::transcript
