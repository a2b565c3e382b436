// Setting up a token under quorum (its own library so that quorum, which the auditor's offline
// tools use, does not need PKCS#11): a random 256-bit secret that no person chooses, the SO and
// user PINs derived from it, the token initialised, the ceremony audit key made in it, and the
// secret split among the custodians (share files + descriptor + the audit key's public PEM).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "pkcs11/module.h"
#include "pkcs11/token.h"
#include "quorum/share_set.h"

namespace kr::token_setup {

struct QuorumTokenPlan {
  pkcs11::ModuleSpec module;
  std::string label;
  int threshold = 0;
  std::vector<quorum::CustodianAssignment> custodians;  // with passphrases already collected
  std::filesystem::path descriptor;
  quorum::KdfParams kdf;
};

struct QuorumTokenResult {
  pkcs11::TokenInfo token;
  quorum::Descriptor descriptor;
  std::filesystem::path audit_key_pem;
  std::string audit_key_spki_sha256;
};

// "<descriptor>.audit-key.pem"
std::filesystem::path audit_key_pem_path(const std::filesystem::path& descriptor);

// Every output of the plan, in the order share files, descriptor, audit key PEM.
std::vector<std::filesystem::path> planned_outputs(const std::vector<std::string>& share_paths,
                                                   const std::filesystem::path& descriptor);

// The token side of the plan, checked before anyone types a passphrase: the label fits, the
// module loads, no token has the label yet, and there is a free slot. Throws naming the problem;
// returns the loaded module.
std::shared_ptr<pkcs11::Module> check_token_free(const pkcs11::ModuleSpec& module,
                                                 const std::string& label);

// Checks the whole plan (check_share_set_plan, passphrases, label free) before the token is
// touched; then initialises it. Every file appears only when all of them can; a failure after
// C_InitToken says so, since that token's PINs are then known to no one.
QuorumTokenResult init_token_under_quorum(const QuorumTokenPlan& plan);

}  // namespace kr::token_setup
