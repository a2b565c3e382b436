// C_GetAttributeValue and C_FindObjects wrappers.
#include "pkcs11/attributes.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "pkcs11/rv.h"

namespace kr::pkcs11 {

std::optional<Bytes> get_attribute(Session& session, CK_OBJECT_HANDLE object,
                                   CK_ATTRIBUTE_TYPE type) {
  CK_ATTRIBUTE attr{type, nullptr, 0};
  CK_RV rv = session.fn()->C_GetAttributeValue(session.handle(), object, &attr, 1);
  if (rv == CKR_ATTRIBUTE_TYPE_INVALID || rv == CKR_ATTRIBUTE_SENSITIVE) return std::nullopt;
  check_rv(rv, "C_GetAttributeValue");
  if (attr.ulValueLen == CK_UNAVAILABLE_INFORMATION) return std::nullopt;
  Bytes value(attr.ulValueLen);
  attr.pValue = value.data();
  check_rv(session.fn()->C_GetAttributeValue(session.handle(), object, &attr, 1),
           "C_GetAttributeValue");
  value.resize(attr.ulValueLen);
  return value;
}

bool get_bool(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, const char* what) {
  auto value = get_attribute(session, object, type);
  if (!value || value->size() != sizeof(CK_BBOOL))
    throw Error(std::string("the token did not report ") + what + " for the key");
  return (*value)[0] != CK_FALSE;
}

CK_ULONG get_ulong(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type,
                   const char* what) {
  auto value = get_attribute(session, object, type);
  if (!value || value->size() != sizeof(CK_ULONG))
    throw Error(std::string("the token did not report ") + what + " for the key");
  CK_ULONG out;
  std::memcpy(&out, value->data(), sizeof out);
  return out;
}

void set_bool(Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type, bool on,
              const char* what) {
  CK_ATTRIBUTE a = flag(type, on);
  check_rv(session.fn()->C_SetAttributeValue(session.handle(), object, &a, 1), what);
}

std::vector<CK_OBJECT_HANDLE> find_objects(Session& session, std::vector<CK_ATTRIBUTE> query,
                                           std::optional<CK_ULONG> limit) {
  check_rv(session.fn()->C_FindObjectsInit(session.handle(), query.data(), query.size()),
           "C_FindObjectsInit");
  std::vector<CK_OBJECT_HANDLE> found;
  CK_RV rv = CKR_OK;
  for (;;) {
    CK_OBJECT_HANDLE batch[32];
    const CK_ULONG want = limit ? std::min<CK_ULONG>(32, *limit - found.size()) : 32;
    if (want == 0) break;
    CK_ULONG count = 0;
    rv = session.fn()->C_FindObjects(session.handle(), batch, want, &count);
    if (rv != CKR_OK || count == 0) break;
    found.insert(found.end(), batch, batch + count);
    if (limit && count < want) break;  // fewer than asked: no call needed to hear "no more"
  }
  // Final is always called and always checked: a failed Final left unreported makes the next
  // search fail as C_FindObjectsInit with CKR_OPERATION_ACTIVE, naming the wrong call.
  CK_RV final_rv = session.fn()->C_FindObjectsFinal(session.handle());
  check_rv(rv, "C_FindObjects");
  check_rv(final_rv, "C_FindObjectsFinal");
  return found;
}

}  // namespace kr::pkcs11
