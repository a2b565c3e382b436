// TranscriptWriter(path, Continue): reopening a transcript to append after a pause or a crash.
// The tree head, origin and last checkpoint are rebuilt from the lines themselves, so the Merkle
// tree of the continued transcript is the tree of the whole file.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "transcript/line_reader.h"
#include "transcript/transcript_writer.h"
#include "util/error.h"

namespace kr::transcript {

TranscriptWriter::TranscriptWriter(std::filesystem::path path, Continue)
    : path_(std::move(path)), durability_(Durability::fsync_every_line) {
  fd_.reset(::open(path_.c_str(), O_RDWR | O_APPEND | O_CLOEXEC));
  if (!fd_) throw Error(path_.string() + ": cannot open the transcript: " + std::strerror(errno));
  // A throw below closes fd_: a member is destroyed when its constructor fails.
  LineReader reader(fd_.get(), 8 * 1024 * 1024, path_.string());
  std::string_view line;
  for (;;) {
    auto status = reader.next(line);
    if (status == LineReader::Status::end) break;
    if (status == LineReader::Status::too_long)
      throw Error(path_.string() + ": line " + std::to_string(size()) + " is too long");
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object())
      throw Error(path_.string() + ": line " + std::to_string(size()) + " is not a JSON object");
    const std::string type = j.value("type", "");
    if (size() == 0) {
      if (type != "ceremony-started")
        throw Error(path_.string() + ": line 0 is not a ceremony-started event");
      origin_ = checkpoint_origin(ceremony_id_from_target(j.value("target", "")), line);
    } else if (type == "checkpoint") {
      last_checkpoint_ =
          CheckpointSummary{size(), tree_.root(), j.value("time", ""), j.value("note", "")};
    }
    tree_.append(leaf_hash(line));
  }
  if (reader.trailing_bytes() > 0)
    throw Error(path_.string() + ": the last " + std::to_string(reader.trailing_bytes()) +
                    " bytes are a line without its newline (a write cut short)",
                "keyrite never edits a transcript: copy it, and keep the original with the "
                "ceremony's records");
  if (size() == 0) throw Error(path_.string() + ": the transcript is empty");
}

}  // namespace kr::transcript
