// keyrite's provider lives in a library context of its own: after HSM keys are loaded, ordinary
// software key generation and signing elsewhere in the process still get OpenSSL's default
// provider.
#include <doctest/doctest.h>
#include <openssl/provider.h>

#include "fixture.h"
#include "provider/signing_context.h"

using namespace kr;

namespace {

// The provider a fetch without property query gets, as EVP_PKEY_Q_keygen(NULL, NULL, ...) does.
std::string keymgmt_provider(const char* name) {
  EVP_KEYMGMT* keymgmt = EVP_KEYMGMT_fetch(nullptr, name, nullptr);
  REQUIRE(keymgmt);
  std::string provider = OSSL_PROVIDER_get0_name(EVP_KEYMGMT_get0_provider(keymgmt));
  EVP_KEYMGMT_free(keymgmt);
  return provider;
}

std::string signature_provider(const char* name) {
  EVP_SIGNATURE* signature = EVP_SIGNATURE_fetch(nullptr, name, nullptr);
  REQUIRE(signature);
  std::string provider = OSSL_PROVIDER_get0_name(EVP_SIGNATURE_get0_provider(signature));
  EVP_SIGNATURE_free(signature);
  return provider;
}

}  // namespace

TEST_SUITE("provider: isolation") {
  TEST_CASE("software keys are generated and used by the default provider after HSM keys load") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto rsa_pair =
        pkcs11::generate_key_pair(session, {"rsa", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    auto ec_pair = pkcs11::generate_key_pair(session, {"ec", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    auto hsm_rsa = provider::load_hsm_key(hsm.module(), hsm.token(), rsa_pair, hsm.user_pin());
    auto hsm_ec = provider::load_hsm_key(hsm.module(), hsm.token(), ec_pair, hsm.user_pin());

    CHECK(OSSL_PROVIDER_available(nullptr, "keyrite") == 0);
    CHECK(keymgmt_provider("RSA") == "default");
    CHECK(keymgmt_provider("EC") == "default");
    CHECK(signature_provider("ECDSA") == "default");
    CHECK(signature_provider("RSA") == "default");

    ossl::EvpPkeyPtr rsa(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048}));
    ossl::EvpPkeyPtr ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
    REQUIRE(rsa);
    REQUIRE(ec);
    CHECK_FALSE(provider::hsm_key_description(rsa.get()).has_value());
    CHECK(EVP_PKEY_get_bits(rsa.get()) == 2048);

    // The software keys sign and verify as usual, with and without keyrite's helper.
    for (auto [key, alg] :
         {std::pair{rsa.get(), "rsassaPss-sha256"}, std::pair{ec.get(), "ecdsa-with-SHA384"}}) {
      CAPTURE(alg);
      auto cert = test::tbs_certificate(key);
      REQUIRE(X509_sign_ctx(cert.get(), provider::make_signing_context(key, alg).get()) > 0);
      CHECK(X509_verify(cert.get(), key) == 1);
      auto plain = test::tbs_certificate(key);
      REQUIRE(X509_sign(plain.get(), key, EVP_sha256()) > 0);
      CHECK(X509_verify(plain.get(), key) == 1);
    }

    // And the HSM keys still sign alongside them.
    auto cert = test::tbs_certificate(ec_pair.public_key.get());
    REQUIRE(X509_sign_ctx(cert.get(),
                          provider::make_signing_context(hsm_ec.get(), "ecdsa-with-SHA256").get()) >
            0);
    CHECK(X509_verify(cert.get(), ec_pair.public_key.get()) == 1);
  }
}
