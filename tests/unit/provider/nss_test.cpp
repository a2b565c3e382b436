// The provider against NSS softokn, a second PKCS#11 implementation that needs its init string
// (CK_C_INITIALIZE_ARGS.pReserved) to reach pkcs11-helper.
#include <doctest/doctest.h>

#include "fixture.h"
#include "provider/signing_context.h"
#include "support/temp_nss.h"

using namespace kr;
using namespace kr::provider;

TEST_SUITE("provider on NSS softokn") {
  TEST_CASE("RSA (PKCS#1 v1.5 and PSS) and ECDSA certificates verify against the token's keys") {
    test::TempNss nss;
    pkcs11::Session session(nss.module(), nss.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, nss.user_pin());
    auto rsa = pkcs11::generate_key_pair(session, {"nss-rsa", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    auto ec = pkcs11::generate_key_pair(session, {"nss-ec", pkcs11::KeyAlgorithm::ec, 0, "P-384"});
    struct Case {
      const pkcs11::KeyPair* pair;
      const char* algorithm;
    };
    auto rsa_key = load_hsm_key(nss.module(), nss.token(), rsa, nss.user_pin());
    auto ec_key = load_hsm_key(nss.module(), nss.token(), ec, nss.user_pin());
    for (auto [pair, alg] : {Case{&rsa, "sha256WithRSAEncryption"}, Case{&rsa, "rsassaPss-sha512"},
                             Case{&ec, "ecdsa-with-SHA384"}}) {
      CAPTURE(alg);
      EVP_PKEY* key = pair == &rsa ? rsa_key.get() : ec_key.get();
      auto cert = test::tbs_certificate(pair->public_key.get());
      REQUIRE(X509_sign_ctx(cert.get(), make_signing_context(key, alg).get()) > 0);
      CHECK(X509_verify(cert.get(), pair->public_key.get()) == 1);
    }
  }

  TEST_CASE("a mismatched public key is refused on NSS softokn too") {
    test::TempNss nss;
    pkcs11::Session session(nss.module(), nss.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, nss.user_pin());
    auto a = pkcs11::generate_key_pair(session, {"a", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    auto b = pkcs11::generate_key_pair(session, {"b", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    CHECK_THROWS_WITH(load_hsm_key({nss.module(), nss.token(), a.id, a.label, b.public_key.get()},
                                   nss.user_pin()),
                      doctest::Contains("does not verify against the expected public key"));
  }
}
