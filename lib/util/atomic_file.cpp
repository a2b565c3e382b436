// AtomicFile: temporary file, fsync, rename without replacing.
#include "util/atomic_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "util/error.h"
#include "util/regular_file.h"

namespace kr {
namespace {

std::string errno_text() {
  return std::strerror(errno);
}

std::filesystem::path parent_or_dot(const std::filesystem::path& p) {
  auto parent = p.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path target, mode_t mode) : target_(std::move(target)) {
  if (std::filesystem::exists(std::filesystem::symlink_status(target_)))
    throw Error(target_.string() + ": already exists; keyrite never overwrites a file",
                "move the old file away or choose another output name");
  std::random_device rd;
  for (int attempt = 0; attempt < 16 && !fd_; ++attempt) {
    temp_ = parent_or_dot(target_) /
            ("." + target_.filename().string() + ".tmp-" + std::to_string(rd()));
    fd_.reset(::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
    if (!fd_ && errno != EEXIST) break;
  }
  if (!fd_) throw Error(target_.string() + ": cannot create a temporary file: " + errno_text());
}

AtomicFile::~AtomicFile() {
  fd_.reset();
  if (!committed_) ::unlink(temp_.c_str());
}

void AtomicFile::write(ByteView bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd_.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(target_.string() + ": write failed: " + errno_text());
    done += static_cast<std::size_t>(n);
  }
}

void AtomicFile::commit() {
  if (::fsync(fd_.get()) != 0) throw Error(target_.string() + ": fsync failed: " + errno_text());
  fd_.reset();
  if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0) {
    if (errno == EEXIST)
      throw Error(target_.string() + ": already exists; keyrite never overwrites a file");
    throw Error(target_.string() + ": rename failed: " + errno_text());
  }
  committed_ = true;
  fsync_directory(parent_or_dot(target_));
}

void write_new_file(const std::filesystem::path& target, ByteView bytes, mode_t mode) {
  AtomicFile file(target, mode);
  file.write(bytes);
  file.commit();
}

// Every whole-file read goes through the regular-file check and a size limit.
Bytes read_file(const std::filesystem::path& path) {
  return read_regular_file(path, kDefaultMaxFileBytes, "the file");
}

void append_synced(const std::filesystem::path& path, std::string_view line,
                   const std::string& what) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!fd) throw Error(path.string() + ": cannot open " + what + ": " + errno_text());
  ssize_t n = ::write(fd.get(), line.data(), line.size());
  int sync = ::fsync(fd.get());
  fd.reset();
  if (n != static_cast<ssize_t>(line.size()) || sync != 0)
    throw Error(path.string() + ": cannot write " + what + ": " + errno_text());
  fsync_directory(parent_or_dot(path));
}

void fsync_directory(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) throw Error(dir.string() + ": cannot open directory: " + errno_text());
  int rc = ::fsync(fd.get());
  fd.reset();
  if (rc != 0) throw Error(dir.string() + ": fsync failed: " + errno_text());
}

}  // namespace kr
