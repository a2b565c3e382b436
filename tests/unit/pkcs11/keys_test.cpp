// PKCS#11 layer against a real SoftHSM token: generation attributes, lookup, refusals, errors.
#include "pkcs11/keys.h"

#include <doctest/doctest.h>
#include <openssl/err.h>

#include "ossl/der.h"
#include "pkcs11/rv.h"
#include "pkcs11/session.h"
#include "support/temp_softhsm.h"

using namespace kr;
using namespace kr::pkcs11;

TEST_SUITE("pkcs11") {
  TEST_CASE("RSA and EC keys are generated with CA attributes and read back") {
    test::TempSoftHsm hsm;
    Session session(hsm.module(), hsm.token().slot, Access::read_write);
    Login login(session, UserType::user, hsm.user_pin());

    auto rsa = generate_key_pair(session, {"ca-rsa", KeyAlgorithm::rsa, 3072, ""});
    CHECK(rsa.describe() == "RSA 3072");
    CHECK(rsa.id.size() == 16);
    CHECK(rsa.attribute_summary ==
          "token private sensitive always-sensitive never-extractable sign local");
    CHECK(EVP_PKEY_is_a(rsa.public_key.get(), "RSA"));

    for (const char* curve : {"P-256", "P-384", "P-521"}) {
      auto ec =
          generate_key_pair(session, {std::string("ca-") + curve, KeyAlgorithm::ec, 0, curve});
      CHECK(ec.describe() == std::string("EC ") + curve);
      CHECK(ec.id != rsa.id);
    }

    auto found = find_key_pair(session, "ca-rsa");
    REQUIRE(found);
    CHECK(found->id == rsa.id);
    CHECK(ossl::spki_der(found->public_key.get()) == ossl::spki_der(rsa.public_key.get()));
    CHECK(list_key_pairs(session).size() == 4);
    CHECK_FALSE(find_key_pair(session, "no-such-key"));
  }

  TEST_CASE("a label that already exists is refused and nothing new is created") {
    test::TempSoftHsm hsm;
    Session session(hsm.module(), hsm.token().slot, Access::read_write);
    Login login(session, UserType::user, hsm.user_pin());
    generate_key_pair(session, {"dup", KeyAlgorithm::ec, 0, "P-256"});
    CHECK_THROWS_WITH(generate_key_pair(session, {"dup", KeyAlgorithm::ec, 0, "P-384"}),
                      "a key labelled \"dup\" already exists on the token");
    CHECK(list_key_pairs(session).size() == 1);
  }

  TEST_CASE("a wrong PIN names the call and the CKR code, never the PIN") {
    test::TempSoftHsm hsm;
    Session session(hsm.module(), hsm.token().slot, Access::read_only);
    Secret wrong("definitely-wrong");
    try {
      Login login(session, UserType::user, wrong);
      FAIL("login with a wrong PIN succeeded");
    } catch (const Pkcs11Error& e) {
      CHECK(std::string(e.what()) == "C_Login (user) failed: CKR_PIN_INCORRECT");
      CHECK(e.rv() == CKR_PIN_INCORRECT);
    }
  }

  TEST_CASE("tokens are found by label; a missing label lists what is there") {
    test::TempSoftHsm hsm("root-hsm");
    CHECK(find_token(*hsm.module(), "root-hsm").serial == hsm.token().serial);
    CHECK_THROWS_WITH(find_token(*hsm.module(), "other"),
                      ("no token labelled \"other\" on /usr/lib/softhsm/libsofthsm2.so "
                       "(tokens present: \"root-hsm\")"));
  }

  TEST_CASE("rv names") {
    CHECK(rv_name(CKR_PIN_INCORRECT) == "CKR_PIN_INCORRECT");
    CHECK(rv_name(0x80001234UL) == "CKR_0x80001234");
  }
}

TEST_CASE("entries a module leaves on OpenSSL's error queue are cleared by check_rv") {
  // SoftHSM runs OpenSSL in our process; what it queues must not reach keyrite's messages.
  ERR_raise_data(ERR_LIB_USER, ERR_R_INTERNAL_ERROR, "left behind by a module");
  check_rv(CKR_OK, "C_Anything");
  CHECK(ERR_peek_error() == 0);
}
