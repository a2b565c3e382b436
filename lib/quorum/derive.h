// Everything keyrite derives from a quorum secret, by HKDF-SHA256 (RFC 5869, no salt) with an
// info string per use, so a PIN never reveals the KEK or the secret-check, and none is chosen
// by a person.
#pragma once

#include <string>
#include <string_view>

#include "util/secret.h"

namespace kr::quorum {

// HKDF-SHA256 of `key` with an empty salt.
Secret hkdf_sha256(const Secret& key, std::string_view info, std::size_t length);

// 32 lower-case hex characters (128 bits), which SoftHSM and NSS softokn accept as PINs.
Secret derive_user_pin(const Secret& secret);  // info "keyrite user pin"
Secret derive_so_pin(const Secret& secret);    // info "keyrite so pin"
// 32 bytes for AES key wrap of CA key backups; info "keyrite backup kek".
Secret derive_backup_kek(const Secret& secret);

// The descriptor's secret-check: lower-case hex SHA-256 of HKDF(secret, "keyrite secret check",
// 32). Lets a combine be verified without storing anything that opens the token.
std::string secret_check(const Secret& secret);

}  // namespace kr::quorum
