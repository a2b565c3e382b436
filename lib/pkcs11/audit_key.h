// The ceremony's audit signing key: an ECDSA P-256 pair made in the token when it is set up under
// quorum, that later signs transcript checkpoints. It may sign and do nothing else.
#pragma once

#include <string>

#include "pkcs11/keys.h"

namespace kr::pkcs11 {

constexpr const char* kAuditKeyLabel = "keyrite-audit";

// Generates the pair (token, private, sensitive, never extractable, CKA_SIGN only) and reads the
// attributes back; refuses a token that already has a key with this label, and destroys the new
// pair if any usage other than signing is allowed on it.
KeyPair create_audit_key(Session& session, const std::string& label = kAuditKeyLabel);

}  // namespace kr::pkcs11
