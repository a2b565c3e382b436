// The audit key on a real SoftHSM token: P-256, sign only, never extractable, label unique.
#include "pkcs11/audit_key.h"

#include <doctest/doctest.h>

#include "pkcs11/attributes.h"
#include "support/temp_softhsm.h"

using namespace kr;
using namespace kr::pkcs11;

TEST_SUITE("pkcs11 audit key") {
  TEST_CASE("the audit key is EC P-256, may sign and nothing else, and is never extractable") {
    test::TempSoftHsm hsm;
    Session session(hsm.module(), hsm.token().slot, Access::read_write);
    Login login(session, UserType::user, hsm.user_pin());
    auto key = create_audit_key(session);
    CHECK(key.label == "keyrite-audit");
    CHECK(key.describe() == "EC P-256");
    auto priv = key.private_key;
    CHECK(get_bool(session, priv, CKA_SIGN, "CKA_SIGN"));
    CHECK_FALSE(get_bool(session, priv, CKA_DECRYPT, "CKA_DECRYPT"));
    CHECK_FALSE(get_bool(session, priv, CKA_UNWRAP, "CKA_UNWRAP"));
    CHECK_FALSE(get_bool(session, priv, CKA_DERIVE, "CKA_DERIVE"));
    CHECK_FALSE(get_bool(session, priv, CKA_SIGN_RECOVER, "CKA_SIGN_RECOVER"));
    CHECK_FALSE(get_bool(session, priv, CKA_EXTRACTABLE, "CKA_EXTRACTABLE"));
    CHECK(get_bool(session, priv, CKA_SENSITIVE, "CKA_SENSITIVE"));
    CHECK(get_bool(session, priv, CKA_PRIVATE, "CKA_PRIVATE"));
    CHECK(find_key_pair(session, "keyrite-audit"));
    CHECK_THROWS_WITH(create_audit_key(session),
                      "a key labelled \"keyrite-audit\" already exists on the token");
  }
}
