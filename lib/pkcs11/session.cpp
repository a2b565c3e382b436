// Session and login lifetimes.
#include "pkcs11/session.h"

#include "pkcs11/rv.h"

namespace kr::pkcs11 {

Session::Session(std::shared_ptr<Module> module, CK_SLOT_ID slot, Access access)
    : module_(std::move(module)), slot_(slot) {
  CK_FLAGS flags = CKF_SERIAL_SESSION | (access == Access::read_write ? CKF_RW_SESSION : 0);
  check_rv(module_->fn()->C_OpenSession(slot, flags, nullptr, nullptr, &handle_), "C_OpenSession");
}

Session::Session(Session&& other) noexcept
    : module_(std::move(other.module_)), slot_(other.slot_), handle_(other.handle_) {
  other.handle_ = CK_INVALID_HANDLE;
}

Session::~Session() {
  if (handle_ != CK_INVALID_HANDLE) module_->fn()->C_CloseSession(handle_);
}

bool Session::logged_in() const {
  CK_SESSION_INFO info{};
  check_rv(fn()->C_GetSessionInfo(handle_, &info), "C_GetSessionInfo");
  return info.state == CKS_RO_USER_FUNCTIONS || info.state == CKS_RW_USER_FUNCTIONS;
}

Login::Login(Session& session, UserType who, const Secret& pin) : session_(&session) {
  CK_USER_TYPE type = who == UserType::user ? CKU_USER : CKU_SO;
  CK_RV rv = session.fn()->C_Login(session.handle(), type, const_cast<CK_UTF8CHAR_PTR>(pin.data()),
                                   pin.size());
  if (rv == CKR_USER_ALREADY_LOGGED_IN) {
    // Login state belongs to the application, not the session: someone else logged in, and will
    // log out. We must not log out on their behalf.
    session_ = nullptr;
    return;
  }
  check_rv(rv, who == UserType::user ? "C_Login (user)" : "C_Login (security officer)");
}

Login::Login(Login&& other) noexcept : session_(other.session_) {
  other.session_ = nullptr;
}

Login::~Login() {
  if (session_) session_->fn()->C_Logout(session_->handle());
}

}  // namespace kr::pkcs11
