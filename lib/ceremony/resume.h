// kr-ceremony resume: continue a paused, failed or crashed ceremony from its verified transcript.
// Before anyone types: the transcript verifies (the audit key's public key), it embeds exactly
// this script, every completed step's output files hash to what was recorded, every key the
// ceremony generated is on the token with the recorded public key, and nothing of an unfinished
// step exists (a file, or a key made but never recorded) unless the operator resolved it
// explicitly (--adopt-key or --discard-key). Then ceremony-resumed is appended to the same
// transcript, whose Merkle tree runs on, and the run continues with the first unfinished step.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>

#include "ceremony/context.h"
#include "ceremony/run_loop.h"

namespace kr::ceremony {

struct ResumeOptions {
  std::filesystem::path transcript;
  // The audit key's public key; empty: <activation share-set descriptor>.audit-key.pem, as
  // kr-token init --quorum wrote it. A test ceremony without a quorum must name it.
  std::filesystem::path audit_key;
  // The first unfinished step made a key and stopped before recording it: record it as the
  // step's key (adopt, after the same attribute checks as a new key) or destroy it and make a new
  // one (discard). Each names the key's label.
  std::string adopt_key;
  std::string discard_key;
};

RunStatus resume_ceremony(const script::Script& script, const RunOptions& options,
                          const ResumeOptions& resume, const Secret& user_pin, std::ostream& out);

}  // namespace kr::ceremony
