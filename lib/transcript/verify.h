// The transcript verifier: streams the file once in bounded memory (the longest line allowed plus
// the tree head), checks every line's JSON within limits, the sequence numbers, the fixed field
// order, every checkpoint's origin, tree size, recomputed root and signatures (the audit key given
// by the auditor, cosignatures against line 0's roster), and that the transcript ends with the
// closing checkpoint right after ceremony-finished, ceremony-failed or ceremony-paused. A
// ceremony-resumed event may follow the closing checkpoint of a paused or failed ceremony, or
// continue a transcript a crash left without one; the Merkle tree runs on across it.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "transcript/merkle.h"

namespace kr::transcript {

enum class Verdict {
  ok,          // every line holds and the closing checkpoint seals the transcript
  incomplete,  // every complete line holds, but the transcript stops before its closing checkpoint
  failed,      // a line does not hold: failed_line names the first
};
const char* to_string(Verdict verdict);

struct VerifyOptions {
  std::size_t max_line_bytes = 8 * 1024 * 1024;
  std::size_t max_depth = 64;
};

struct VerifiedCheckpoint {
  std::uint64_t seq = 0;  // the checkpoint line's index, equal to the number of lines it covers
  Hash root{};
  std::string time;
  std::vector<std::string> signers;  // key names whose signatures verified, audit key first
};

struct VerifyResult {
  Verdict verdict = Verdict::failed;
  std::string reason;  // why the verdict is not ok; empty when ok
  std::optional<std::uint64_t>
      failed_line;          // seq (line index) of the first line that does not hold
  std::uint64_t lines = 0;  // complete lines that hold
  std::uint64_t events = 0;
  std::uint64_t checkpoints = 0;
  std::uint64_t trailing_bytes = 0;  // bytes of a final line without its newline (a cut write)
  std::string ceremony_id;
  std::string origin;
  std::optional<VerifiedCheckpoint> last_checkpoint;  // the last checkpoint that verified
  // How the ceremony's record ends: "finished", "failed" or "paused" (the closing event before
  // the closing checkpoint); "" when it ends without one. A paused (or failed) ceremony may be
  // continued: its next line is then ceremony-resumed.
  std::string ending;
  std::uint64_t resumptions = 0;  // ceremony-resumed events
  // The kr-ceremony binary of each run, from ceremony-started and each ceremony-resumed
  // (details.binary_sha256): what an auditor compares with a rebuilt binary (--expect-binary).
  struct RecordedBinary {
    std::uint64_t seq = 0;
    std::string sha256;
  };
  std::vector<RecordedBinary> binaries;
};

// Throws kr::Error only when the file cannot be read; everything about its content is a verdict.
VerifyResult verify_transcript(const std::filesystem::path& file, const EVP_PKEY* audit_key,
                               const VerifyOptions& options = {});
VerifyResult verify_transcript_bytes(std::string_view data, const EVP_PKEY* audit_key,
                                     const VerifyOptions& options = {});

}  // namespace kr::transcript
