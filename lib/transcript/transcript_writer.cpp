// TranscriptWriter: O_EXCL creation, whole-line writes, fsync per line, streaming tree head.
#include "transcript/transcript_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/pgp_words.h"
#include "util/time.h"

namespace kr::transcript {

TranscriptWriter::TranscriptWriter(std::filesystem::path path, Durability durability)
    : path_(std::move(path)), durability_(durability) {
  fd_.reset(::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644));
  if (!fd_) {
    if (errno == EEXIST)
      throw Error(path_.string() + ": already exists; keyrite never overwrites an event log",
                  "move the old log away or pass --log with a new name");
    throw Error(path_.string() + ": cannot create the event log: " + std::strerror(errno));
  }
  auto parent = path_.parent_path();
  if (durability_ == Durability::fsync_every_line) fsync_directory(parent.empty() ? "." : parent);
}

TranscriptWriter::~TranscriptWriter() = default;

void TranscriptWriter::write_line(const std::string& line) {
  if (broken_)
    throw Error(path_.string() +
                ": an earlier write to the event log failed; nothing more is written");
  std::string data = line + "\n";
  const off_t start = ::lseek(fd_.get(), 0, SEEK_END);
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd_.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      // A full disk can take part of a line: cut it off again, so the file never holds half a
      // line and a later, shorter record (the failure) may still fit. Only if that fails too is
      // the log closed for good.
      if (start < 0 || ::ftruncate(fd_.get(), start) != 0 ||
          ::lseek(fd_.get(), start, SEEK_SET) != start)
        broken_ = true;
      throw Error(path_.string() + ": cannot write the event log: " + std::strerror(error));
    }
    done += static_cast<std::size_t>(n);
  }
  if (durability_ == Durability::fsync_every_line && ::fsync(fd_.get()) != 0) {
    broken_ = true;
    throw Error(path_.string() + ": cannot fsync the event log: " + std::strerror(errno));
  }
  tree_.append(leaf_hash(line));
}

std::uint64_t TranscriptWriter::append(const Event& event) {
  std::uint64_t seq = size();
  std::string line = to_json_line(event, seq, format_utc_now_millis());
  if (seq == 0) {
    try {
      if (event.type != EventType::ceremony_started)
        throw Error("line 0 is not a ceremony-started event");
      origin_ = checkpoint_origin(ceremony_id_from_target(event.target), line);
    } catch (const Error& e) {
      origin_problem_ = e.what();
    }
  }
  write_line(line);
  return seq;
}

std::uint64_t TranscriptWriter::append_checkpoint(const std::vector<NoteSigner>& signers) {
  if (size() == 0) throw Error(path_.string() + ": a checkpoint needs at least one line before it");
  if (origin_.empty())
    throw Error(path_.string() + ": cannot write a checkpoint: " + origin_problem_,
                "the first event must be ceremony-started with target \"ceremony:<id>\"");
  CheckpointBody body;
  body.origin = origin_;
  body.tree_size = size();
  body.root = tree_.root();
  body.time = format_utc_now_millis();
  for (const auto& s : signers) body.signers.push_back(s.key_name);
  std::string note = sign_note(format_checkpoint_body(body), signers);
  std::uint64_t seq = size();
  write_line(checkpoint_line(seq, body.time, note));
  last_checkpoint_ = CheckpointSummary{seq, body.root, body.time, note};
  return seq;
}

std::string TranscriptWriter::root_hex() const {
  auto r = tree_.root();
  return to_hex(r);
}

std::string TranscriptWriter::last_checkpoint_root_hex() const {
  if (!last_checkpoint_) throw Error(path_.string() + ": no checkpoint has been written");
  return to_hex(last_checkpoint_->root);
}

std::string TranscriptWriter::last_checkpoint_root_pgp_words() const {
  if (!last_checkpoint_) throw Error(path_.string() + ": no checkpoint has been written");
  return pgp_word_rows(last_checkpoint_->root);
}

}  // namespace kr::transcript
