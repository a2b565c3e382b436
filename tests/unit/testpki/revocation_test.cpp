// The CRL entry of a revoked test certificate carries its serial as serial_to_asn1 takes it.
#include "testpki/revocation.h"

#include <doctest/doctest.h>
#include <openssl/bn.h>
#include <openssl/x509.h>

#include "testpki/spec.h"
#include "x509/serial.h"

using namespace kr;

namespace {

// A certificate holding only a serial: the magnitude of `hex`.
ossl::X509Ptr with_serial(const char* hex) {
  ossl::X509Ptr cert(X509_new());
  BIGNUM* bn = nullptr;
  REQUIRE(BN_hex2bn(&bn, hex) > 0);
  ASN1_INTEGER* serial = BN_to_ASN1_INTEGER(bn, nullptr);
  BN_free(bn);
  REQUIRE(serial);
  REQUIRE(X509_set_serialNumber(cert.get(), serial) == 1);
  ASN1_INTEGER_free(serial);
  return cert;
}

}  // namespace

TEST_CASE("a serial whose magnitude starts with a set top bit keeps its sign in the CRL entry") {
  // random_serial clears the top bit of 16 octets; when the first octet is also 0x00 (1 in 256),
  // OpenSSL's magnitude starts at the second octet, whose top bit is set half the time.
  for (const char* hex :
       {"80112233445566778899aabbccddee", "7f112233445566778899aabbccddeeff", "ff"}) {
    testpki::NodeSpec spec;
    testpki::Made made;
    made.spec = &spec;
    made.cert = with_serial(hex);
    auto entry = testpki::revocation_entry(made, UtcTime{});
    auto encoded =
        x509::serial_to_asn1(entry.serial);  // throws if the entry's serial were negative
    CHECK(ASN1_INTEGER_cmp(encoded.get(), X509_get0_serialNumber(made.cert.get())) == 0);
  }
}
