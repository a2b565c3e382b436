#include "util/version.h"

#include "kr_revision.h"  // generated: KR_VERSION, KR_SOURCE_REVISION

namespace kr {

const char* version() {
  return KR_VERSION;
}

const char* source_revision() {
  return KR_SOURCE_REVISION;
}

std::string version_line(const std::string& tool) {
  return tool + " " + version() + " (source revision " + source_revision() + ")";
}

}  // namespace kr
