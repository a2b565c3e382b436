// UniqueFd: the descriptor is closed exactly once, by whoever owns it last.
#include "util/unique_fd.h"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

using kr::UniqueFd;

namespace {

bool is_open(int fd) {
  return ::fcntl(fd, F_GETFD) >= 0;
}

}  // namespace

TEST_SUITE("util::UniqueFd") {
  TEST_CASE("the destructor closes the descriptor") {
    int raw = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    REQUIRE(raw >= 0);
    {
      UniqueFd fd(raw);
      CHECK(is_open(raw));
    }
    CHECK_FALSE(is_open(raw));
  }

  TEST_CASE("a move hands the descriptor over; the moved-from owner closes nothing") {
    UniqueFd a(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    int raw = a.get();
    UniqueFd b(std::move(a));
    CHECK_FALSE(a);
    CHECK(b.get() == raw);
    a.reset();
    CHECK(is_open(raw));
    UniqueFd c;
    c = std::move(b);
    CHECK(is_open(raw));
    c.reset();
    CHECK_FALSE(is_open(raw));
  }

  TEST_CASE("close reports success once, then EBADF") {
    UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    int raw = fd.get();
    CHECK(fd.close());
    CHECK_FALSE(is_open(raw));
    CHECK_FALSE(fd);
    errno = 0;
    CHECK_FALSE(fd.close());
    CHECK(errno == EBADF);
  }

  TEST_CASE("release gives the descriptor up without closing it") {
    UniqueFd fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    int raw = fd.release();
    CHECK_FALSE(fd);
    CHECK(is_open(raw));
    UniqueFd(raw).reset();
    CHECK_FALSE(is_open(raw));
  }
}
