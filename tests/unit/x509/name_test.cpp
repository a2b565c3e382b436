// Name building: string types, one attribute per RDN, order, and the errors a script author sees.
#include "x509/name.h"

#include <doctest/doctest.h>
#include <openssl/objects.h>

#include "unit/x509/test_support.h"
#include "util/error.h"

using namespace kr;

TEST_SUITE("x509::name") {
  TEST_CASE("C is a PrintableString, the rest UTF8String, each in its own RDN, in order") {
    x509::DistinguishedName dn{
        {"C", "US"}, {"O", "Amazon"}, {"OU", "Trust"}, {"CN", "Amazon Root CA 9"}};
    auto name = x509::build_name(dn);
    REQUIRE(X509_NAME_entry_count(name.get()) == 4);
    const int expected_nids[] = {NID_countryName, NID_organizationName, NID_organizationalUnitName,
                                 NID_commonName};
    for (int i = 0; i < 4; ++i) {
      const X509_NAME_ENTRY* e = X509_NAME_get_entry(name.get(), i);
      CHECK(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) == expected_nids[i]);
      CHECK(X509_NAME_ENTRY_set(e) == i);
      CHECK(ASN1_STRING_type(X509_NAME_ENTRY_get_data(e)) ==
            (i == 0 ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING));
    }
    CHECK(x509::read_name(name.get()) == dn);
    CHECK(x509::name_text(name.get()) == "C = US, O = Amazon, OU = Trust, CN = Amazon Root CA 9");
  }

  TEST_CASE("the EV Guidelines 9.2 attributes, with the string types X.520 gives them") {
    x509::DistinguishedName dn{{"C", "US"},
                               {"O", "Example Software"},
                               {"businessCategory", "Private Organization"},
                               {"jurisdictionC", "US"},
                               {"jurisdictionST", "Delaware"},
                               {"jurisdictionL", "Wilmington"},
                               {"serialNumber", "5157550"},
                               {"CN", "Example Software Ltd"}};
    auto name = x509::build_name(dn);
    REQUIRE(X509_NAME_entry_count(name.get()) == 8);
    const int nids[] = {NID_countryName,
                        NID_organizationName,
                        NID_businessCategory,
                        NID_jurisdictionCountryName,
                        NID_jurisdictionStateOrProvinceName,
                        NID_jurisdictionLocalityName,
                        NID_serialNumber,
                        NID_commonName};
    const bool printable[] = {true, false, false, true, false, false, true, false};
    for (int i = 0; i < 8; ++i) {
      CAPTURE(i);
      const X509_NAME_ENTRY* e = X509_NAME_get_entry(name.get(), i);
      CHECK(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) == nids[i]);
      CHECK(ASN1_STRING_type(X509_NAME_ENTRY_get_data(e)) ==
            (printable[i] ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING));
    }
    CHECK(x509::read_name(name.get()) == dn);
  }

  TEST_CASE("non-ASCII values survive as UTF-8") {
    x509::DistinguishedName dn{{"C", "DE"}, {"O", "Müller & Söhne"}, {"CN", "Wurzel-CA Ü1"}};
    auto name = x509::build_name(dn);
    CHECK(x509::read_name(name.get()) == dn);
    CHECK(x509::name_text(name.get()) == "C = DE, O = Müller & Söhne, CN = Wurzel-CA Ü1");
  }

  TEST_CASE("reading a real certificate's name") {
    auto cert = test::realworld_cert("amazon-root-ca-1.pem");
    CHECK(x509::name_text(X509_get_subject_name(cert.get())) ==
          "C = US, O = Amazon, CN = Amazon Root CA 1");
    x509::DistinguishedName want{{"C", "US"}, {"O", "Amazon"}, {"CN", "Amazon Root CA 1"}};
    CHECK(x509::read_name(X509_get_subject_name(cert.get())) == want);
  }

  TEST_CASE("what cannot be encoded is refused with the attribute named") {
    auto message = [](x509::DistinguishedName dn) {
      try {
        x509::build_name(dn);
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(message({{"C", "USA"}}) ==
          "name attribute C \"USA\" is not a two-character PrintableString");
    CHECK(message({{"C", "U*"}}) ==
          "name attribute C \"U*\" is not a two-character PrintableString");
    CHECK(message({{"E", "a@b"}}) ==
          "name attribute E is not one of C, ST, L, O, OU, CN, serialNumber, businessCategory, "
          "jurisdictionC, jurisdictionST, jurisdictionL");
    CHECK(message({{"jurisdictionC", "Delaware"}}) ==
          "name attribute jurisdictionC \"Delaware\" is not a two-character PrintableString");
    CHECK(message({{"serialNumber", "HRB 12_34"}}) ==
          "name attribute serialNumber \"HRB 12_34\" is not a PrintableString of 1 to 64 "
          "characters");
    CHECK(message({{"O", ""}}) == "name attribute O is empty");
    CHECK(message({{"CN", std::string(65, 'x')}}) ==
          "name attribute CN \"" + std::string(65, 'x') + "\" is not UTF-8 of 1 to 64 characters");
    CHECK(message({{"CN", "bad \xff byte"}}) ==
          "name attribute CN \"bad \xff byte\" is not UTF-8 of 1 to 64 characters");
    // 64 characters of two bytes each: the bound counts characters, not bytes.
    std::string umlauts;
    for (int i = 0; i < 64; ++i) umlauts += "ü";
    CHECK(message({{"CN", umlauts}}) == "no error");
  }
}
