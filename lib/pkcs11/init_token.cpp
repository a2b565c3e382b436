// Token initialisation: C_InitToken with the SO PIN, then C_InitPIN for the user PIN.
#include "pkcs11/rv.h"
#include "pkcs11/session.h"
#include "pkcs11/token.h"

namespace kr::pkcs11 {

TokenInfo init_token(const std::shared_ptr<Module>& module, CK_SLOT_ID slot,
                     const std::string& label, const Secret& so_pin, const Secret& user_pin) {
  for (const auto& t : list_tokens(*module))
    if (t.initialized() && t.label == label)
      throw Error("a token labelled \"" + label + "\" already exists on " + module->path(),
                  "keyrite never re-initialises a token; choose another label");
  if (so_pin.size() < 4 || user_pin.size() < 4) throw Error("PINs must be at least 4 characters");
  std::string padded = padded_label(label);
  check_rv(
      module->fn()->C_InitToken(slot, const_cast<CK_UTF8CHAR_PTR>(so_pin.data()), so_pin.size(),
                                reinterpret_cast<CK_UTF8CHAR_PTR>(padded.data())),
      "C_InitToken");
  {
    Session session(module, slot, Access::read_write);
    Login so(session, UserType::security_officer, so_pin);
    check_rv(session.fn()->C_InitPIN(session.handle(), const_cast<CK_UTF8CHAR_PTR>(user_pin.data()),
                                     user_pin.size()),
             "C_InitPIN");
  }
  return find_token(*module, label);
}

}  // namespace kr::pkcs11
