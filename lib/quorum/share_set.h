// Making a share set: split a secret among named custodians, seal one share file per custodian
// with their passphrase and a fresh custodian key, and write the descriptor that commits to them.
// Used by kr-token init --quorum, kr-quorum rotate and key backup.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quorum/descriptor.h"
#include "quorum/kdf.h"
#include "util/atomic_file.h"
#include "util/secret.h"

namespace kr::quorum {

constexpr std::size_t kMinPassphraseSize = 8;

struct CustodianAssignment {
  std::string name;
  std::filesystem::path share_file;
  Secret passphrase;
};

struct ShareSetSpec {
  Purpose purpose = Purpose::activation;
  std::string token_label;
  std::string token_serial;
  int threshold = 0;  // m; n is custodians.size()
  std::vector<CustodianAssignment> custodians;
  KdfParams kdf;
};

// Why a passphrase is refused (shorter than 8 bytes), or nullopt.
std::optional<std::string> passphrase_problem(const Secret& passphrase);

// What can be checked before a token is touched: 2 <= m <= n <= 255, custodian names valid and
// distinct, share paths and the descriptor path distinct, not existing, in existing writable
// directories, KDF parameters.
// Throws kr::UsageError naming the problem. Passphrases are checked by prepare_share_set.
void check_share_set_plan(int threshold, const std::vector<std::string>& names,
                          const std::vector<std::filesystem::path>& outputs, const KdfParams& kdf);

// Every file of a new set, written to temporary files and not yet visible.
class PendingShareSet {
 public:
  const Descriptor& descriptor() const { return descriptor_; }
  // Renames every file into place (never replacing one); if one fails, the ones already placed
  // are removed again, so a set appears whole or not at all.
  void commit();

 private:
  friend PendingShareSet prepare_share_set(const Secret&, const ShareSetSpec&,
                                           const std::filesystem::path&);
  Descriptor descriptor_;
  std::vector<std::unique_ptr<AtomicFile>> files_;
};

// Splits `secret` m-of-n (custodian k gets index k+1), seals each share file (mode 0600) and the
// descriptor (0644), with a new random set id and a new custodian key per custodian.
PendingShareSet prepare_share_set(const Secret& secret, const ShareSetSpec& spec,
                                  const std::filesystem::path& descriptor_path);

}  // namespace kr::quorum
