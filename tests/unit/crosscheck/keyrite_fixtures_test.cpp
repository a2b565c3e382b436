// Roots built and signed by keyrite's own builder (tests/data/lint/keyrite-*.pem, kept identical
// to today's builder output by unit-profile's fixtures test) pass Botan.
#include <doctest/doctest.h>

#include "crosscheck/verify.h"
#include "unit/crosscheck/openssl_pki.h"

using namespace kr;

namespace {

test::Cert read_fixture(const char* file) {
  auto path = std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "lint" / file;
  std::unique_ptr<BIO, test::Freer<BIO, BIO_free>> bio(BIO_new_file(path.c_str(), "r"));
  REQUIRE(bio);
  test::Cert cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  REQUIRE(cert);
  return cert;
}

}  // namespace

TEST_SUITE("crosscheck::keyrite fixtures") {
  TEST_CASE("keyrite-built roots validate and their signatures verify") {
    for (const char* file :
         {"keyrite-root-rsa2048-sha256.pem", "keyrite-root-rsa2048-pss-sha256.pem",
          "keyrite-root-p384-sha384.pem"}) {
      CAPTURE(file);
      auto cert = read_fixture(file);
      Bytes der = test::der(cert.get());
      auto root = crosscheck::validate_self_signed_root(der, test::at("2030-01-01T00:00:00Z"));
      CHECK(root.ok);
      CHECK(root.message == "Botan: Verified");
      CHECK(crosscheck::verify_certificate_signature(der, test::spki(X509_get0_pubkey(cert.get())))
                .ok);
      // Valid through the last second of its 25 years and not one second more.
      CHECK(crosscheck::validate_self_signed_root(der, test::at("2050-05-26T00:00:00Z")).ok);
      CHECK_FALSE(crosscheck::validate_self_signed_root(der, test::at("2050-05-26T00:00:01Z")).ok);
    }
  }
}
