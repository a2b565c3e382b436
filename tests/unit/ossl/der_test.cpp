// ossl: certificate and key parsing, DER re-encoding and fingerprints, on third-party data.
#include "ossl/der.h"

#include <doctest/doctest.h>
#include <openssl/err.h>

#include <fstream>

#include "ossl/digest.h"
#include "ossl/error.h"
#include "util/atomic_file.h"
#include "util/error.h"

using namespace kr;

namespace {
std::filesystem::path realworld(const std::string& name) {
  return std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "realworld" / name;
}
}  // namespace

TEST_SUITE("ossl") {
  TEST_CASE("a real root parses from PEM and its DER hash matches the published SHA-256") {
    auto pem = read_file(realworld("amazon-root-ca-1.pem"));
    auto cert = ossl::read_certificate(pem, "amazon-root-ca-1.pem");
    auto der = ossl::cert_der(cert.get());
    // realworld/README.md lists the certificate SHA-256 as 8ecde6884f3d87b1...
    CHECK(ossl::sha256_hex(der).rfind("8ecde6884f3d87b1", 0) == 0);
    // The DER form parses too, to the same certificate.
    auto again = ossl::read_certificate(der, "der");
    CHECK(ossl::cert_der(again.get()) == der);
    // Its public key, through PEM and back, keeps the same SPKI fingerprint.
    const EVP_PKEY* key = X509_get0_pubkey(cert.get());
    auto key_pem = ossl::public_key_pem(key);
    auto parsed = ossl::read_public_key(as_bytes(key_pem), "pem");
    CHECK(ossl::spki_sha256_hex(parsed.get()) == ossl::spki_sha256_hex(key));
    CHECK(ossl::spki_der(parsed.get()).size() == 294);  // RSA 2048 SubjectPublicKeyInfo
  }

  TEST_CASE("garbage and trailing bytes are refused, naming the input") {
    Bytes junk{0x30, 0x03, 0x02, 0x01, 0x01};
    CHECK_THROWS_WITH_AS(ossl::read_certificate(junk, "junk.crt"),
                         doctest::Contains("junk.crt: not a PEM or DER certificate"), Error);
    auto der = ossl::cert_der(
        ossl::read_certificate(read_file(realworld("isrg-root-x2.pem")), "x2").get());
    der.push_back(0);
    CHECK_THROWS_WITH_AS(ossl::read_certificate(der, "x2+1"),
                         doctest::Contains("x2+1: not a PEM or DER certificate"), Error);
    CHECK(ERR_peek_error() == 0);  // the queue was drained into the message
  }

  TEST_CASE("SHA-256 known answer") {
    CHECK(ossl::sha256_hex(as_bytes("abc")) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
