// Files that appear whole or not at all, and never replace an existing file.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "util/bytes.h"
#include "util/unique_fd.h"

namespace kr {

// Writes to a temporary file beside the target; commit() fsyncs it and renames it into place with
// RENAME_NOREPLACE, so an existing file is never overwritten, even by a racing writer. Without
// commit(), the destructor removes the temporary file: a failed step leaves nothing behind.
class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target, mode_t mode = 0644);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();

  void write(ByteView bytes);
  void write(std::string_view text) { write(as_bytes(text)); }
  void commit();
  const std::filesystem::path& target() const { return target_; }

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  UniqueFd fd_;
  bool committed_ = false;
};

// One-shot form of AtomicFile.
void write_new_file(const std::filesystem::path& target, ByteView bytes, mode_t mode = 0644);

// Reads a whole file; throws kr::Error naming the path on failure.
Bytes read_file(const std::filesystem::path& path);

// Appends `line` to an append-only record file (created if missing, mode 0644), fsyncs the file
// and its directory before returning; `what` names the record in errors ("the inventory").
void append_synced(const std::filesystem::path& path, std::string_view line,
                   const std::string& what);

// fsync a directory so a rename or create in it survives power loss.
void fsync_directory(const std::filesystem::path& dir);

}  // namespace kr
