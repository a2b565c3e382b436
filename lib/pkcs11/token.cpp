// Slot enumeration and token lookup by label.
#include "pkcs11/token.h"

#include "pkcs11/rv.h"

namespace kr::pkcs11 {
namespace {

std::string trimmed(const unsigned char* field, std::size_t size) {
  std::string s(reinterpret_cast<const char*>(field), size);
  auto end = s.find_last_not_of(' ');
  return end == std::string::npos ? std::string() : s.substr(0, end + 1);
}

std::string label_list(const std::vector<TokenInfo>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!t.initialized()) continue;
    if (!out.empty()) out += ", ";
    out += "\"" + t.label + "\"";
  }
  return out.empty() ? "none" : out;
}

}  // namespace

std::vector<TokenInfo> list_tokens(const Module& module) {
  CK_ULONG count = 0;
  check_rv(module.fn()->C_GetSlotList(CK_TRUE, nullptr, &count), "C_GetSlotList");
  std::vector<CK_SLOT_ID> slots(count);
  check_rv(module.fn()->C_GetSlotList(CK_TRUE, slots.data(), &count), "C_GetSlotList");
  slots.resize(count);
  std::vector<TokenInfo> tokens;
  for (CK_SLOT_ID slot : slots) {
    CK_TOKEN_INFO info{};
    CK_RV rv = module.fn()->C_GetTokenInfo(slot, &info);
    if (rv == CKR_TOKEN_NOT_PRESENT || rv == CKR_TOKEN_NOT_RECOGNIZED) continue;
    check_rv(rv, "C_GetTokenInfo");
    TokenInfo t;
    t.slot = slot;
    t.label = trimmed(info.label, sizeof info.label);
    t.manufacturer = trimmed(info.manufacturerID, sizeof info.manufacturerID);
    t.model = trimmed(info.model, sizeof info.model);
    t.serial = trimmed(info.serialNumber, sizeof info.serialNumber);
    t.flags = info.flags;
    tokens.push_back(std::move(t));
  }
  return tokens;
}

TokenInfo find_token(const Module& module, const std::string& label) {
  auto tokens = list_tokens(module);
  std::vector<TokenInfo> matches;
  for (auto& t : tokens)
    if (t.initialized() && t.label == label) matches.push_back(t);
  if (matches.empty())
    throw Error("no token labelled \"" + label + "\" on " + module.path() +
                    " (tokens present: " + label_list(tokens) + ")",
                "create it with kr-token init, or check token.label in the script");
  if (matches.size() > 1)
    throw Error("more than one token labelled \"" + label + "\" on " + module.path(),
                "token labels must be unique; keyrite never picks a token by slot number");
  return matches.front();
}

TokenInfo find_uninitialized_slot(const Module& module) {
  for (auto& t : list_tokens(module))
    if (!t.initialized()) return t;
  throw Error("no free slot for a new token on " + module.path());
}

std::string padded_label(const std::string& label) {
  if (label.empty() || label.size() > 32)
    throw Error("token label \"" + label + "\" must be 1 to 32 bytes long");
  return label + std::string(32 - label.size(), ' ');
}

}  // namespace kr::pkcs11
