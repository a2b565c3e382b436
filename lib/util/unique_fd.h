// A file descriptor with one owner that closes it on every path, so no error path needs its own
// ::close (and none can close twice).
#pragma once

#include <utility>

namespace kr {

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) noexcept : fd_(fd) {}
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  ~UniqueFd() { reset(); }

  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }
  int release() noexcept { return std::exchange(fd_, -1); }
  // Closes the current descriptor (ignoring close's result: for reads and failure paths) and
  // takes `fd`.
  void reset(int fd = -1) noexcept;
  // Closes now and says whether close succeeded (errno set when not): a written file's last
  // write error may surface only at close, so writers check it.
  bool close() noexcept;

 private:
  int fd_ = -1;
};

}  // namespace kr
