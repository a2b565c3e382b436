// `kr-transcript show`: a transcript as a timeline for people, one row per line: seq, time, type,
// step, who (the operator, or the custodian for an approval), outcome, and what the row means
// (approvals, outputs, checkpoint signers). It reads; it does not verify.
#pragma once

#include <filesystem>
#include <ostream>

namespace kr::transcript {

// Throws kr::Error at the first line that cannot be read as a transcript line (after printing the
// rows before it).
void write_timeline(const std::filesystem::path& transcript, std::ostream& out);

}  // namespace kr::transcript
