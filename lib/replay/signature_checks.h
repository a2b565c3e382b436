// The checks every re-derived artifact ends with, as verdict lines: the to-be-signed bytes
// against the artifact's, the OpenSSL and Botan signature verdicts, and the lint findings.
#pragma once

#include <string>
#include <vector>

#include "crosscheck/verify.h"
#include "lint/lint.h"
#include "replay/verdict.h"
#include "util/bytes.h"

namespace kr::replay {

void compare_tbs(StepVerdict& verdict, const std::string& what, const std::string& output,
                 const Bytes& rederived, const Bytes& artifact);
void record_signature(StepVerdict& verdict, bool openssl_ok, const crosscheck::Result& botan,
                      const std::string& output, const std::string& signer);
void record_lint(StepVerdict& verdict, const std::vector<lint::Finding>& findings,
                 const std::string& against);
// A recorded detail against the value replay derived.
void compare_detail(StepVerdict& verdict, const std::string& what, const std::string& recorded,
                    const std::string& derived);
// The hex of details.<name> as bytes (an odd digit count gets a leading 0); nullopt if not hex.
std::optional<Bytes> hex_detail(const std::string& text);

}  // namespace kr::replay
