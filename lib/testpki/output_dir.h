// The output directory: new or empty when kr-testpki starts, every file created with O_EXCL (never
// an overwrite), and emptied again if generation fails, so a failed run leaves nothing behind.
// Files are not fsynced one by one: these are throwaway test hierarchies, and 100,000 fsyncs
// would take longer than making the certificates.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "util/bytes.h"
#include "util/unique_fd.h"

namespace kr::testpki {

class OutputDir {
 public:
  // Creates `dir` (and its parents) or accepts an existing empty directory; throws otherwise.
  explicit OutputDir(std::filesystem::path dir);
  ~OutputDir();  // removes everything written unless commit() was called
  OutputDir(const OutputDir&) = delete;
  OutputDir& operator=(const OutputDir&) = delete;

  // Writes dir/name, which must not exist; thread-safe.
  void write(const std::string& name, ByteView bytes, mode_t mode = 0644) const;
  void write(const std::string& name, std::string_view text, mode_t mode = 0644) const {
    write(name, as_bytes(text), mode);
  }
  // Creates dir/name (O_EXCL) for a file written in pieces; a writer checks close() for errors.
  UniqueFd create(const std::string& name, mode_t mode = 0644) const;
  const std::filesystem::path& path() const { return dir_; }
  void commit() { committed_ = true; }

 private:
  std::filesystem::path dir_;
  bool created_ = false;
  bool committed_ = false;
};

}  // namespace kr::testpki
