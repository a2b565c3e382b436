// Reading and searching PKCS#11 object attributes.
#pragma once

#include <optional>
#include <vector>

#include "pkcs11/session.h"
#include "util/bytes.h"

namespace kr::pkcs11 {

// The attribute's value; nullopt when the object does not have it (or it is sensitive).
std::optional<Bytes> get_attribute(Session& session, CK_OBJECT_HANDLE object,
                                   CK_ATTRIBUTE_TYPE type);
// CK_BBOOL attribute; throws naming `what` when missing.
bool get_bool(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, const char* what);
CK_ULONG get_ulong(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type,
                   const char* what);

// Every object matching the template.
std::vector<CK_OBJECT_HANDLE> find_objects(Session& session, std::vector<CK_ATTRIBUTE> query);

}  // namespace kr::pkcs11
