// A share presented as a directory (a USB stick's mount point): the one share file in it that
// belongs to the ceremony's share set. A directory with none names whose shares it does hold.
#pragma once

#include <filesystem>

#include "quorum/descriptor.h"

namespace kr::ceremony {

// `path` itself when it is not a directory; else the directory's one share file of set d.set_id.
// Throws quorum::ShareRejected naming the shares found when there is not exactly one.
std::filesystem::path locate_share(const std::filesystem::path& path, const quorum::Descriptor& d);

}  // namespace kr::ceremony
