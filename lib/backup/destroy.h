// destroy-key at the library level (CPS 6.2.10): remove a key pair's objects and say exactly what
// was removed, for the event log.
#pragma once

#include <string>

#include "pkcs11/session.h"

namespace kr::backup {

struct DestroyedKey {
  std::string label;
  std::string id_hex;       // CKA_ID
  std::string spki_sha256;  // hex
  std::string description;  // "RSA 3072", "EC P-384"
  int objects_destroyed = 0;
};

// Destroys the private key labelled `label` and every public key object with its CKA_ID, then
// checks that no object with the label or the CKA_ID remains. Throws naming the label when there
// is no such key.
DestroyedKey destroy_key(pkcs11::Session& session, const std::string& label);

}  // namespace kr::backup
