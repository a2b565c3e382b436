// RFC 4043 PermanentIdentifier through the ASN.1 template: what the encoder writes is the DER a
// reader expects, and the decoder takes DER only (no BER lengths, no trailing bytes, no other
// types in the SEQUENCE).
#include "x509/permanent_identifier.h"

#include <doctest/doctest.h>

#include "ossl/types.h"

using namespace kr;

namespace {

Bytes body_of(const ASN1_TYPE* t) {
  REQUIRE(t);
  REQUIRE(t->type == V_ASN1_SEQUENCE);
  const ASN1_STRING* s = t->value.sequence;
  return Bytes(ASN1_STRING_get0_data(s), ASN1_STRING_get0_data(s) + ASN1_STRING_length(s));
}

}  // namespace

TEST_SUITE("x509::permanent_identifier") {
  TEST_CASE("the encoder writes SEQUENCE { UTF8String } and nothing else") {
    ossl::Owned<ASN1_TYPE, ASN1_TYPE_free> value(x509::permanent_identifier_value("EX-12345"));
    const Bytes expected = {0x30, 0x0A, 0x0C, 0x08, 'E', 'X', '-', '1', '2', '3', '4', '5'};
    CHECK(body_of(value.get()) == expected);
    auto back = x509::decode_permanent_identifier(expected);
    REQUIRE(back);
    CHECK(back->value == "EX-12345");
    CHECK_FALSE(back->assigner);
  }

  TEST_CASE("an assigner and an empty SEQUENCE decode to what they hold") {
    const Bytes with_assigner = {0x30, 0x09, 0x0C, 0x03, 'X', '-', '1', 0x06, 0x02, 0x2A, 0x03};
    auto pi = x509::decode_permanent_identifier(with_assigner);
    REQUIRE(pi);
    CHECK(pi->value == "X-1");
    CHECK(pi->assigner == "1.2.3");
    auto empty = x509::decode_permanent_identifier(Bytes{0x30, 0x00});
    REQUIRE(empty);
    CHECK_FALSE(empty->value);
    CHECK_FALSE(empty->assigner);
  }

  TEST_CASE("strict: BER lengths, trailing bytes, other types and wrong order are refused") {
    // The same value with a long-form length (BER, not DER).
    CHECK_FALSE(
        x509::decode_permanent_identifier(Bytes{0x30, 0x81, 0x05, 0x0C, 0x03, 'X', '-', '1'}));
    CHECK_FALSE(
        x509::decode_permanent_identifier(Bytes{0x30, 0x05, 0x0C, 0x03, 'X', '-', '1', 0x00}));
    // An IA5String where the UTF8String belongs.
    CHECK_FALSE(x509::decode_permanent_identifier(Bytes{0x30, 0x05, 0x16, 0x03, 'X', '-', '1'}));
    // The assigner before the value.
    CHECK_FALSE(x509::decode_permanent_identifier(
        Bytes{0x30, 0x09, 0x06, 0x02, 0x2A, 0x03, 0x0C, 0x03, 'X', '-', '1'}));
    CHECK_FALSE(x509::decode_permanent_identifier(Bytes{0x30, 0x05, 0x0C, 0x03, 'X'}));
    CHECK_FALSE(x509::decode_permanent_identifier(Bytes{}));
  }
}
