// AES-256-GCM with a 12-byte nonce and a 16-byte tag appended to the ciphertext.
#pragma once

#include <optional>

#include "util/bytes.h"
#include "util/secret.h"

namespace kr::quorum {

constexpr std::size_t kGcmNonceSize = 12;
constexpr std::size_t kGcmTagSize = 16;

Bytes seal_aes_256_gcm(const Secret& key, ByteView nonce, ByteView aad, const Secret& plaintext);
// nullopt when the tag does not verify (wrong key, or changed nonce, AAD or ciphertext).
std::optional<Secret> open_aes_256_gcm(const Secret& key, ByteView nonce, ByteView aad,
                                       ByteView sealed);

}  // namespace kr::quorum
