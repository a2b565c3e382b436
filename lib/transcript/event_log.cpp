// EventLog: O_EXCL creation, whole-line writes, fsync per event.
#include "transcript/event_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/atomic_file.h"
#include "util/error.h"
#include "util/time.h"

namespace kr::transcript {

EventLog::EventLog(std::filesystem::path path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    if (errno == EEXIST)
      throw Error(path_.string() + ": already exists; keyrite never overwrites an event log",
                  "move the old log away or pass --log with a new name");
    throw Error(path_.string() + ": cannot create the event log: " + std::strerror(errno));
  }
  auto parent = path_.parent_path();
  fsync_directory(parent.empty() ? "." : parent);
}

EventLog::~EventLog() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t EventLog::append(const Event& event) {
  std::string line = to_json_line(event, next_seq_, format_utc_now_millis()) + "\n";
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(path_.string() + ": cannot write the event log: " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd_) != 0)
    throw Error(path_.string() + ": cannot fsync the event log: " + std::strerror(errno));
  return next_seq_++;
}

}  // namespace kr::transcript
