// The key-encryption key as backup and restore use it: a session object on the token plus two
// values derived from its bytes in software, a check value (so a wrong KEK is named before any
// unwrap) and a descriptor MAC key (so an altered descriptor is refused).
#pragma once

#include <string>
#include <string_view>

#include "pkcs11/session.h"
#include "pkcs11/wrap.h"
#include "util/secret.h"

namespace kr::backup {

class BackupKek {
 public:
  // Imports the 32 KEK bytes (from the recovery quorum) with pkcs11::import_aes_kek and derives
  // the check value and MAC key from them. For KekTrust::trusted the security officer, and not
  // the user, must be logged in on `session` (see pkcs11/wrap.h); log out and log the user in
  // afterwards, the KEK stays. The session object is destroyed with this value, so `session`
  // must outlive it.
  static BackupKek import(pkcs11::Session& session, const Secret& kek_bytes, pkcs11::KekUse use,
                          pkcs11::KekTrust trust);

  BackupKek(BackupKek&& other) noexcept;
  BackupKek& operator=(BackupKek&&) = delete;
  BackupKek(const BackupKek&) = delete;
  ~BackupKek();

  CK_OBJECT_HANDLE handle() const { return handle_; }
  pkcs11::KekUse use() const { return use_; }
  pkcs11::KekTrust trust() const { return trust_; }
  // Hex of HKDF-SHA256(KEK, salt "keyrite key backup v1", info "kek check value"), 32 bytes.
  const std::string& check_value() const { return check_value_; }
  // Hex of HMAC-SHA256 under HKDF-SHA256(KEK, same salt, info "descriptor mac").
  std::string mac_hex(std::string_view text) const;

 private:
  BackupKek() = default;
  pkcs11::Session* session_ = nullptr;
  CK_OBJECT_HANDLE handle_ = CK_INVALID_HANDLE;
  pkcs11::KekUse use_ = pkcs11::KekUse::wrap;
  pkcs11::KekTrust trust_ = pkcs11::KekTrust::untrusted;
  std::string check_value_;
  Secret mac_key_;
};

// The check value of KEK bytes without a token, for the quorum helper and tests.
std::string kek_check_value(const Secret& kek_bytes);

}  // namespace kr::backup
