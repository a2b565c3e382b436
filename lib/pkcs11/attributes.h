// Reading and searching PKCS#11 object attributes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "pkcs11/session.h"
#include "util/bytes.h"

namespace kr::pkcs11 {

// One entry of a template for C_GenerateKeyPair, C_CreateObject or C_FindObjectsInit. PKCS#11
// declares pValue non-const, but a module only reads these templates.
inline CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const void* value, std::size_t size) {
  return CK_ATTRIBUTE{type, const_cast<void*>(value), static_cast<CK_ULONG>(size)};
}
inline CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const Bytes& b) {
  return attr(type, b.data(), b.size());
}
inline CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const std::string& s) {
  return attr(type, s.data(), s.size());
}
// A CK_BBOOL entry.
inline CK_ATTRIBUTE flag(CK_ATTRIBUTE_TYPE type, bool on) {
  static const CK_BBOOL kTrue = CK_TRUE, kFalse = CK_FALSE;
  return attr(type, on ? &kTrue : &kFalse, 1);
}

// The attribute's value; nullopt when the object does not have it (or it is sensitive).
std::optional<Bytes> get_attribute(Session& session, CK_OBJECT_HANDLE object,
                                   CK_ATTRIBUTE_TYPE type);
// CK_BBOOL attribute; throws naming `what` when missing.
bool get_bool(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, const char* what);
CK_ULONG get_ulong(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type,
                   const char* what);

// C_SetAttributeValue of one CK_BBOOL attribute; throws Pkcs11Error naming `what`.
void set_bool(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, bool on,
              const char* what);

// Every object matching the template, or at most `limit` of them: a limited search makes one
// C_FindObjects call when fewer than `limit` come back (two are enough to tell one from many).
std::vector<CK_OBJECT_HANDLE> find_objects(Session& session, std::vector<CK_ATTRIBUTE> query,
                                           std::optional<CK_ULONG> limit = std::nullopt);

}  // namespace kr::pkcs11
