#include "util/data_dir.h"

#include <cstdlib>
#include <string>
#include <system_error>

#include "util/error.h"

namespace kr {
namespace {

std::filesystem::path find_data_dir() {
  if (const char* env = std::getenv("KEYRITE_DATA_DIR"); env != nullptr && *env != '\0') {
    std::filesystem::path dir(env);
    if (!std::filesystem::is_directory(dir / "profiles"))
      throw Error("KEYRITE_DATA_DIR=" + dir.string() + " holds no profiles/ directory",
                  "point it at the directory holding profiles/ and documents/ "
                  "(installed: PREFIX/share/keyrite)");
    return dir;
  }
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec)
    throw Error("cannot find keyrite's data files: /proc/self/exe: " + ec.message(),
                "set KEYRITE_DATA_DIR to the directory holding profiles/ and documents/");
  std::string looked;
  auto dir = exe.parent_path();
  for (int up = 0; up < 2 && dir.has_parent_path(); ++up) {
    dir = dir.parent_path();
    const auto candidate = dir / "share" / "keyrite";
    if (std::filesystem::is_directory(candidate / "profiles", ec)) return candidate;
    looked += (looked.empty() ? "" : ", ") + candidate.string();
  }
  throw Error("keyrite's data files (profiles/, documents/) are not installed beside " +
                  exe.string() + " (looked in " + looked + ")",
              "install keyrite with cmake --install or its package, or set KEYRITE_DATA_DIR");
}

}  // namespace

std::filesystem::path data_dir() {
  // Found once: later calls may come after the process made itself non-dumpable, when
  // /proc/self/exe can no longer be read.
  static const std::filesystem::path dir = find_data_dir();
  return dir;
}

}  // namespace kr
