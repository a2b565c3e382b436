// rotate_share_set: combine under the old set, split under the new one.
#include "quorum/rotate.h"

namespace kr::quorum {

Descriptor rotate_share_set(const Descriptor& old,
                            const std::vector<const UnlockedShare*>& presented,
                            const Rotation& rotation, const std::filesystem::path& new_descriptor) {
  Secret secret = combine_shares(old, presented);
  ShareSetSpec spec;
  spec.purpose = old.purpose;
  spec.token_label = old.token_label;
  spec.token_serial = old.token_serial;
  spec.threshold = rotation.threshold;
  spec.kdf = rotation.kdf;
  for (const auto& c : rotation.custodians)
    spec.custodians.push_back({c.name, c.share_file, c.passphrase.clone()});
  auto pending = prepare_share_set(secret, spec, new_descriptor);
  pending.commit();
  return pending.descriptor();
}

}  // namespace kr::quorum
