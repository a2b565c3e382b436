// The RFC 5280 policy qualifier, cRLDistributionPoints and end-entity lints that
// strict_der_test.cpp does not reach: an unknown qualifier, a CPS pointer that is not a web URL,
// explicitText as BMPString and with a control character, nameRelativeToCRLIssuer, an empty
// fullName, an empty extendedKeyUsage, a leaf without subjectKeyIdentifier; and the automatic
// choice taking a certificate for a cross-certificate when the other one is --issuer's.
#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "lint/rfc5280.h"
#include "lint/select_profile.h"
#include "unit/lint/lint_support.h"
#include "x509/name.h"

using namespace kr;
using test::Ids;

namespace {

std::vector<lint::Finding> rfc(const X509* cert) {
  return lint::rfc5280_certificate(cert, nullptr, {});
}

POLICYQUALINFO* qualifier(int nid) {
  POLICYQUALINFO* q = POLICYQUALINFO_new();
  q->pqualid = OBJ_nid2obj(nid);
  return q;
}

// A certificate whose certificatePolicies is one policy with these qualifiers.
ossl::X509Ptr with_qualifiers(std::vector<POLICYQUALINFO*> qualifiers) {
  return test::make_cert({}, [&](X509* x) {
    CERTIFICATEPOLICIES* cp = CERTIFICATEPOLICIES_new();
    POLICYINFO* info = POLICYINFO_new();
    ASN1_OBJECT_free(info->policyid);
    info->policyid = OBJ_txt2obj("2.23.140.1.2.1", 1);
    info->qualifiers = sk_POLICYQUALINFO_new_null();
    for (auto* q : qualifiers) sk_POLICYQUALINFO_push(info->qualifiers, q);
    sk_POLICYINFO_push(cp, info);
    X509_add1_ext_i2d(x, NID_certificate_policies, cp, 0, X509V3_ADD_REPLACE);
    CERTIFICATEPOLICIES_free(cp);
  });
}

ossl::X509Ptr with_crl_point(DIST_POINT_NAME* name) {
  return test::make_cert({}, [&](X509* x) {
    CRL_DIST_POINTS* points = CRL_DIST_POINTS_new();
    DIST_POINT* dp = DIST_POINT_new();
    dp->distpoint = name;
    sk_DIST_POINT_push(points, dp);
    X509_add1_ext_i2d(x, NID_crl_distribution_points, points, 0, X509V3_ADD_REPLACE);
    CRL_DIST_POINTS_free(points);
  });
}

}  // namespace

TEST_SUITE("lint::rfc5280 qualifiers, distribution points, end entities") {
  TEST_CASE("a qualifier that is neither id-qt-cps nor id-qt-unotice") {
    POLICYQUALINFO* q = qualifier(NID_id_qt_cps);
    q->pqualid = OBJ_txt2obj("1.3.6.1.5.5.7.2.3", 1);  // id-qt-textNotice, never standardised
    q->d.other = ASN1_TYPE_new();
    ASN1_TYPE_set(q->d.other, V_ASN1_NULL, nullptr);
    auto f = rfc(with_qualifiers({q}).get());
    CHECK(test::message_of(f, "e_policy_qualifier_unknown") ==
          "certificatePolicies 2.23.140.1.2.1: qualifier 1.3.6.1.5.5.7.2.3 is neither id-qt-cps "
          "nor id-qt-unotice (RFC 5280 4.2.1.4)");
  }

  TEST_CASE("a CPS pointer that is not an http or https URL") {
    POLICYQUALINFO* q = qualifier(NID_id_qt_cps);
    q->d.cpsuri = ASN1_IA5STRING_new();
    ASN1_STRING_set(q->d.cpsuri, "ldap://ldap.example.com/cps", -1);
    auto f = rfc(with_qualifiers({q}).get());
    CHECK(test::ids(f) == Ids{"w_policy_cps_not_http"});
    CHECK(test::message_of(f, "w_policy_cps_not_http") ==
          "certificatePolicies 2.23.140.1.2.1: CPS URI \"ldap://ldap.example.com/cps\" is not an "
          "http or https URL");
  }

  TEST_CASE("explicitText as BMPString, and a UTF8String with a control character") {
    POLICYQUALINFO* bmp = qualifier(NID_id_qt_unotice);
    bmp->d.usernotice = USERNOTICE_new();
    bmp->d.usernotice->exptext = ASN1_STRING_type_new(V_ASN1_BMPSTRING);
    ASN1_STRING_set(bmp->d.usernotice->exptext, "\0O\0K", 4);
    auto f = rfc(with_qualifiers({bmp}).get());
    CHECK(test::ids(f) == Ids{"w_policy_notice_not_utf8"});
    CHECK(test::message_of(f, "w_policy_notice_not_utf8") ==
          "certificatePolicies 2.23.140.1.2.1: explicitText is a BMPSTRING; RFC 6818 3 says it "
          "SHOULD be a UTF8String");

    POLICYQUALINFO* tab = qualifier(NID_id_qt_unotice);
    tab->d.usernotice = USERNOTICE_new();
    tab->d.usernotice->exptext = ASN1_UTF8STRING_new();
    ASN1_STRING_set(tab->d.usernotice->exptext, "Relying\tparties", -1);
    f = rfc(with_qualifiers({tab}).get());
    CHECK(test::ids(f) == Ids{"w_policy_notice_control_characters"});
    CHECK(test::message_of(f, "w_policy_notice_control_characters") ==
          "certificatePolicies 2.23.140.1.2.1: explicitText holds a control character; RFC 6818 3 "
          "says it SHOULD NOT");
  }

  TEST_CASE("cRLDistributionPoints: nameRelativeToCRLIssuer, an empty fullName") {
    DIST_POINT_NAME* relative = DIST_POINT_NAME_new();
    relative->type = 1;
    relative->name.relativename = sk_X509_NAME_ENTRY_new_null();
    sk_X509_NAME_ENTRY_push(
        relative->name.relativename,
        X509_NAME_ENTRY_create_by_NID(nullptr, NID_commonName, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>("CRL1"), -1));
    auto f = rfc(with_crl_point(relative).get());
    CHECK(test::message_of(f, "w_crldp_name_relative") ==
          "cRLDistributionPoints[0] uses nameRelativeToCRLIssuer; RFC 5280 4.2.1.13 says CAs "
          "SHOULD NOT");

    DIST_POINT_NAME* empty = DIST_POINT_NAME_new();
    empty->type = 0;
    empty->name.fullname = sk_GENERAL_NAME_new_null();
    f = rfc(with_crl_point(empty).get());
    CHECK(test::message_of(f, "e_crldp_full_name_empty") ==
          "cRLDistributionPoints[0] has an empty fullName");
  }

  TEST_CASE("an end entity: an extendedKeyUsage with no purpose, no subjectKeyIdentifier") {
    test::LintCertSpec s;
    s.cn = "Lint Test Leaf";
    s.key = test::other_key();
    s.ca = false;
    auto cert = test::make_cert(s, [](X509* x) {
      EXTENDED_KEY_USAGE* eku = sk_ASN1_OBJECT_new_null();
      X509_add1_ext_i2d(x, NID_ext_key_usage, eku, 0, X509V3_ADD_REPLACE);
      sk_ASN1_OBJECT_free(eku);
      test::drop_ext(x, NID_subject_key_identifier);
    });
    auto f = rfc(cert.get());
    CHECK(test::message_of(f, "e_eku_empty") ==
          "extendedKeyUsage holds no purpose; RFC 5280 4.2.1.12 requires one");
    CHECK(test::message_of(f, "n_ee_ski_missing") ==
          "an end-entity certificate without subjectKeyIdentifier; RFC 5280 4.2.1.2 says it "
          "SHOULD have one (the CA/B Forum BRs 7.1.2.7.6 say NOT RECOMMENDED)");
    // A CA certificate gets neither end-entity rule.
    auto ca = test::make_cert({}, [](X509* x) { test::drop_ext(x, NID_subject_key_identifier); });
    CHECK_FALSE(test::has_id(rfc(ca.get()), "n_ee_ski_missing"));
  }

  TEST_CASE(
      "a cross-certificate recognised by a CA certificate of the same key from another "
      "issuer") {
    // The same subject and key certified by two different CAs: each is the other's cross.
    test::LintCertSpec issuer_a;
    issuer_a.cn = "Cross Issuer A";
    auto a = test::make_cert(issuer_a);
    test::LintCertSpec issuer_b;
    issuer_b.cn = "Cross Issuer B";
    issuer_b.key = test::other_key();
    auto b = test::make_cert(issuer_b);
    test::LintCertSpec sub;
    sub.cn = "Cross Subject";
    sub.key = test::other_key();
    sub.issuer = a.get();
    auto by_a = test::make_cert(sub);
    sub.issuer = b.get();
    sub.signer = test::other_key();
    auto by_b = test::make_cert(sub);
    auto dir = profile::default_profiles_dir();
    const X509* others[] = {by_b.get()};
    auto choice = lint::choose_certificate_profile(by_a.get(), dir, others);
    CHECK(choice.name == "cross-ca");
    CHECK(choice.reason ==
          "cross-certificate: a CA certificate whose subject name and public key are also those "
          "of the CA certificate \"" +
              x509::name_text(X509_get_subject_name(by_b.get())) + "\" issued by \"" +
              x509::name_text(X509_get_subject_name(b.get())) + "\"");
    // Certified by the same issuer twice (a renewal), it is no cross-certificate.
    sub.issuer = a.get();
    sub.signer = nullptr;
    auto renewed = test::make_cert(sub);
    const X509* same_issuer[] = {renewed.get()};
    CHECK(lint::choose_certificate_profile(by_a.get(), dir, same_issuer).name == "subordinate-ca");
  }
}
