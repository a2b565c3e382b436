// LineReader: a sliding window over the input. The window is compacted before each read, and reads
// are a fixed chunk, so memory is bounded by the longest line allowed plus one chunk.
#include "transcript/line_reader.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace kr::transcript {
namespace {
constexpr std::size_t kChunk = 256 * 1024;
}

LineReader::LineReader(int fd, std::size_t max_line, std::string what)
    : fd_(fd), what_(std::move(what)), max_line_(max_line) {}

LineReader::LineReader(std::string_view data, std::size_t max_line)
    : max_line_(max_line), memory_(data), from_memory_(true) {}

bool LineReader::fill() {
  if (eof_) return false;
  if (begin_ > 0 && (buf_.size() - end_ < kChunk)) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
    begin_ = 0;
  }
  if (buf_.size() - end_ < kChunk) buf_.resize(end_ + kChunk);
  for (;;) {
    ssize_t n = ::read(fd_, buf_.data() + end_, kChunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(what_ + ": cannot read: " + std::strerror(errno));
    if (n == 0) {
      eof_ = true;
      return false;
    }
    end_ += static_cast<std::size_t>(n);
    return true;
  }
}

LineReader::Status LineReader::next(std::string_view& line) {
  if (from_memory_) {
    if (memory_.empty()) return Status::end;
    auto nl = memory_.find('\n');
    std::size_t len = nl == std::string_view::npos ? memory_.size() : nl;
    if (len > max_line_) return Status::too_long;
    if (nl == std::string_view::npos) {
      trailing_ = memory_.size();
      trailing_head_ = std::string(memory_.substr(0, 64));
      memory_ = {};
      return Status::end;
    }
    line = memory_.substr(0, nl);
    memory_.remove_prefix(nl + 1);
    return Status::line;
  }
  for (;;) {
    const char* start = buf_.data() + scanned_;
    const void* nl = scanned_ < end_ ? std::memchr(start, '\n', end_ - scanned_) : nullptr;
    if (nl) {
      std::size_t at = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data());
      if (at - begin_ > max_line_) return Status::too_long;
      line = std::string_view(buf_.data() + begin_, at - begin_);
      begin_ = scanned_ = at + 1;
      return Status::line;
    }
    scanned_ = end_;
    if (end_ - begin_ > max_line_) return Status::too_long;
    if (!fill()) {
      trailing_ = end_ - begin_;
      trailing_head_.assign(buf_.data() + begin_, std::min<std::size_t>(trailing_, 64));
      begin_ = scanned_ = end_;
      return Status::end;
    }
  }
}

}  // namespace kr::transcript
