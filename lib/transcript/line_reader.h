// Reads newline-terminated lines from a file descriptor or a memory buffer in bounded memory: a
// line longer than the limit is reported, never buffered whole, and the bytes after the last
// newline (a line cut short by a crash) are counted, never returned as a line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kr::transcript {

class LineReader {
 public:
  enum class Status { line, end, too_long };

  // Reads from fd (not owned); `what` names the input in I/O errors.
  LineReader(int fd, std::size_t max_line, std::string what);
  // Reads from memory that outlives the reader.
  LineReader(std::string_view data, std::size_t max_line);

  // The next complete line without its newline, valid until the next call.
  Status next(std::string_view& line);
  // After Status::end: the number of bytes after the last newline.
  std::uint64_t trailing_bytes() const { return trailing_; }
  // After Status::end: the first bytes (at most 64) after the last newline.
  const std::string& trailing_head() const { return trailing_head_; }

 private:
  bool fill();  // false at end of input

  int fd_ = -1;
  std::string what_;
  std::size_t max_line_;
  std::string_view memory_;
  bool from_memory_ = false;
  std::vector<char> buf_;
  std::size_t begin_ = 0, end_ = 0, scanned_ = 0;
  bool eof_ = false;
  std::uint64_t trailing_ = 0;
  std::string trailing_head_;
};

}  // namespace kr::transcript
