// mkdtemp and remove_all.
#include "replay/staging_dir.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

#include "util/error.h"

namespace kr::replay {

StagingDir::StagingDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kr-replay-XXXXXX").string();
  if (!::mkdtemp(pattern.data()))
    throw Error(
        "cannot make a temporary directory for the replay: " + std::string(std::strerror(errno)),
        "set TMPDIR to a writable directory");
  path_ = pattern;
}

StagingDir::~StagingDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace kr::replay
