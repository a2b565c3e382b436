// Tokens, found by label (never by slot number, which changes between hosts and boots).
#pragma once

#include <string>
#include <vector>

#include "pkcs11/module.h"
#include "util/secret.h"

namespace kr::pkcs11 {

struct TokenInfo {
  CK_SLOT_ID slot = 0;
  std::string label;  // blank padding removed
  std::string manufacturer;
  std::string model;
  std::string serial;
  CK_FLAGS flags = 0;
  bool initialized() const { return flags & CKF_TOKEN_INITIALIZED; }
};

// Every slot with a token present.
std::vector<TokenInfo> list_tokens(const Module& module);
// Exactly one initialised token with this label; throws naming the labels that are present.
TokenInfo find_token(const Module& module, const std::string& label);
// A slot whose token is not yet initialised (SoftHSM always offers one); throws if there is none.
TokenInfo find_uninitialized_slot(const Module& module);

// Pads a label to the 32 blank-padded bytes PKCS#11 uses; throws if it is longer than 32 bytes.
std::string padded_label(const std::string& label);

}  // namespace kr::pkcs11

namespace kr::pkcs11 {
// Initialises the token in `slot` with a label and SO PIN, then sets the user PIN.
// Refuses when a token with the same label already exists on the module.
TokenInfo init_token(const std::shared_ptr<Module>& module, CK_SLOT_ID slot,
                     const std::string& label, const Secret& so_pin, const Secret& user_pin);
}  // namespace kr::pkcs11
