// restore-key at the library level: check a backup blob and descriptor against each other and
// the KEK, unwrap into the token as sensitive and never extractable, put the public key back, and
// prove the restored pair is the one the descriptor names.
#pragma once

#include <filesystem>
#include <string>

#include "backup/kek.h"
#include "pkcs11/keys.h"
#include "pkcs11/session.h"

namespace kr::backup {

struct RestoreResult {
  pkcs11::KeyPair pair;     // as found on the token afterwards
  std::string spki_sha256;  // hex; equals the descriptor's
  std::string blob_sha256;  // hex
  std::string mechanism;    // PKCS#11 mechanism that computed RFC 5649 on this token
};

// In this order, each refusal naming the file and field: the descriptor parses and agrees with
// itself; the blob's size and SHA-256 match it; `kek` (imported with KekUse::unwrap) has the
// descriptor's check value (a wrong KEK is named here, before any unwrap); the descriptor MAC
// verifies under the KEK; `label` and the descriptor's CKA_ID are free on the token. Then unwraps
// with CKA_TOKEN, CKA_PRIVATE, CKA_SENSITIVE, CKA_EXTRACTABLE=false, CKA_SIGN only, creates the
// public key object from the descriptor's SPKI, reads both back, checks the attributes and the
// SPKI SHA-256, and has the token sign a challenge that must verify under the descriptor's public
// key. If any check after the unwrap fails, the objects it made are destroyed before the throw.
RestoreResult restore_key(pkcs11::Session& session, const std::filesystem::path& blob_path,
                          const std::filesystem::path& descriptor_path, const BackupKek& kek,
                          const std::string& label);

}  // namespace kr::backup
