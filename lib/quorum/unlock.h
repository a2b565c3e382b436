// Presenting shares: one custodian's share file is checked against the descriptor and opened
// with their passphrase; m opened shares are combined and the result checked against the
// descriptor's secret-check. Every refusal happens before anything is combined.
#pragma once

#include <filesystem>
#include <vector>

#include "quorum/custodian_key.h"
#include "quorum/derive.h"
#include "quorum/descriptor.h"
#include "quorum/errors.h"
#include "quorum/shamir.h"
#include "quorum/share_file.h"

namespace kr::quorum {

struct UnlockedShare {
  ShareHeader header;
  Share share;
  CustodianKey key;
};

// Checks, in this order, before running the KDF: the file parses; it belongs to the descriptor's
// set, purpose and token; its custodian, index and public key are on the descriptor's roster;
// its SHA-256 is the one the descriptor records (else: modified). Then decrypts (WrongPassphrase
// naming the custodian) and checks the share against its commitment (ShareRejected).
UnlockedShare unlock_share(const std::filesystem::path& file, const Descriptor& d,
                           const Secret& passphrase);

// The same two halves, so a presentation is checked before anyone types: check_share_file runs
// every check that needs no passphrase (ShareRejected naming whose file it is); open_checked_share
// decrypts (WrongPassphrase) and checks the share against its commitment.
ShareFile check_share_file(const std::filesystem::path& file, const Descriptor& d);
UnlockedShare open_checked_share(const std::filesystem::path& file, const ShareFile& parsed,
                                 const Descriptor& d, const Secret& passphrase);

// Refuses fewer than d.threshold shares (QuorumNotMet), a custodian or index presented twice or
// a share of another set (ShareRejected); combines, and refuses a result whose secret-check
// differs from the descriptor's (QuorumNotMet).
Secret combine_shares(const Descriptor& d, const std::vector<const UnlockedShare*>& shares);

}  // namespace kr::quorum
