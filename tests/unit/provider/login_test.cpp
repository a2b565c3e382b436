// pkcs11-helper and keyrite's pkcs11::Module share one initialised library and therefore one
// login state per token. These tests pin down who logs in, who logs out, and that neither side
// breaks the other.
#include <doctest/doctest.h>

#include <optional>

#include "fixture.h"
#include "provider/signing_context.h"

using namespace kr;
using namespace kr::provider;

namespace {

bool signs(EVP_PKEY* key, const pkcs11::KeyPair& pair) {
  auto cert = test::tbs_certificate(pair.public_key.get());
  return X509_sign_ctx(cert.get(), make_signing_context(key, "ecdsa-with-SHA256").get()) > 0 &&
         X509_verify(cert.get(), pair.public_key.get()) == 1;
}

pkcs11::KeyPair generate(test::TempSoftHsm& hsm, const std::string& label) {
  pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
  pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
  return pkcs11::generate_key_pair(session, {label, pkcs11::KeyAlgorithm::ec, 0, "P-256"});
}

}  // namespace

TEST_SUITE("provider: login state shared with pkcs11::Module") {
  TEST_CASE("an HSM key uses keyrite's open login and leaves it open when freed") {
    test::TempSoftHsm hsm;
    auto pair = generate(hsm, "k");
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    std::optional<pkcs11::Login> login(std::in_place, session, pkcs11::UserType::user,
                                       hsm.user_pin());
    {
      auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
      CHECK(signs(key.get(), pair));
    }
    CHECK(test::logged_in(hsm));
    // keyrite's session still sees private objects.
    CHECK(pkcs11::find_key_pair(session, "k").has_value());
    login.reset();
    CHECK_FALSE(test::logged_in(hsm));
  }

  TEST_CASE("an HSM key loaded without keyrite's login logs in, and out when freed") {
    test::TempSoftHsm hsm;
    auto pair = generate(hsm, "k");
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_only);
    REQUIRE_FALSE(test::logged_in(hsm));
    auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    CHECK(test::logged_in(hsm));
    CHECK(signs(key.get(), pair));
    // keyrite may open its own Login meanwhile; it finds the process logged in and leaves the
    // logout to the key.
    { pkcs11::Login late(session, pkcs11::UserType::user, hsm.user_pin()); }
    CHECK(test::logged_in(hsm));
    key.reset();
    CHECK_FALSE(test::logged_in(hsm));
  }

  TEST_CASE("keyrite logging out under a live key: the key logs in again with its PIN") {
    test::TempSoftHsm hsm;
    auto pair = generate(hsm, "k");
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    std::optional<pkcs11::Login> login(std::in_place, session, pkcs11::UserType::user,
                                       hsm.user_pin());
    auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    login.reset();
    CHECK_FALSE(test::logged_in(hsm));
    CHECK(signs(key.get(), pair));
    CHECK(test::logged_in(hsm));
    key.reset();
    CHECK_FALSE(test::logged_in(hsm));
  }

  TEST_CASE("pkcs11-helper never finalises keyrite's library; keys load again and again") {
    test::TempSoftHsm hsm;
    auto a = generate(hsm, "a");
    auto b = generate(hsm, "b");
    for (int round = 0; round < 3; ++round) {
      CAPTURE(round);
      auto key_a = load_hsm_key(hsm.module(), hsm.token(), a, hsm.user_pin());
      auto key_b = load_hsm_key(hsm.module(), hsm.token(), b, hsm.user_pin());
      CHECK(signs(key_a.get(), a));
      key_a.reset();
      CHECK(signs(key_b.get(), b));  // the other key of the same token is unaffected
    }
    // All keys are gone and pkcs11-helper is terminated; keyrite's module works as before.
    CHECK(pkcs11::list_tokens(*hsm.module()).size() >= 1);
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    CHECK(pkcs11::list_key_pairs(session).size() == 2);
  }

  TEST_CASE("a second Module object for the same library shares pkcs11-helper's provider") {
    test::TempSoftHsm hsm;
    auto pair = generate(hsm, "k");
    // The library is already initialised: this Module gets CKR_CRYPTOKI_ALREADY_INITIALIZED.
    auto again = pkcs11::Module::load({"softhsm2", ""});
    REQUIRE(again->fn() == hsm.module()->fn());
    auto key1 = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    auto key2 = load_hsm_key(again, hsm.token(), pair, hsm.user_pin());
    CHECK(signs(key2.get(), pair));
    key1.reset();
    CHECK(signs(key2.get(), pair));
  }
}
