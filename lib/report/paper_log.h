// The paper log: the values witnesses copy by hand at the close of a ceremony, so that the
// transcript can later be checked against paper no one could have altered. One definition serves
// both ends: the run-sheet prints these lines with blanks to fill in (no transcript yet), and
// kr-ceremony run prints them with their values, in the same order, as soon as the closing
// checkpoint is written.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "script/model.h"

namespace kr::report {

struct PaperLogLine {
  std::string label;   // "final transcript root (hex)"
  std::string value;   // empty: a blank (the run-sheet, or a value the transcript lacks)
  bool words = false;  // the value is PGP words, one per byte, written in rows
};

struct PaperLog {
  std::vector<PaperLogLine> lines;
  std::vector<std::string> signatures;  // "administrator: Alex Admin", ..., "witness"
};

// Without a transcript, every value is blank. With one, the values come from its last line (the
// closing checkpoint: its root and tree size) and from the certificate-signed event of each
// self-sign step (certificate and SPKI SHA-256). The transcript is read, not verified: this runs
// on the ceremony machine right after writing it. Throws kr::Error when it cannot be read.
PaperLog paper_log(const script::Script& script, const std::filesystem::path* transcript = nullptr);

// The lines as kr-ceremony run prints them: numbered, label, value; PGP words in rows of four.
std::string paper_log_text(const PaperLog& log);

}  // namespace kr::report
