// The signature schemes keyrite signs with: key type, digest and RSA padding, with the PKCS#11
// mechanism that performs each one's final raw operation on the token.
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <optional>
#include <string_view>

#include "pkcs11/cryptoki.h"

namespace kr::provider {

enum class KeyType { rsa, ec };
enum class Digest { sha256, sha384, sha512 };
enum class Padding { none, pkcs1, pss };  // none: ECDSA

struct Scheme {
  KeyType key = KeyType::ec;
  Digest digest = Digest::sha256;
  Padding padding = Padding::none;

  bool operator==(const Scheme&) const = default;
  // A small dense index, for per-key caches of prepared schemes.
  std::size_t index() const {
    return static_cast<std::size_t>(digest) * 2 + (padding == Padding::pss);
  }
};
inline constexpr std::size_t kSchemeSlots = 6;

// SHA-256/384/512 by any name OpenSSL knows ("SHA256", "SHA2-256", "sha256", ...).
std::optional<Digest> digest_from_name(std::string_view name);
// The default provider's implementation, fetched once for the process.
const EVP_MD* evp_md(Digest digest);
const char* digest_name(Digest digest);  // OpenSSL's canonical name, e.g. "SHA2-256"
std::size_t digest_size(Digest digest);

CK_MECHANISM_TYPE ckm_hash(Digest digest);  // CKM_SHA256 ...
CK_RSA_PKCS_MGF_TYPE ckg_mgf1(Digest digest);

}  // namespace kr::provider
