// RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
#include "x509/asn1_time.h"

#include <doctest/doctest.h>

using namespace kr;

namespace {
std::string raw(const ASN1_TIME* t) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(t)),
                     static_cast<std::size_t>(ASN1_STRING_length(t)));
}
}  // namespace

TEST_SUITE("x509::asn1_time") {
  TEST_CASE("the encoding switches at 2050 exactly") {
    auto last_utc = x509::to_asn1_time(*parse_utc("2049-12-31T23:59:59Z"));
    CHECK(ASN1_STRING_type(last_utc.get()) == V_ASN1_UTCTIME);
    CHECK(raw(last_utc.get()) == "491231235959Z");
    auto first_gen = x509::to_asn1_time(*parse_utc("2050-01-01T00:00:00Z"));
    CHECK(ASN1_STRING_type(first_gen.get()) == V_ASN1_GENERALIZEDTIME);
    CHECK(raw(first_gen.get()) == "20500101000000Z");
    auto early = x509::to_asn1_time(*parse_utc("1950-01-01T00:00:00Z"));
    CHECK(raw(early.get()) == "500101000000Z");
    CHECK(x509::time_encoding_problem(last_utc.get()).empty());
    CHECK(x509::time_encoding_problem(first_gen.get()).empty());
  }

  TEST_CASE("round trip") {
    for (const char* text :
         {"2015-05-26T00:00:00Z", "2040-02-29T12:34:56Z", "2065-07-01T01:02:03Z"}) {
      auto t = *parse_utc(text);
      CHECK(format_utc(*x509::from_asn1_time(x509::to_asn1_time(t).get())) == text);
    }
  }

  TEST_CASE("encodings RFC 5280 does not allow are explained") {
    ossl::Asn1TimePtr gen(ASN1_TIME_new());
    REQUIRE(ASN1_TIME_set_string(gen.get(), "20300101000000Z") == 1);
    CHECK(x509::time_encoding_problem(gen.get()) == "GeneralizedTime used for a date before 2050");
    ossl::Asn1TimePtr no_seconds(ASN1_TIME_new());
    REQUIRE(ASN1_TIME_set_string(no_seconds.get(), "3001010000Z") == 1);
    CHECK(x509::time_encoding_problem(no_seconds.get()) ==
          "UTCTime is not of the form YYMMDDHHMMSSZ");
    CHECK(x509::time_encoding_problem(nullptr) == "the time is missing");
  }
}
