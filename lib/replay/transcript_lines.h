// The verified transcript held in memory for replay: every line parsed as JSON, and every line's
// Merkle leaf hash so the tree head of any prefix (what a custodian's approval signs) can be
// recomputed. Replay runs only after verify_transcript accepted the file, so parsing here cannot
// meet the hostile input the streaming verifier guards against; a ceremony transcript is a few
// hundred lines.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "transcript/merkle.h"

namespace kr::replay {

struct Line {
  std::uint64_t seq = 0;
  std::string type;  // "checkpoint" or an event type
  std::string time;  // as written, "2026-11-22T23:45:51.123Z"
  std::string step;  // "" for ceremony-level events and checkpoints
  nlohmann::json json;
};

struct TranscriptLines {
  std::vector<Line> lines;
  std::vector<transcript::Hash> leaves;  // leaf hash of each line

  // Lower-case hex of the Merkle tree head of lines [0, size). Throws when size > lines.
  std::string tree_head_hex(std::uint64_t size) const;
};

// Reads every complete line (bytes after the last newline are ignored, as verify does).
// Throws kr::Error naming the file and line when a line is not a JSON object.
TranscriptLines load_transcript_lines(const std::filesystem::path& file);

}  // namespace kr::replay
