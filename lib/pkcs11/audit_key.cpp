// Audit key creation on top of generate_key_pair, with the extra "sign only" read-back.
#include "pkcs11/audit_key.h"

#include "pkcs11/attributes.h"
#include "pkcs11/rv.h"
#include "util/error.h"

namespace kr::pkcs11 {

KeyPair create_audit_key(Session& session, const std::string& label) {
  KeyPair pair = generate_key_pair(session, {label, KeyAlgorithm::ec, 0, "P-256"});
  try {
    // generate_key_pair leaves CKA_SIGN_RECOVER to the module's default, which is true in
    // SoftHSM; no EC mechanism recovers data, but "sign only" should hold on the key itself.
    CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE off{CKA_SIGN_RECOVER, &no, sizeof no};
    check_rv(session.fn()->C_SetAttributeValue(session.handle(), pair.private_key, &off, 1),
             "C_SetAttributeValue (CKA_SIGN_RECOVER)");
    struct Use {
      CK_ATTRIBUTE_TYPE type;
      const char* name;
    };
    for (Use use : {Use{CKA_DECRYPT, "CKA_DECRYPT"}, Use{CKA_UNWRAP, "CKA_UNWRAP"},
                    Use{CKA_DERIVE, "CKA_DERIVE"}, Use{CKA_SIGN_RECOVER, "CKA_SIGN_RECOVER"}}) {
      auto value = get_attribute(session, pair.private_key, use.type);
      if (value && value->size() == 1 && (*value)[0] != CK_FALSE)
        throw Error("audit key \"" + label + "\" was generated with " + use.name +
                        " set; the new key has been destroyed",
                    "the audit key may only sign; this token does not honour that");
    }
  } catch (...) {
    destroy_key_pair(session, pair);
    throw;
  }
  return pair;
}

}  // namespace kr::pkcs11
