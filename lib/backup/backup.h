// backup-key at the library level: wrap a backup-marked private key under the recovery KEK and
// write the blob and its descriptor to the backup media, never overwriting.
#pragma once

#include <filesystem>
#include <string>

#include "backup/kek.h"
#include "pkcs11/keys.h"
#include "pkcs11/session.h"

namespace kr::backup {

struct BackupResult {
  std::filesystem::path blob_path;        // <media>/<label>.key-backup.bin, mode 0600
  std::filesystem::path descriptor_path;  // <media>/<label>.key-backup.json, mode 0644
  std::string blob_sha256;                // hex, for the event log
  std::string descriptor_sha256;          // hex, for the event log
  std::string spki_sha256;                // hex
  std::string mechanism;                  // PKCS#11 mechanism that computed RFC 5649
};

// Finds the key pair labelled `label` and wraps its private key with RFC 5649 under `kek` (imported
// with KekUse::wrap) and writes the blob and descriptor into `media_dir`. Refuses, before the token
// wraps anything: a label that is not a safe file name ([A-Za-z0-9._-], not starting with '.'),
// output files that already exist, a key not generated with Backup::trusted_wrap_only
// (CKA_EXTRACTABLE and CKA_WRAP_WITH_TRUSTED), a KEK imported for unwrapping. A token that refuses
// because the KEK is not trusted gives an error with the SO flow as hint. On failure no file is
// left behind. It takes a label, not a KeyPair, because the SO login the trusted KEK needs logs the
// user out, and SoftHSM invalidates the handles of private objects at logout: a KeyPair found
// before it would name a dead handle (CKR_OBJECT_HANDLE_INVALID).
BackupResult backup_key(pkcs11::Session& session, const std::string& label, const BackupKek& kek,
                        const std::filesystem::path& media_dir);

}  // namespace kr::backup
