// The checks a CA key passes before every use, not only when keyrite generates it (CPS 6.1.1,
// 6.1.5, 6.2.x): read from the token each time, because a key already on a token may have been
// imported, made extractable or replaced since.
#pragma once

#include <string>
#include <vector>

#include "pkcs11/keys.h"

namespace kr::pkcs11 {

struct KeyCheck {
  // Problems no script can waive: not on the token, not private, not sensitive, extractable
  // (other than only under a trusted wrapping key, the backup form), cannot sign, a key size or
  // curve outside CPS 6.1.5, a public object that is not the private key's half.
  std::vector<std::string> refused;
  // Signs the key was not generated on this token (CKA_LOCAL false where the module reports it,
  // CKA_ALWAYS_SENSITIVE or CKA_NEVER_EXTRACTABLE false): waived only by `imported: true`.
  std::vector<std::string> not_generated_here;
  // The attributes read, in words, for the transcript: "token private sensitive ... RSA 4096".
  std::string summary;
};

KeyCheck check_ca_key(Session& session, const KeyPair& pair);

}  // namespace kr::pkcs11
