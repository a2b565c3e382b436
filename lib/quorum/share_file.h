// A custodian's share file: a readable header of `key: value` lines in a fixed order, a blank
// line, then base64 of AES-256-GCM(ciphertext || tag). The GCM key is Argon2id of the
// custodian's passphrase; the exact header bytes are the AAD, so no header field can be changed
// without the passphrase failing to open the file. README.md in this folder is the format's spec.
#pragma once

#include <filesystem>
#include <string>

#include "quorum/custodian_key.h"
#include "quorum/kdf.h"
#include "quorum/shamir.h"
#include "util/bytes.h"
#include "util/secret.h"

namespace kr::quorum {

enum class Purpose { activation, key_backup };
std::string to_string(Purpose purpose);  // "activation", "key-backup"

struct ShareHeader {
  std::string set_id;  // 32 lower-case hex digits (128 random bits)
  Purpose purpose = Purpose::activation;
  std::string token_label;
  std::string token_serial;
  int threshold = 0;  // m
  int shares = 0;     // n
  int index = 0;      // this share's x coordinate, 1..255
  std::string custodian;
  Bytes custodian_public_key;  // raw Ed25519, 32 bytes
  KdfParams kdf;
  Bytes kdf_salt;  // 16 bytes
  Bytes nonce;     // 12 bytes (GCM IV)
};

// The header lines exactly as written to the file (and used as AAD), each ending in '\n'.
std::string format_header(const ShareHeader& header);

// Why a custodian name cannot be used, or nullopt: a display name (util/display_name.h: valid
// UTF-8, no control characters, no leading or trailing blank; spaces, accents and apostrophes are
// fine) of at most 64 bytes without '='.
std::optional<std::string> custodian_name_problem(const std::string& name);

// A parsed share file; nothing decrypted yet.
struct ShareFile {
  ShareHeader header;
  std::string header_text;  // the AAD
  Bytes sealed;             // ciphertext || 16-byte tag
};

// Strict parsing: every error is "<what>:<line>: <field>: <problem>". KDF parameters and sizes
// are checked here, before any KDF runs.
ShareFile parse_share_file(std::string_view contents, const std::string& what);
// A share file is a few hundred bytes; anything beyond this is not one and is not read.
constexpr std::size_t kMaxShareFileBytes = 64 * 1024;
ShareFile read_share_file(const std::filesystem::path& path);

// The whole file text for a share: fills in a fresh random salt and nonce in `header`.
std::string seal_share_file(ShareHeader& header, const Share& share, const CustodianKey& key,
                            const Secret& passphrase);

struct OpenedShare {
  Share share;
  CustodianKey key;
};
// Decrypts with the passphrase; WrongPassphrase (naming the custodian) when the tag does not
// verify, kr::Error naming `what` for a payload that decrypts but is malformed.
OpenedShare open_share_file(const ShareFile& file, const Secret& passphrase,
                            const std::string& what);

}  // namespace kr::quorum
