// describe_certificate on a real root, with the fingerprints from openssl and the ATS repository.
#include "x509/describe.h"

#include <doctest/doctest.h>

#include "unit/x509/test_support.h"

using namespace kr;

TEST_SUITE("x509::describe") {
  TEST_CASE("Amazon Root CA 1") {
    auto cert = test::realworld_cert("amazon-root-ca-1.pem");
    CHECK(x509::describe_certificate(cert.get()) ==
          "subject: C = US, O = Amazon, CN = Amazon Root CA 1; "
          "issuer: C = US, O = Amazon, CN = Amazon Root CA 1; "
          "serial: 066c9fcf99bf8c0a39e2f0788a43e696365bca; "
          "validity: 2015-05-26T00:00:00Z to 2038-01-17T00:00:00Z; "
          "key: RSA 2048-bit, SPKI SHA-256 "
          "fbe3018031f9586bcbf41727e417b7d1c45c2f47f93be372a17b96b50757d5a2; "
          "signature: sha256WithRSAEncryption; "
          "certificate SHA-256: 8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e");
  }

  TEST_CASE("no certificate") {
    CHECK(x509::describe_certificate(nullptr) == "(no certificate)");
  }
}
