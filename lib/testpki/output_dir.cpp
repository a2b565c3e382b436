#include "testpki/output_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/error.h"

namespace kr::testpki {

namespace fs = std::filesystem;

OutputDir::OutputDir(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  if (fs::exists(dir_, ec)) {
    if (!fs::is_directory(dir_, ec))
      throw UsageError(dir_.string() + " exists and is not a directory");
    if (!fs::is_empty(dir_, ec))
      throw UsageError(dir_.string() + " is not empty; kr-testpki never overwrites",
                       "name a new directory, or empty this one");
    return;
  }
  if (!fs::create_directories(dir_, ec) || ec)
    throw Error("cannot create " + dir_.string() + ": " + ec.message());
  created_ = true;
}

OutputDir::~OutputDir() {
  if (committed_) return;
  std::error_code ec;
  if (created_) {
    fs::remove_all(dir_, ec);
    return;
  }
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec))
    fs::remove_all(it->path(), ec);
}

UniqueFd OutputDir::create(const std::string& name, mode_t mode) const {
  const fs::path target = dir_ / name;
  UniqueFd fd(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (!fd) throw Error("cannot create " + target.string() + ": " + std::strerror(errno));
  return fd;
}

void OutputDir::write(const std::string& name, ByteView bytes, mode_t mode) const {
  const fs::path target = dir_ / name;
  UniqueFd fd = create(name, mode);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error("cannot write " + target.string() + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
  if (!fd.close()) throw Error("cannot write " + target.string() + ": " + std::strerror(errno));
}

}  // namespace kr::testpki
