// Reading a key's public half without a login: public key objects are not CKA_PRIVATE, so a
// witness planning a quorum ceremony (kr-ceremony plan) can see them while nobody holds the PIN,
// and kr-ceremony resume checks, before anyone types a passphrase, that the keys a ceremony made
// are still the ones its transcript records and that no key was made that it does not record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ossl/types.h"
#include "pkcs11/keys.h"

namespace kr::pkcs11 {

// The public key object with this label; private_key stays CK_INVALID_HANDLE.
std::optional<KeyPair> find_public_key(Session& session, const std::string& label);

// The public halves of every key pair labelled `label` (normally none or one). Objects of a type
// keyrite does not make are returned as nullptr entries, so they still count.
std::vector<ossl::EvpPkeyPtr> find_public_keys(Session& session, const std::string& label);

}  // namespace kr::pkcs11
