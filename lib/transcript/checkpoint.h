// Transcript checkpoints: the C2SP tlog-checkpoint note body keyrite signs, its origin, and the
// checkpoint line that carries the signed note in the transcript.
//
// Body (every line ends in a newline):
//   keyrite/<ceremony-id>/<first 16 hex digits of SHA-256 of line 0>
//   <tree size, decimal, no leading zeros>
//   <base64 of the RFC 6962 root of lines [0, tree size)>
//   time <the checkpoint line's "time">               (extension line)
//   signers <key name> <key name> ...                 (extension line: every signature required)
// The extension lines make the checkpoint line's time and its list of signatures signed, so the
// closing checkpoint, which no later tree head covers, cannot be altered or stripped unnoticed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "transcript/merkle.h"

namespace kr::transcript {

struct CheckpointBody {
  std::string origin;
  std::uint64_t tree_size = 0;
  Hash root{};
  std::string time;
  std::vector<std::string> signers;
};

std::string format_checkpoint_body(const CheckpointBody& body);
// Strict parse of exactly the five lines above; throws kr::Error naming `what` and the line.
CheckpointBody parse_checkpoint_body(const std::string& text, const std::string& what);

// "keyrite/<ceremony-id>/<16 hex>" from the ceremony id and the bytes of line 0.
std::string checkpoint_origin(std::string_view ceremony_id, std::string_view line0);
// The ceremony id from line 0's "target" ("ceremony:<id>"); throws when it is missing or unusable.
std::string ceremony_id_from_target(std::string_view target);

// The canonical checkpoint line (no newline):
// {"seq":k,"type":"checkpoint","time":"...","tree-size":k,"note":"..."}
std::string checkpoint_line(std::uint64_t seq, const std::string& time, const std::string& note);

}  // namespace kr::transcript
