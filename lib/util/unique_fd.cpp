// The one place keyrite calls ::close (scripts/check-sources enforces it).
#include "util/unique_fd.h"

#include <unistd.h>

namespace kr {

void UniqueFd::reset(int fd) noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

bool UniqueFd::close() noexcept {
  return ::close(std::exchange(fd_, -1)) == 0;
}

}  // namespace kr
