// pkcs11-helper's process-wide state, shared by every HSM key: initialised when the first key is
// loaded and terminated when the last one is freed. It holds each keyrite pkcs11::Module it uses,
// so pkcs11-helper never keeps a session on a library that keyrite has already finalised.
#pragma once

#include <pkcs11-helper-1.0/pkcs11h-certificate.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "pkcs11/module.h"
#include "pkcs11/token.h"
#include "util/bytes.h"
#include "util/secret.h"

namespace kr::provider {

// One token as pkcs11-helper identifies it, and whether pkcs11-helper's login is the one that
// logged this process in (PKCS#11 login state belongs to the application, not to a session).
struct HelperToken {
  std::shared_ptr<pkcs11::Module> module;
  pkcs11::TokenInfo info;
  pkcs11h_token_id_t id = nullptr;
  std::atomic<bool> helper_owns_login{false};
};

// What pkcs11-helper's PIN hook reads for one key (the certificate's user data).
struct PinSource {
  HelperToken* token = nullptr;
  const Secret* pin = nullptr;
};

// While a lease exists pkcs11-helper is initialised. Move-only.
class HelperLease {
 public:
  static HelperLease acquire();
  HelperLease(HelperLease&& other) noexcept : held_(other.held_) { other.held_ = false; }
  HelperLease& operator=(HelperLease&&) = delete;
  HelperLease(const HelperLease&) = delete;
  ~HelperLease();

  // Registers the module's library with pkcs11-helper (once per loaded library) and returns the
  // record for `token`; the record lives until pkcs11-helper is terminated.
  HelperToken& token(const std::shared_ptr<pkcs11::Module>& module, const pkcs11::TokenInfo& token);

 private:
  HelperLease() = default;
  bool held_ = false;
};

// Frees a pkcs11-helper certificate object.
struct CertificateDeleter {
  void operator()(pkcs11h_certificate_t c) const { pkcs11h_certificate_freeCertificate(c); }
};
using HelperCertificate =
    std::unique_ptr<std::remove_pointer_t<pkcs11h_certificate_t>, CertificateDeleter>;

// pkcs11-helper's handle on the private key with this CKA_ID, logged in through `pin` and with
// the key looked up (so a wrong PIN or a missing key fails here, not at the first signature).
HelperCertificate open_key(HelperToken& token, ByteView cka_id, PinSource* pin);

// A PKCS#11 failure pkcs11-helper met and did not report to its caller: a retry of a private-key
// operation after logging in again, or a slot or token it could not read while enumerating. It
// logs them at debug level only; keyrite's log hook keeps them so the ceremony can record the
// retries and errors can name the call that really failed.
struct HelperNote {
  std::string function;  // "C_Sign", "C_GetSlotList", "C_GetTokenInfo", ...
  CK_RV rv = CKR_OK;
  bool retried = false;  // pkcs11-helper logged in again and tried the operation once more
  std::string text;      // pkcs11-helper's own message
};
// The notes since the last call, oldest first.
std::vector<HelperNote> take_helper_notes();

}  // namespace kr::provider
