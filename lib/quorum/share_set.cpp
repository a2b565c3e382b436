// Share-set creation with all-or-nothing commit.
#include "quorum/share_set.h"

#include <openssl/rand.h>
#include <unistd.h>

#include <set>

#include "ossl/digest.h"
#include "ossl/error.h"
#include "quorum/derive.h"
#include "quorum/shamir.h"
#include "util/error.h"
#include "util/time.h"

namespace kr::quorum {

std::optional<std::string> passphrase_problem(const Secret& passphrase) {
  if (passphrase.size() < kMinPassphraseSize)
    return "a passphrase must have at least " + std::to_string(kMinPassphraseSize) + " characters";
  return std::nullopt;
}

void check_share_set_plan(int threshold, const std::vector<std::string>& names,
                          const std::vector<std::filesystem::path>& outputs, const KdfParams& kdf) {
  const int n = static_cast<int>(names.size());
  if (threshold < 2)
    throw UsageError("a quorum of " + std::to_string(threshold) + " is not a quorum",
                     "m must be at least 2 (CPS 5.2.2 asks for 3)");
  if (n > 255)
    throw UsageError("at most 255 custodians can share a secret, not " + std::to_string(n));
  if (threshold > n)
    throw UsageError(std::to_string(threshold) + "-of-" + std::to_string(n) +
                     ": the threshold is larger than the number of custodians");
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (auto problem = custodian_name_problem(name)) throw UsageError(*problem);
    if (!seen.insert(name).second) throw UsageError("custodian " + name + " is named twice");
  }
  if (auto problem = kdf_params_problem(kdf)) throw UsageError(*problem);
  std::set<std::filesystem::path> paths;
  for (const auto& out : outputs) {
    auto normal = std::filesystem::absolute(out).lexically_normal();
    if (!paths.insert(normal).second)
      throw UsageError(out.string() + " is named as an output twice");
    if (std::filesystem::exists(std::filesystem::symlink_status(out)))
      throw UsageError(out.string() + ": already exists; keyrite never overwrites a file",
                       "move the old file away or choose another output name");
    // The directory must be there and writable now, not after the token is initialised.
    const auto dir = normal.parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
      throw UsageError(out.string() + ": the directory " + dir.string() + " does not exist",
                       "create it first (or mount the custodian's medium there)");
    if (access(dir.c_str(), W_OK | X_OK) != 0)
      throw UsageError(out.string() + ": the directory " + dir.string() + " is not writable");
  }
}

PendingShareSet prepare_share_set(const Secret& secret, const ShareSetSpec& spec,
                                  const std::filesystem::path& descriptor_path) {
  std::vector<std::string> names;
  std::vector<std::filesystem::path> outputs;
  for (const auto& c : spec.custodians) {
    names.push_back(c.name);
    outputs.push_back(c.share_file);
    if (auto problem = passphrase_problem(c.passphrase))
      throw UsageError("custodian " + c.name + ": " + *problem);
  }
  outputs.push_back(descriptor_path);
  check_share_set_plan(spec.threshold, names, outputs, spec.kdf);

  Bytes id(16);
  if (RAND_bytes(id.data(), static_cast<int>(id.size())) != 1) ossl::throw_error("random set id");
  const int n = static_cast<int>(spec.custodians.size());
  auto shares = split(secret, spec.threshold, n);

  PendingShareSet set;
  Descriptor& d = set.descriptor_;
  d.set_id = to_hex(id);
  d.purpose = spec.purpose;
  d.token_label = spec.token_label;
  d.token_serial = spec.token_serial;
  d.threshold = spec.threshold;
  d.shares = n;
  d.created = format_utc(utc_now());
  d.secret_check = secret_check(secret);
  for (int k = 0; k < n; ++k) {
    const auto& c = spec.custodians[static_cast<std::size_t>(k)];
    const auto& share = shares[static_cast<std::size_t>(k)];
    ShareHeader h;
    h.set_id = d.set_id;
    h.purpose = spec.purpose;
    h.token_label = spec.token_label;
    h.token_serial = spec.token_serial;
    h.threshold = spec.threshold;
    h.shares = n;
    h.custodian = c.name;
    h.kdf = spec.kdf;
    auto key = CustodianKey::generate();
    std::string text = seal_share_file(h, share, key, c.passphrase);
    auto file = std::make_unique<AtomicFile>(c.share_file, 0600);
    file->write(text);
    set.files_.push_back(std::move(file));
    d.custodians.push_back(DescriptorShare{share.index, c.name, key.public_key(),
                                           ossl::sha256_hex(as_bytes(text)),
                                           share_commitment(d.set_id, share)});
  }
  auto descriptor = std::make_unique<AtomicFile>(descriptor_path, 0644);
  descriptor->write(descriptor_text(d));
  set.files_.push_back(std::move(descriptor));
  return set;
}

void PendingShareSet::commit() {
  std::vector<std::filesystem::path> placed;
  try {
    for (auto& f : files_) {
      f->commit();
      placed.push_back(f->target());
    }
  } catch (...) {
    std::error_code ignored;
    for (const auto& p : placed) std::filesystem::remove(p, ignored);
    throw;
  }
}

}  // namespace kr::quorum
