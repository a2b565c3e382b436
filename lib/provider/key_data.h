// The key object behind an EVP_PKEY of keyrite's keymgmt, and how hsm_key.cpp hands one over:
// OpenSSL creates provider keys only through the keymgmt's import, so the state travels as a
// single-use ticket number in an OSSL_PARAM.
#pragma once

#include <cstdint>
#include <memory>

#include "provider/key_state.h"

namespace kr::provider {

struct KeyData {
  std::shared_ptr<HsmKeyState> state;
};

// Import parameter carrying a ticket; only keyrite issues tickets.
inline constexpr const char* kTicketParam = "keyrite-hsm-key-ticket";
// Gettable key parameter: the key's description (`key "..." (CKA_ID ...) on token "..."`).
inline constexpr const char* kDescriptionParam = "keyrite-hsm-key";

std::uint64_t issue_ticket(std::shared_ptr<HsmKeyState> state);
// The state for a ticket, once; nullptr for an unknown or already redeemed ticket.
std::shared_ptr<HsmKeyState> redeem_ticket(std::uint64_t ticket);

}  // namespace kr::provider
