// Serial numbers: positive, at most 20 octets, 127 random bits.
#include "x509/serial.h"

#include <doctest/doctest.h>

#include <bitset>
#include <set>

#include "util/error.h"

using namespace kr;

TEST_SUITE("x509::serial") {
  TEST_CASE("random serials: 16 octets, top bit clear, every other bit used") {
    std::set<Bytes> seen;
    std::bitset<128> ever_set;
    for (int i = 0; i < 1000; ++i) {
      Bytes s = x509::random_serial();
      REQUIRE(s.size() == 16);
      CHECK((s[0] & 0x80) == 0);
      seen.insert(s);
      for (int bit = 0; bit < 128; ++bit)
        if (s[bit / 8] & (0x80 >> (bit % 8))) ever_set.set(bit);
    }
    CHECK(seen.size() == 1000);
    CHECK_FALSE(ever_set.test(0));
    CHECK(ever_set.count() == 127);  // chance of a false failure: about 127 * 2^-1000
  }

  TEST_CASE("encoding keeps the value and refuses what RFC 5280 forbids") {
    Bytes twenty(20, 0x11);
    auto i = x509::serial_to_asn1(twenty);
    CHECK(x509::serial_hex(i.get()) == std::string(40, '1'));
    auto message = [](Bytes b) {
      try {
        x509::serial_to_asn1(b);
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(message({}) == "serial number is empty");
    CHECK(message(Bytes(21, 0x11)) == "serial number is longer than 20 octets");
    CHECK(message({0x80, 0x01}) == "serial number has its top bit set; it must be positive");
    CHECK(message({0x00, 0x00}) == "serial number is zero; it must be positive");
  }

  TEST_CASE("negative serials print with a sign") {
    ossl::Asn1IntegerPtr neg(ASN1_INTEGER_new());
    REQUIRE(ASN1_INTEGER_set(neg.get(), -0x1234) == 1);
    CHECK(x509::serial_hex(neg.get()) == "-1234");
  }
}
