// A private temporary directory, removed with everything in it when the object goes away. Replay
// parses the embedded script inside one (see embedded_script.h).
#pragma once

#include <filesystem>

namespace kr::replay {

class StagingDir {
 public:
  StagingDir();  // under $TMPDIR (or /tmp); throws kr::Error when it cannot be made
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  ~StagingDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace kr::replay
