// The PKCS#11 layer against NSS softokn, a second module with its own quirks.
#include <doctest/doctest.h>

#include "pkcs11/keys.h"
#include "pkcs11/session.h"
#include "support/temp_nss.h"

using namespace kr;
using namespace kr::pkcs11;

TEST_SUITE("pkcs11 on NSS softokn") {
  TEST_CASE("keys are generated with CA attributes and found again by label") {
    test::TempNss nss;
    Session session(nss.module(), nss.token().slot, Access::read_write);
    Login login(session, UserType::user, nss.user_pin());
    auto ec = generate_key_pair(session, {"nss-ec", KeyAlgorithm::ec, 0, "P-384"});
    CHECK(ec.describe() == "EC P-384");
    auto rsa = generate_key_pair(session, {"nss-rsa", KeyAlgorithm::rsa, 2048, ""});
    CHECK(rsa.describe() == "RSA 2048");
    auto found = find_key_pair(session, "nss-ec");
    REQUIRE(found);
    CHECK(found->id == ec.id);
    CHECK_THROWS_WITH(generate_key_pair(session, {"nss-ec", KeyAlgorithm::ec, 0, "P-256"}),
                      "a key labelled \"nss-ec\" already exists on the token");
  }
}

TEST_CASE("NSS softokn does not report CKA_LOCAL; keyrite records that instead of claiming it") {
  test::TempNss nss;
  CHECK_FALSE(nss.module()->reports_cka_local());
  Session session(nss.module(), nss.token().slot, Access::read_write);
  Login login(session, UserType::user, nss.user_pin());
  auto ec = generate_key_pair(session, {"nss-local", KeyAlgorithm::ec, 0, "P-256"});
  CHECK(ec.attribute_summary ==
        "token private sensitive always-sensitive never-extractable sign "
        "local-not-reported-by-module");
}
