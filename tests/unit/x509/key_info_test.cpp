// Key descriptions in CPS 6.1.5 terms, checked against the real Amazon root keys.
#include "x509/key_info.h"

#include <doctest/doctest.h>

#include "unit/x509/test_support.h"

using namespace kr;

TEST_SUITE("x509::key_info") {
  TEST_CASE("the four Amazon root keys") {
    const std::pair<const char*, const char*> expected[] = {
        {"amazon-root-ca-1.pem", "RSA 2048-bit"},
        {"amazon-root-ca-2.pem", "RSA 4096-bit"},
        {"amazon-root-ca-3.pem", "P-256"},
        {"amazon-root-ca-4.pem", "P-384"},
    };
    for (const auto& [file, text] : expected)
      CHECK(x509::describe_key(X509_get0_pubkey(test::realworld_cert(file).get())).text == text);
    auto rsa =
        x509::describe_key(X509_get0_pubkey(test::realworld_cert("amazon-root-ca-2.pem").get()));
    CHECK(rsa.family == x509::KeyFamily::rsa);
    CHECK(rsa.bits == 4096);
  }

  TEST_CASE("curves outside CPS 6.1.5 are still named") {
    auto p224 = x509::describe_key(test::shared_key("P-224"));
    CHECK(p224.family == x509::KeyFamily::ec);
    CHECK(p224.curve == "P-224");
    CHECK(p224.bits == 224);
    CHECK(x509::describe_key(test::shared_key("secp256k1")).text == "EC secp256k1");
    CHECK(x509::describe_key(test::shared_key("P-521")).text == "P-521");
  }

  TEST_CASE("other key types and no key at all") {
    ossl::EvpPkeyPtr ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    REQUIRE(ed);
    auto info = x509::describe_key(ed.get());
    CHECK(info.family == x509::KeyFamily::other);
    CHECK(info.text == "ED25519");
    CHECK(x509::describe_key(nullptr).text == "(no public key)");
  }
}
