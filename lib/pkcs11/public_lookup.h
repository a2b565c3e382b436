// Reading a key's public half without a login: public key objects are not CKA_PRIVATE, so a
// witness planning a quorum ceremony (kr-ceremony plan) can see them while nobody holds the PIN.
#pragma once

#include <optional>
#include <string>

#include "pkcs11/keys.h"

namespace kr::pkcs11 {

// The public key object with this label; private_key stays CK_INVALID_HANDLE.
std::optional<KeyPair> find_public_key(Session& session, const std::string& label);

}  // namespace kr::pkcs11
