// The sections of the audit report built from the verified transcript lines (audit_report.h).
#pragma once

#include <nlohmann/json.hpp>

#include "replay/transcript_lines.h"
#include "replay/verdict.h"
#include "transcript/verify.h"

namespace kr::report {

// Line 0's facts: ceremony, script, binary, tool version, times, token, operator, quorum.
nlohmann::ordered_json ceremony_facts(const replay::TranscriptLines& lines);

// One row per artifact event (keys, certificates, CSRs, CRLs, OCSP responses, exported keys,
// backups, destroyed keys) with its step's replay verdict.
nlohmann::ordered_json artifact_rows(const replay::TranscriptLines& lines,
                                     const replay::ReplayReport& r);

// Columns: the custodians of line 0's rosters (or the script's roles); one row per script step.
nlohmann::ordered_json approval_matrix(const replay::TranscriptLines& lines,
                                       const replay::ReplayReport& r);

// Every checkpoint line, marked verified when the verifier accepted it.
nlohmann::ordered_json checkpoint_rows(const replay::TranscriptLines& lines,
                                       const transcript::VerifyResult& v);

}  // namespace kr::report
