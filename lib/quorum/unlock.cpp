// unlock_share and combine_shares.
#include "quorum/unlock.h"

#include <openssl/crypto.h>

#include "ossl/digest.h"
#include "util/atomic_file.h"
#include "util/regular_file.h"

namespace kr::quorum {
namespace {

[[noreturn]] void reject(const std::filesystem::path& file, const std::string& custodian,
                         const std::string& problem, const std::string& hint = {}) {
  throw ShareRejected(file.string() + " (custodian " + custodian + "): " + problem, hint);
}

bool same_text(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

UnlockedShare unlock_share(const std::filesystem::path& file, const Descriptor& d,
                           const Secret& passphrase) {
  return open_checked_share(file, check_share_file(file, d), d, passphrase);
}

ShareFile check_share_file(const std::filesystem::path& file, const Descriptor& d) {
  auto bytes = read_regular_file(file, kMaxShareFileBytes, "the share file");
  auto parsed = parse_share_file(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), file.string());
  const auto& h = parsed.header;
  const std::string& who = h.custodian;
  if (h.set_id != d.set_id)
    reject(file, who,
           "belongs to share set " + h.set_id + ", not to set " + d.set_id + " of the descriptor",
           "present the share file of this set (token " + d.token_label + ")");
  if (h.purpose != d.purpose)
    reject(
        file, who,
        "is a " + to_string(h.purpose) + " share; the descriptor is for " + to_string(d.purpose));
  if (h.token_label != d.token_label || h.token_serial != d.token_serial)
    reject(file, who,
           "is for token \"" + h.token_label + "\" (serial " + h.token_serial + "), not \"" +
               d.token_label + "\" (serial " + d.token_serial + ")");
  if (h.threshold != d.threshold || h.shares != d.shares)
    reject(file, who,
           "says " + std::to_string(h.threshold) + "-of-" + std::to_string(h.shares) +
               "; the descriptor says " + std::to_string(d.threshold) + "-of-" +
               std::to_string(d.shares));
  const DescriptorShare* entry = d.find_custodian(who);
  if (!entry) reject(file, who, "custodian " + who + " is not on the descriptor's roster");
  if (entry->index != h.index || entry->custodian_public_key != h.custodian_public_key)
    reject(file, who, "index or custodian public key differs from the descriptor's entry");
  if (ossl::sha256_hex(bytes) != entry->file_sha256)
    reject(file, who,
           "the file has been modified since the share set was made (its SHA-256 "
           "differs from the descriptor's file-sha256)",
           "do not use this file; the custodian's original copy may be intact");
  return parsed;
}

UnlockedShare open_checked_share(const std::filesystem::path& file, const ShareFile& parsed,
                                 const Descriptor& d, const Secret& passphrase) {
  const auto& h = parsed.header;
  const std::string& who = h.custodian;
  const DescriptorShare* entry = d.find_custodian(who);
  if (!entry) reject(file, who, "custodian " + who + " is not on the descriptor's roster");
  auto opened = open_share_file(parsed, passphrase, file.string());
  if (!same_text(share_commitment(d.set_id, opened.share), entry->share_commitment))
    reject(file, who, "the decrypted share does not match the descriptor's share-commitment");
  return UnlockedShare{h, std::move(opened.share), std::move(opened.key)};
}

Secret combine_shares(const Descriptor& d, const std::vector<const UnlockedShare*>& shares) {
  for (std::size_t i = 0; i < shares.size(); ++i) {
    const auto& h = shares[i]->header;
    if (h.set_id != d.set_id)
      throw ShareRejected("the share of custodian " + h.custodian + " belongs to set " + h.set_id +
                          ", not " + d.set_id);
    for (std::size_t j = 0; j < i; ++j) {
      if (shares[j]->header.custodian == h.custodian)
        throw ShareRejected("custodian " + h.custodian + " presented a share twice",
                            "each custodian counts once; another custodian must present");
      if (shares[j]->share.index == shares[i]->share.index)
        throw ShareRejected("share index " + std::to_string(shares[i]->share.index) +
                            " was presented twice (custodians " + shares[j]->header.custodian +
                            " and " + h.custodian + ")");
    }
  }
  if (shares.size() < static_cast<std::size_t>(d.threshold))
    throw QuorumNotMet(
        std::to_string(shares.size()) + " of the " + std::to_string(d.threshold) +
            " shares needed were presented",
        "the share set is " + std::to_string(d.threshold) + "-of-" + std::to_string(d.shares));
  std::vector<Share> points;
  for (const auto* s : shares) points.push_back(Share{s->share.index, s->share.value.clone()});
  Secret secret = combine(points);
  if (!same_text(secret_check(secret), d.secret_check))
    throw QuorumNotMet(
        "the presented shares do not combine to the secret the descriptor "
        "commits to");
  return secret;
}

}  // namespace kr::quorum
