// Move-only RAII for a PKCS#11 session and for being logged in on it.
#pragma once

#include <memory>

#include "pkcs11/module.h"
#include "util/secret.h"

namespace kr::pkcs11 {

enum class Access { read_only, read_write };

class Session {
 public:
  Session(std::shared_ptr<Module> module, CK_SLOT_ID slot, Access access);
  Session(Session&& other) noexcept;
  Session& operator=(Session&&) = delete;
  Session(const Session&) = delete;
  ~Session();

  CK_SESSION_HANDLE handle() const { return handle_; }
  CK_FUNCTION_LIST_PTR fn() const { return module_->fn(); }
  const std::shared_ptr<Module>& module() const { return module_; }
  CK_SLOT_ID slot() const { return slot_; }
  // Whether the application is logged in as the user (C_GetSessionInfo); throws Pkcs11Error.
  bool logged_in() const;

 private:
  std::shared_ptr<Module> module_;
  CK_SLOT_ID slot_;
  CK_SESSION_HANDLE handle_ = CK_INVALID_HANDLE;
};

enum class UserType { user, security_officer };

// Logs in on construction and out on destruction. A wrong PIN throws with a hint; the PIN itself
// is never part of any message.
class Login {
 public:
  Login(Session& session, UserType who, const Secret& pin);
  Login(Login&& other) noexcept;
  Login& operator=(Login&&) = delete;
  Login(const Login&) = delete;
  ~Login();

 private:
  Session* session_;
};

}  // namespace kr::pkcs11
