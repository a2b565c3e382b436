// Botan's verdicts on real roots and chains, and on fresh certificates made with plain OpenSSL:
// what keyrite signs must pass here, and the mistakes it guards against must fail here too.
#include "crosscheck/verify.h"

#include <doctest/doctest.h>

#include "unit/crosscheck/openssl_pki.h"

using namespace kr;
using crosscheck::Result;

TEST_SUITE("crosscheck::real") {
  TEST_CASE("Amazon Root CA 1-4 validate as self-signed roots while valid, not after") {
    for (int n = 1; n <= 4; ++n) {
      auto der = test::realworld_der("amazon-root-ca-" + std::to_string(n) + ".pem");
      CAPTURE(n);
      Result r = crosscheck::validate_self_signed_root(der, test::at("2024-01-01T00:00:00Z"));
      CHECK(r.ok);
      CHECK(r.message == "Botan: Verified");
      Result late = crosscheck::validate_self_signed_root(der, test::at("2041-01-01T00:00:00Z"));
      CHECK_FALSE(late.ok);
      CHECK(late.message == "Botan path validation failed: Certificate has expired");
    }
    Result early = crosscheck::validate_self_signed_root(
        test::realworld_der("amazon-root-ca-1.pem"), test::at("2015-05-25T23:59:59Z"));
    CHECK_FALSE(early.ok);
    CHECK(early.message == "Botan path validation failed: Certificate is not yet valid");
  }

  TEST_CASE("an intermediate is not a self-signed root") {
    Result r = crosscheck::validate_self_signed_root(test::realworld_der("amazon-rsa-2048-m01.pem"),
                                                     test::at("2024-01-01T00:00:00Z"));
    CHECK_FALSE(r.ok);
    CHECK(r.message == "Botan: the certificate is not self-signed (issuer differs from subject)");
  }

  TEST_CASE("a SHA-1 root is refused by Botan's policy") {
    Result r = crosscheck::validate_self_signed_root(
        test::realworld_der("digicert-global-root-ca.pem"), test::at("2024-01-01T00:00:00Z"));
    CHECK_FALSE(r.ok);
    CHECK(r.message ==
          "Botan: the root is signed with SHA-160, which Botan's path validation policy does not "
          "trust");
  }

  TEST_CASE("signatures of real intermediates verify under their issuer's key only") {
    const std::pair<const char*, const char*> chains[] = {
        {"amazon-rsa-2048-m01.pem", "amazon-root-ca-1.pem"},
        {"amazon-rsa-4096-m02.pem", "amazon-root-ca-2.pem"},
        {"amazon-ecdsa-256-m02.pem", "amazon-root-ca-3.pem"},
        {"amazon-ecdsa-384-m02.pem", "amazon-root-ca-4.pem"},
        {"le-r3.pem", "isrg-root-x1.pem"},
        {"le-e5.pem", "isrg-root-x2.pem"},
    };
    for (const auto& [leaf, root] : chains) {
      CAPTURE(leaf);
      Result r = crosscheck::verify_certificate_signature(test::realworld_der(leaf),
                                                          test::realworld_spki(root));
      CHECK(r.ok);
      CHECK(r.message == "Botan: signature verified");
    }
    Result wrong =
        crosscheck::verify_certificate_signature(test::realworld_der("amazon-rsa-2048-m01.pem"),
                                                 test::realworld_spki("amazon-root-ca-2.pem"));
    CHECK_FALSE(wrong.ok);
    CHECK(wrong.message == "Botan: signature not verified: Signature error");
  }

  TEST_CASE("real chains validate at a time inside every certificate's validity") {
    Result r = crosscheck::validate_chain(test::realworld_der("le-r3.pem"), {},
                                          {test::realworld_der("isrg-root-x1.pem")}, {},
                                          test::at("2021-06-01T00:00:00Z"));
    CHECK(r.ok);
    Result amazon = crosscheck::validate_chain(test::realworld_der("amazon-server-ca-1b.pem"), {},
                                               {test::realworld_der("amazon-root-ca-1.pem")}, {},
                                               test::at("2020-01-01T00:00:00Z"));
    CHECK(amazon.ok);
    Result untrusted = crosscheck::validate_chain(test::realworld_der("le-r3.pem"), {},
                                                  {test::realworld_der("amazon-root-ca-1.pem")}, {},
                                                  test::at("2021-06-01T00:00:00Z"));
    CHECK_FALSE(untrusted.ok);
    CHECK(untrusted.message == "Botan path validation failed: Certificate issuer not found");
  }

  TEST_CASE("garbage in, a message out") {
    Bytes junk{0x30, 0x03, 0x02, 0x01, 0x01};
    Result r = crosscheck::validate_self_signed_root(junk, test::at("2024-01-01T00:00:00Z"));
    CHECK_FALSE(r.ok);
    CHECK(r.message.rfind("Botan could not validate the root: ", 0) == 0);
    CHECK_FALSE(crosscheck::verify_certificate_signature(junk, junk).ok);
  }
}

TEST_SUITE("crosscheck::fresh") {
  TEST_CASE("roots made with every CPS 6.1.5 key kind validate") {
    struct Case {
      const char* name;
      test::Key key;
      const char* digest;
      bool pss;
    };
    Case cases[] = {{"RSA 2048", test::rsa(2048), "SHA256", false},
                    {"RSA 2048 PSS", test::rsa(2048), "SHA384", true},
                    {"P-256", test::ec("P-256"), "SHA256", false},
                    {"P-384", test::ec("P-384"), "SHA384", false},
                    {"P-521", test::ec("P-521"), "SHA512", false}};
    for (auto& c : cases) {
      CAPTURE(c.name);
      test::CertSpec spec{"Crosscheck Root"};
      spec.digest = c.digest;
      spec.pss = c.pss;
      auto root = test::make_ca(spec, c.key.get(), nullptr, nullptr);
      Result r = crosscheck::validate_self_signed_root(test::der(root.get()),
                                                       test::at("2030-01-01T00:00:00Z"));
      CHECK(r.ok);
      CHECK(crosscheck::verify_certificate_signature(test::der(root.get()), test::spki(c.key.get()))
                .ok);
    }
  }

  TEST_CASE("a broken self-signature fails even though the root is its own anchor") {
    auto key = test::ec("P-256");
    auto root = test::make_ca({"Crosscheck Root"}, key.get(), nullptr, nullptr);
    Bytes der = test::der(root.get());
    der[der.size() - 5] ^= 0x01;  // inside the signature value
    Result r = crosscheck::validate_self_signed_root(der, test::at("2030-01-01T00:00:00Z"));
    CHECK_FALSE(r.ok);
    CHECK(r.message == "Botan: self-signature not verified: Signature error");
  }

  TEST_CASE("a fresh SHA-1 root is refused like the real ones") {
    auto key = test::rsa(2048);
    test::CertSpec spec{"SHA-1 Root"};
    spec.digest = "SHA1";
    auto root = test::make_ca(spec, key.get(), nullptr, nullptr);
    Result r = crosscheck::validate_self_signed_root(test::der(root.get()),
                                                     test::at("2030-01-01T00:00:00Z"));
    CHECK_FALSE(r.ok);
    CHECK(r.message ==
          "Botan: the root is signed with SHA-160, which Botan's path validation policy does not "
          "trust");
  }

  TEST_CASE("a 1024-bit RSA root is too weak for Botan's policy") {
    auto key = test::rsa(1024);
    auto root = test::make_ca({"Weak Root"}, key.get(), nullptr, nullptr);
    Result r = crosscheck::validate_self_signed_root(test::der(root.get()),
                                                     test::at("2030-01-01T00:00:00Z"));
    CHECK_FALSE(r.ok);
    CHECK(r.message == "Botan path validation failed: Signature method too weak");
  }

  TEST_CASE("a chain with an intermediate, with and without a CRL that revokes it") {
    auto root_key = test::ec("P-384");
    auto sub_key = test::ec("P-256");
    auto leaf_key = test::ec("P-256");
    auto root = test::make_ca({"Crosscheck Root"}, root_key.get(), nullptr, nullptr);
    test::CertSpec sub_spec{"Crosscheck Sub"};
    sub_spec.digest = "SHA384";
    sub_spec.serial = 0x51;
    auto sub = test::make_ca(sub_spec, sub_key.get(), root.get(), root_key.get());
    test::CertSpec leaf_spec{"Crosscheck Leaf"};
    leaf_spec.serial = 0x1EAF;
    leaf_spec.not_after = "2040-01-01T00:00:00Z";
    auto leaf = test::make_ca(leaf_spec, leaf_key.get(), sub.get(), sub_key.get());
    auto when = test::at("2030-01-01T00:00:00Z");

    Result plain = crosscheck::validate_chain(test::der(leaf.get()), {test::der(sub.get())},
                                              {test::der(root.get())}, {}, when);
    CHECK(plain.ok);
    auto clean_crl = test::make_crl(root.get(), root_key.get(), nullptr, "2029-12-15T00:00:00Z");
    Result with_clean =
        crosscheck::validate_chain(test::der(leaf.get()), {test::der(sub.get())},
                                   {test::der(root.get())}, {test::der(clean_crl.get())}, when);
    CHECK(with_clean.ok);
    auto revoking = test::make_crl(root.get(), root_key.get(), sub.get(), "2029-12-15T00:00:00Z");
    Result revoked =
        crosscheck::validate_chain(test::der(leaf.get()), {test::der(sub.get())},
                                   {test::der(root.get())}, {test::der(revoking.get())}, when);
    CHECK_FALSE(revoked.ok);
    CHECK(revoked.message == "Botan path validation failed: Certificate is revoked");
  }
}
