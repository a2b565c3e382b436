// The builder's new extension kinds, read back by OpenSSL's own decoders: certificatePolicies,
// authorityInfoAccess, cRLDistributionPoints, extendedKeyUsage, id-pkix-ocsp-nocheck and
// subjectAltName (dNSName, iPAddress, rfc822Name, permanentIdentifier).
#include "x509/extensions.h"

#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "unit/x509/test_support.h"
#include "util/error.h"
#include "x509/builder.h"
#include "x509/inventory.h"
#include "x509/key_purposes.h"
#include "x509/serial.h"

using namespace kr;

namespace {

x509::CertificateTemplate leaf(std::vector<x509::ExtensionSpec> extensions) {
  x509::CertificateTemplate t;
  t.subject = t.issuer = {{"C", "US"}, {"O", "Example"}, {"CN", "www.example.com"}};
  t.serial = x509::random_serial();
  t.not_before = *parse_utc("2025-06-01T00:00:00Z");
  t.not_after = *parse_utc("2026-06-01T00:00:00Z");
  t.public_key = test::shared_key("P-256");
  t.extensions = std::move(extensions);
  return t;
}

std::string text(const ASN1_STRING* s) {
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(s)),
                     static_cast<std::size_t>(ASN1_STRING_length(s)));
}

std::string oid(const ASN1_OBJECT* obj) {
  return x509::dotted_oid(obj);
}

}  // namespace

TEST_SUITE("x509::extensions") {
  TEST_CASE("policies, AIA, CRL DP, EKU and ocsp-nocheck, in order, as OpenSSL reads them") {
    auto cert = x509::build_certificate(leaf({
        {x509::CertificatePolicies{{"1.3.187.1", "2.23.140.1.2.1"}}, false},
        {x509::AuthorityInfoAccess{{"http://crt.example.com/ca.cer"}, {"http://ocsp.example.com"}},
         false},
        {x509::CrlDistributionPoints{
             {"http://crl.example.com/ca.crl", "http://crl2.example.com/ca.crl"}},
         false},
        {x509::ExtendedKeyUsage{
             {*x509::key_purpose_oid("serverAuth"), *x509::key_purpose_oid("clientAuth")}},
         true},
        {x509::OcspNoCheck{}, false},
    }));
    const int nids[] = {NID_certificate_policies, NID_info_access, NID_crl_distribution_points,
                        NID_ext_key_usage, NID_id_pkix_OCSP_noCheck};
    REQUIRE(X509_get_ext_count(cert.get()) == 5);
    for (int i = 0; i < 5; ++i)
      CHECK(OBJ_obj2nid(X509_EXTENSION_get_object(X509_get_ext(cert.get(), i))) == nids[i]);
    CHECK(X509_EXTENSION_get_critical(X509_get_ext(cert.get(), 3)) == 1);

    auto* cp = static_cast<CERTIFICATEPOLICIES*>(
        X509_get_ext_d2i(cert.get(), NID_certificate_policies, nullptr, nullptr));
    REQUIRE(sk_POLICYINFO_num(cp) == 2);
    CHECK(oid(sk_POLICYINFO_value(cp, 0)->policyid) == "1.3.187.1");
    CHECK(oid(sk_POLICYINFO_value(cp, 1)->policyid) == "2.23.140.1.2.1");
    CHECK(sk_POLICYINFO_value(cp, 0)->qualifiers == nullptr);
    CERTIFICATEPOLICIES_free(cp);

    auto* aia = static_cast<AUTHORITY_INFO_ACCESS*>(
        X509_get_ext_d2i(cert.get(), NID_info_access, nullptr, nullptr));
    REQUIRE(sk_ACCESS_DESCRIPTION_num(aia) == 2);
    CHECK(OBJ_obj2nid(sk_ACCESS_DESCRIPTION_value(aia, 0)->method) == NID_ad_OCSP);
    CHECK(OBJ_obj2nid(sk_ACCESS_DESCRIPTION_value(aia, 1)->method) == NID_ad_ca_issuers);
    CHECK(text(sk_ACCESS_DESCRIPTION_value(aia, 1)->location->d.uniformResourceIdentifier) ==
          "http://crt.example.com/ca.cer");
    sk_ACCESS_DESCRIPTION_pop_free(aia, ACCESS_DESCRIPTION_free);

    auto* dps = static_cast<CRL_DIST_POINTS*>(
        X509_get_ext_d2i(cert.get(), NID_crl_distribution_points, nullptr, nullptr));
    REQUIRE(sk_DIST_POINT_num(dps) == 1);
    const DIST_POINT* dp = sk_DIST_POINT_value(dps, 0);
    CHECK(dp->reasons == nullptr);
    CHECK(dp->CRLissuer == nullptr);
    REQUIRE(dp->distpoint->type == 0);
    CHECK(sk_GENERAL_NAME_num(dp->distpoint->name.fullname) == 2);
    CRL_DIST_POINTS_free(dps);
    CHECK(x509::crl_urls(cert.get()) == std::vector<std::string>{"http://crl.example.com/ca.crl",
                                                                 "http://crl2.example.com/ca.crl"});

    auto* eku = static_cast<EXTENDED_KEY_USAGE*>(
        X509_get_ext_d2i(cert.get(), NID_ext_key_usage, nullptr, nullptr));
    REQUIRE(sk_ASN1_OBJECT_num(eku) == 2);
    CHECK(OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 0)) == NID_server_auth);
    CHECK(OBJ_obj2nid(sk_ASN1_OBJECT_value(eku, 1)) == NID_client_auth);
    sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);

    // RFC 6960 4.2.2.2.1: the extension value is NULL.
    const ASN1_OCTET_STRING* nocheck = X509_EXTENSION_get_data(X509_get_ext(cert.get(), 4));
    CHECK(text(nocheck) == std::string("\x05\x00", 2));
  }

  TEST_CASE("subjectAltName: DNS names, IPv4 and IPv6 octets, email, permanentIdentifier") {
    x509::SubjectAltName san;
    san.dns_names = {"www.example.com"};
    san.ip_addresses = {"192.0.2.1", "2001:db8::1"};
    san.emails = {"alice@example.com"};
    san.permanent_identifiers = {"EX-12345"};
    auto cert = x509::build_certificate(leaf({{san, false}}));
    auto* names = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(cert.get(), NID_subject_alt_name, nullptr, nullptr));
    REQUIRE(sk_GENERAL_NAME_num(names) == 5);
    const GENERAL_NAME* n = sk_GENERAL_NAME_value(names, 0);
    CHECK(n->type == GEN_DNS);
    CHECK(text(n->d.dNSName) == "www.example.com");
    n = sk_GENERAL_NAME_value(names, 1);
    CHECK(n->type == GEN_IPADD);
    CHECK(text(n->d.iPAddress) == std::string("\xc0\x00\x02\x01", 4));
    n = sk_GENERAL_NAME_value(names, 2);
    CHECK(n->type == GEN_IPADD);
    CHECK(ASN1_STRING_length(n->d.iPAddress) == 16);
    n = sk_GENERAL_NAME_value(names, 3);
    CHECK(n->type == GEN_EMAIL);
    CHECK(text(n->d.rfc822Name) == "alice@example.com");
    n = sk_GENERAL_NAME_value(names, 4);
    REQUIRE(n->type == GEN_OTHERNAME);
    CHECK(oid(n->d.otherName->type_id) == "1.3.6.1.5.5.7.8.3");
    // PermanentIdentifier ::= SEQUENCE { identifierValue UTF8String } -- no assigner.
    REQUIRE(n->d.otherName->value->type == V_ASN1_SEQUENCE);
    CHECK(text(n->d.otherName->value->value.sequence) ==
          std::string("\x30\x0a\x0c\x08", 4) + "EX-12345");
    sk_GENERAL_NAME_pop_free(names, GENERAL_NAME_free);
  }

  TEST_CASE("an optional subjectAltName without names is left out; a required one is an error") {
    x509::ExtensionSpec optional{x509::SubjectAltName{}, false, true};
    auto cert = x509::build_certificate(leaf({optional}));
    CHECK(X509_get_ext_count(cert.get()) == 0);
    CHECK_THROWS_WITH_AS(x509::build_certificate(leaf({{x509::SubjectAltName{}, false}})),
                         "subjectAltName: the certificate has no name to put in it", Error);
  }

  TEST_CASE("values that cannot be encoded are refused with the value named") {
    x509::SubjectAltName san;
    san.dns_names = {
        "b\xc3\xbc"
        "cher.example"};
    CHECK_THROWS_WITH_AS(x509::build_certificate(leaf({{san, false}})),
                         "\"b\xc3\xbc"
                         "cher.example\" is not ASCII text (an IA5String)",
                         Error);
    san = {};
    san.ip_addresses = {"192.0.2.256"};
    CHECK_THROWS_WITH_AS(x509::build_certificate(leaf({{san, false}})),
                         "iPAddress \"192.0.2.256\" is not an IPv4 or IPv6 address", Error);
    CHECK_THROWS_WITH_AS(
        x509::build_certificate(leaf({{x509::CertificatePolicies{{"1.3.187.one"}}, false}})),
        "certificatePolicies: policy \"1.3.187.one\" is not a dotted OID", Error);
    CHECK_THROWS_WITH_AS(x509::build_certificate(leaf({{x509::AuthorityInfoAccess{}, false}})),
                         "authorityInfoAccess: no URL to write", Error);
    CHECK_THROWS_WITH_AS(
        x509::build_certificate(leaf({{x509::OcspNoCheck{}, false}, {x509::OcspNoCheck{}, false}})),
        "ocspNoCheck is listed twice", Error);
  }

  TEST_CASE("a given subjectKeyIdentifier is written instead of the method-1 value") {
    auto t = leaf({{x509::SubjectKeyIdentifier{}, false}});
    t.subject_key_id = {0x01, 0x02, 0x03};
    auto cert = x509::build_certificate(t);
    auto* ski = static_cast<ASN1_OCTET_STRING*>(
        X509_get_ext_d2i(cert.get(), NID_subject_key_identifier, nullptr, nullptr));
    REQUIRE(ski);
    CHECK(text(ski) == "\x01\x02\x03");
    ASN1_OCTET_STRING_free(ski);
  }

  TEST_CASE("key purpose names and dotted OIDs") {
    CHECK(x509::key_purpose_oid("OCSPSigning") == "1.3.6.1.5.5.7.3.9");
    CHECK(x509::key_purpose_oid("msEncryptingFileSystem") == "1.3.6.1.4.1.311.10.3.4");
    CHECK_FALSE(x509::key_purpose_oid("ocspSigning").has_value());
    CHECK(x509::key_purpose_name("1.3.6.1.5.5.7.3.8") == "timeStamping");
    CHECK(x509::key_purpose_name("1.2.3.4") == "1.2.3.4");
    for (const char* good : {"1.3.187.1", "2.23.140.1.2.1", "2.5.29.32.0", "0.9"})
      CHECK(x509::is_dotted_oid(good));
    for (const char* bad : {"", "1", "1.", ".1", "1..2", "1.2a", "3.1", "1.40", " 1.2"})
      CHECK_FALSE(x509::is_dotted_oid(bad));
  }
}
