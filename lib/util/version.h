// keyrite's version and the source revision the binary was built from (the git commit, written
// by cmake/revision.cmake at build time), for --version and every transcript's first line.
#pragma once

#include <string>

namespace kr {

// "0.1.0"
const char* version();

// "3f2a9c1d4e5b" (12 hex digits of the commit, "-dirty" when tracked files had changes), or what
// KEYRITE_REVISION said at build time (a build from a source tarball), else "unknown".
const char* source_revision();

// "kr-lint 0.1.0 (source revision 3f2a9c1d4e5b)"
std::string version_line(const std::string& tool);

}  // namespace kr
