// Re-splitting a share set's secret under a new roster or threshold. Needs the old quorum: the
// secret is recovered from m old shares (checked against the old descriptor) and split again
// with a new set id and new custodian keys. The old files stay as they are; retire them by hand.
#pragma once

#include <filesystem>
#include <vector>

#include "quorum/share_set.h"
#include "quorum/unlock.h"

namespace kr::quorum {

struct Rotation {
  int threshold = 0;
  std::vector<CustodianAssignment> custodians;
  KdfParams kdf;
};

// Combines `presented` under `old` (every refusal of combine_shares applies), then writes the new
// share files and descriptor for the same purpose and token. Returns the new descriptor.
Descriptor rotate_share_set(const Descriptor& old,
                            const std::vector<const UnlockedShare*>& presented,
                            const Rotation& rotation, const std::filesystem::path& new_descriptor);

}  // namespace kr::quorum
