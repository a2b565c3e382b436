#include "pkcs11/public_lookup.h"

#include "pkcs11/attributes.h"
#include "pkcs11/public_key.h"
#include "util/error.h"

namespace kr::pkcs11 {

std::vector<ossl::EvpPkeyPtr> find_public_keys(Session& session, const std::string& label) {
  CK_OBJECT_CLASS public_class = CKO_PUBLIC_KEY;
  std::vector<CK_ATTRIBUTE> query{
      {CKA_CLASS, &public_class, sizeof public_class},
      {CKA_LABEL, const_cast<char*>(label.data()), static_cast<CK_ULONG>(label.size())}};
  std::vector<ossl::EvpPkeyPtr> out;
  for (CK_OBJECT_HANDLE object : find_objects(session, query)) {
    ossl::EvpPkeyPtr key;
    try {
      const auto type = get_ulong(session, object, CKA_KEY_TYPE, "CKA_KEY_TYPE");
      if (type == CKK_RSA) {
        auto n = get_attribute(session, object, CKA_MODULUS);
        auto e = get_attribute(session, object, CKA_PUBLIC_EXPONENT);
        if (n && e) key = rsa_public_key(*n, *e);
      } else if (type == CKK_EC) {
        auto params = get_attribute(session, object, CKA_EC_PARAMS);
        auto point = get_attribute(session, object, CKA_EC_POINT);
        const std::string curve = params ? curve_from_params(*params) : std::string();
        if (point && !curve.empty()) key = ec_public_key(curve, *point);
      }
    } catch (const Error&) {
      key.reset();  // unreadable: still a key with this label
    }
    out.push_back(std::move(key));
  }
  return out;
}

}  // namespace kr::pkcs11
