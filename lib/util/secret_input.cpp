// Terminal and file-descriptor input for secrets.
#include "util/secret_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"
#include "util/unique_fd.h"

namespace kr {
namespace {

constexpr std::size_t kMaxSecret = 4096;

Secret read_line(int fd, const std::string& what) {
  Secret out;
  for (;;) {
    char c;
    ssize_t n = ::read(fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error("cannot read " + what + ": " + std::strerror(errno));
    if (n == 0 || c == '\n') break;
    if (out.size() >= kMaxSecret) throw Error(what + " is longer than 4096 bytes");
    out.push_back(static_cast<std::uint8_t>(c));
  }
  if (!out.empty() && out.data()[out.size() - 1] == '\r') out.pop_back();
  return out;
}

}  // namespace

Secret read_secret_from_terminal(const std::string& prompt) {
  UniqueFd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC));
  if (!tty)
    throw Error("no terminal to read the " + prompt + " from",
                "pass it on a file descriptor instead (see --help)");
  termios saved{};
  bool restore = ::tcgetattr(tty.get(), &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(tty.get(), TCSAFLUSH, &quiet);
  }
  std::string text = prompt + ": ";
  (void)!::write(tty.get(), text.data(), text.size());
  Secret secret;
  try {
    secret = read_line(tty.get(), prompt);
  } catch (...) {
    if (restore) ::tcsetattr(tty.get(), TCSAFLUSH, &saved);
    throw;
  }
  if (restore) ::tcsetattr(tty.get(), TCSAFLUSH, &saved);
  (void)!::write(tty.get(), "\n", 1);
  return secret;
}

std::string read_line_from_terminal(const std::string& prompt) {
  UniqueFd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC));
  if (!tty) throw Error("no terminal to read the " + prompt + " from");
  std::string text = prompt + ": ";
  (void)!::write(tty.get(), text.data(), text.size());
  Secret line = read_line(tty.get(), prompt);
  return std::string(line.view());
}

Secret read_secret_from_file(const std::string& path, const std::string& what) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Error(path + ": cannot open the " + what + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || (st.st_mode & 077) != 0)
    throw Error(path + ": the " + what + " file is readable by others",
                "chmod 600 " + path + " (a secret file must be its owner's alone)");
  return read_secret_from_fd(fd.get(), what);
}

Secret read_secret_from_fd(int fd, const std::string& what) {
  if (::fcntl(fd, F_GETFD) < 0)
    throw Error("file descriptor " + std::to_string(fd) + " for the " + what + " is not open");
  return read_line(fd, what);
}

}  // namespace kr
