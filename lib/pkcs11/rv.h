// CK_RV codes in words, and the one checker every PKCS#11 call goes through.
#pragma once

#include <openssl/err.h>

#include <string>

#include "pkcs11/cryptoki.h"
#include "util/error.h"

namespace kr::pkcs11 {

// "CKR_PIN_INCORRECT" for 0xa0; "CKR_0x..." for codes PKCS#11 does not name.
std::string rv_name(CK_RV rv);

// Thrown for a failed PKCS#11 call; rv() lets callers react to specific codes.
class Pkcs11Error : public Error {
 public:
  Pkcs11Error(const std::string& function, CK_RV rv, std::string hint = {});
  CK_RV rv() const { return rv_; }

 private:
  CK_RV rv_;
};

// Throws Pkcs11Error("C_Login failed: CKR_PIN_INCORRECT") unless rv is CKR_OK.
// Modules such as SoftHSM run OpenSSL inside our process and leave their own entries (for example
// "rdrand engine not found") on its thread-local error queue; they are cleared here so they never
// appear in an unrelated keyrite message.
inline void check_rv(CK_RV rv, const char* function) {
  ERR_clear_error();
  if (rv != CKR_OK) throw Pkcs11Error(function, rv);
}

}  // namespace kr::pkcs11
