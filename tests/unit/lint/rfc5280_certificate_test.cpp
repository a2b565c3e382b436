// lint::rfc5280_certificate: each rule on a certificate broken in exactly that way, with the exact
// id, severity and message; a clean certificate gives nothing; and what the profile lint already
// reported is not reported twice.
#include <doctest/doctest.h>

#include "lint/rfc5280.h"
#include "lint/sink.h"
#include "unit/lint/lint_support.h"
#include "unit/profile/der_surgery.h"
#include "x509/extensions.h"

using namespace kr;
using test::Ids;

namespace {

std::vector<lint::Finding> rfc(const X509* cert, const X509* issuer = nullptr,
                               const std::vector<lint::Finding>& primary = {}) {
  return lint::rfc5280_certificate(cert, issuer, primary);
}

const X509* root() {
  static ossl::X509Ptr r = test::make_cert();
  return r.get();
}

test::LintCertSpec leaf_spec() {
  test::LintCertSpec s;
  s.cn = "Lint Test Leaf";
  s.issuer = root();
  s.key = test::other_key();
  s.ca = false;
  return s;
}

void set_serial(X509* cert, const char* hex) {
  BIGNUM* bn = nullptr;
  BN_hex2bn(&bn, hex);
  ossl::Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(bn, nullptr));
  BN_free(bn);
  X509_set_serialNumber(cert, serial.get());
}

}  // namespace

TEST_SUITE("lint::rfc5280 certificates") {
  TEST_CASE("clean certificates give no findings") {
    CHECK(test::ids(rfc(root())).empty());
    auto leaf = test::make_cert(leaf_spec());
    CHECK(test::ids(rfc(leaf.get(), root())).empty());
    CHECK(test::ids(rfc(test::broken_cert("test-root-ca.pem").get())).empty());
  }

  TEST_CASE("serial numbers: negative, zero, longer than 20 octets (RFC 5280 4.1.2.2)") {
    auto negative = test::make_cert({}, [](X509* c) { set_serial(c, "-5"); });
    CHECK(test::ids(rfc(negative.get())) == Ids{"e_serial_not_positive"});
    CHECK(test::message_of(rfc(negative.get()), "e_serial_not_positive") ==
          "serial number -05 is negative; RFC 5280 4.1.2.2 requires a positive integer");
    auto zero = test::make_cert({}, [](X509* c) { set_serial(c, "0"); });
    CHECK(test::message_of(rfc(zero.get()), "e_serial_not_positive") ==
          "serial number is zero; RFC 5280 4.1.2.2 requires a positive integer");
    // 21 content octets: 0x00 then 20 octets with the top bit set.
    auto long_serial = test::make_cert(
        {}, [](X509* c) { set_serial(c, "8000000000000000000000000000000000000001"); });
    CHECK(test::ids(rfc(long_serial.get())) == Ids{"e_serial_too_long"});
    CHECK(test::message_of(rfc(long_serial.get()), "e_serial_too_long") ==
          "serial number is 21 octets; RFC 5280 4.1.2.2 allows at most 20");
    // 20 octets exactly is allowed.
    auto twenty = test::make_cert(
        {}, [](X509* c) { set_serial(c, "7000000000000000000000000000000000000001"); });
    CHECK(test::ids(rfc(twenty.get())).empty());
  }

  TEST_CASE("time encodings: UTCTime through 2049, GeneralizedTime from 2050, seconds and Z") {
    auto generalized = test::make_cert({}, [](X509* c) {
      ossl::Asn1TimePtr t(ASN1_GENERALIZEDTIME_new());
      ASN1_GENERALIZEDTIME_set_string(t.get(), "20350101000000Z");
      X509_set1_notAfter(c, t.get());
    });
    CHECK(test::ids(rfc(generalized.get())) == Ids{"e_validity_time_encoding"});
    CHECK(test::message_of(rfc(generalized.get()), "e_validity_time_encoding") ==
          "notAfter: GeneralizedTime used for a date before 2050 (RFC 5280 4.1.2.5)");
    auto no_seconds = test::make_cert({}, [](X509* c) {
      ossl::Asn1TimePtr t(ASN1_UTCTIME_new());
      ASN1_UTCTIME_set_string(t.get(), "2501010000Z");
      X509_set1_notBefore(c, t.get());
    });
    CHECK(test::message_of(rfc(no_seconds.get()), "e_validity_time_encoding") ==
          "notBefore: UTCTime is not of the form YYMMDDHHMMSSZ (RFC 5280 4.1.2.5)");
    auto utc_2050 = test::make_cert({}, [](X509* c) {
      ossl::Asn1TimePtr t(ASN1_UTCTIME_new());
      ASN1_UTCTIME_set_string(t.get(), "500101000000Z");  // means 1950
      X509_set1_notAfter(c, t.get());
    });
    CHECK(test::ids(rfc(utc_2050.get())) ==
          Ids{"e_validity_not_after_before_not_before"});  // 1950 is before 2025
    CHECK(test::message_of(rfc(utc_2050.get()), "e_validity_not_after_before_not_before") ==
          "notAfter 1950-01-01T00:00:00Z is before notBefore 2025-01-01T00:00:00Z");
  }

  TEST_CASE("name encodings: PrintableString alphabet, string types, empty names and values") {
    auto star = test::make_cert(
        {}, [](X509* c) { test::add_to_subject(c, "OU", V_ASN1_PRINTABLESTRING, "R&D*"); });
    CHECK(test::ids(rfc(star.get())) == Ids{"e_name_printable_charset"});
    CHECK(test::message_of(rfc(star.get()), "e_name_printable_charset") ==
          "subject OU is a PrintableString holding \"&\", which is outside the PrintableString "
          "alphabet (RFC 5280 Appendix A, X.680 41.4)");
    // The profile lint reports the same defect as e_subject_string_type: said once, by it.
    std::vector<lint::Finding> primary{
        {"e_subject_string_type", lint::Severity::error, "(the profile's message)"}};
    CHECK(test::ids(rfc(star.get(), nullptr, primary)).empty());

    auto email = test::make_cert({}, [](X509* c) {
      test::add_to_subject(c, "emailAddress", V_ASN1_UTF8STRING, "ca@example.com");
    });
    CHECK(test::ids(rfc(email.get())) == Ids{"e_name_string_type"});
    CHECK(test::message_of(rfc(email.get()), "e_name_string_type") ==
          "subject emailAddress is a UTF8STRING; RFC 5280 Appendix A requires IA5String");

    auto empty_value =
        test::make_cert({}, [](X509* c) { test::add_to_subject(c, "OU", V_ASN1_UTF8STRING, ""); });
    CHECK(test::ids(rfc(empty_value.get())) == Ids{"e_name_value_empty"});
    CHECK(test::message_of(rfc(empty_value.get()), "e_name_value_empty") ==
          "subject OU is empty; RFC 5280 Appendix A requires at least one character");

    auto country = test::make_cert({}, [](X509* c) {
      ossl::X509NamePtr n(X509_NAME_new());
      X509_NAME_add_entry_by_txt(n.get(), "C", V_ASN1_PRINTABLESTRING,
                                 reinterpret_cast<const unsigned char*>("USA"), -1, -1, 0);
      X509_NAME_add_entry_by_txt(n.get(), "CN", MBSTRING_UTF8,
                                 reinterpret_cast<const unsigned char*>("Three Letter CA"), -1, -1,
                                 0);
      X509_set_issuer_name(c, n.get());
    });
    CHECK(test::message_of(rfc(country.get()), "e_country_not_two_letters") ==
          "issuer C has 3 characters; RFC 5280 Appendix A requires a two-letter ISO 3166 code");

    auto no_issuer = test::make_cert({}, [](X509* c) {
      ossl::X509NamePtr empty(X509_NAME_new());
      X509_set_issuer_name(c, empty.get());
    });
    CHECK(test::has_id(rfc(no_issuer.get()), "e_issuer_name_empty"));
    CHECK(test::message_of(rfc(no_issuer.get()), "e_issuer_name_empty") ==
          "the issuer name is empty; RFC 5280 4.1.2.4 requires a non-empty distinguished name");

    auto spec = leaf_spec();
    auto no_subject = test::make_cert(spec, [](X509* c) {
      ossl::X509NamePtr empty(X509_NAME_new());
      X509_set_subject_name(c, empty.get());
    });
    CHECK(test::ids(rfc(no_subject.get(), root())) == Ids{"e_subject_empty_without_san"});
    CHECK(test::message_of(rfc(no_subject.get(), root()), "e_subject_empty_without_san") ==
          "the subject name is empty and there is no subjectAltName; RFC 5280 4.1.2.6 requires "
          "one or the other");
    auto no_subject_ca = test::make_cert({}, [](X509* c) {
      ossl::X509NamePtr empty(X509_NAME_new());
      X509_set_subject_name(c, empty.get());
    });
    CHECK(test::has_id(rfc(no_subject_ca.get()), "e_ca_subject_empty"));
  }

  TEST_CASE("subjectAltName: IA5String alphabet, empty names, critical with a subject") {
    auto spec = leaf_spec();
    auto bad = test::make_cert(spec, [](X509* c) {
      std::unique_ptr<GENERAL_NAMES, ossl::Deleter<GENERAL_NAMES_free>> names(
          sk_GENERAL_NAME_new_null());
      auto add = [&](int type, const std::string& value) {
        GENERAL_NAME* gn = GENERAL_NAME_new();
        ASN1_IA5STRING* s = ASN1_IA5STRING_new();
        ASN1_STRING_set(s, value.data(), static_cast<int>(value.size()));
        GENERAL_NAME_set0_value(gn, type, s);
        sk_GENERAL_NAME_push(names.get(), gn);
      };
      add(GEN_DNS, "caf\xc3\xa9.example");
      add(GEN_EMAIL, "");
      X509_add1_ext_i2d(c, NID_subject_alt_name, names.get(), 1, X509V3_ADD_DEFAULT);
    });
    auto f = rfc(bad.get(), root());
    CHECK(test::ids(f) == Ids{"e_ia5_string_charset", "e_general_name_empty", "w_san_critical"});
    CHECK(test::message_of(f, "e_ia5_string_charset") ==
          "subjectAltName dNSName is an IA5String holding the non-ASCII octet 0xC3; IA5String is "
          "7-bit ASCII (RFC 5280 4.2.1.6, Appendix A)");
    CHECK(test::message_of(f, "e_general_name_empty") ==
          "subjectAltName has an empty rfc822Name; RFC 5280 4.2.1.6 forbids empty names");
    CHECK(test::finding(f, "w_san_critical")->severity == lint::Severity::warning);
  }

  TEST_CASE("basicConstraints and keyUsage (RFC 5280 4.2.1.3, 4.2.1.9)") {
    auto bc =
        test::make_cert({}, [](X509* c) { test::set_critical(c, NID_basic_constraints, false); });
    CHECK(test::ids(rfc(bc.get())) == Ids{"e_bc_not_critical"});
    CHECK(test::message_of(rfc(bc.get()), "e_bc_not_critical") ==
          "basicConstraints is not critical; RFC 5280 4.2.1.9 requires it critical in CA "
          "certificates");

    auto no_ku = test::make_cert({}, [](X509* c) { test::drop_ext(c, NID_key_usage); });
    CHECK(test::ids(rfc(no_ku.get())) == Ids{"e_ku_missing"});

    auto ku_soft =
        test::make_cert({}, [](X509* c) { test::set_critical(c, NID_key_usage, false); });
    auto soft = rfc(ku_soft.get());
    CHECK(test::ids(soft) == Ids{"w_ku_not_critical"});
    CHECK(test::finding(soft, "w_ku_not_critical")->severity == lint::Severity::warning);
    CHECK(test::message_of(soft, "w_ku_not_critical") ==
          "keyUsage is not critical; RFC 5280 4.2.1.3 says it SHOULD be");

    auto spec = leaf_spec();
    auto cert_sign = test::make_cert(spec, [](X509* c) {
      test::drop_ext(c, NID_key_usage);
      test::add_ext(c, NID_key_usage, "critical,digitalSignature,keyCertSign");
    });
    CHECK(test::ids(rfc(cert_sign.get(), root())) == Ids{"e_ku_cert_sign_without_ca"});

    auto empty_ku = test::make_cert({}, [](X509* c) {
      test::drop_ext(c, NID_key_usage);
      ossl::Asn1OctetStringPtr none(ASN1_BIT_STRING_new());
      X509_add1_ext_i2d(c, NID_key_usage, none.get(), 1, X509V3_ADD_DEFAULT);
    });
    CHECK(test::message_of(rfc(empty_ku.get()), "e_ku_empty") ==
          "keyUsage has no bit set; RFC 5280 4.2.1.3 requires at least one");

    auto pathlen = test::make_cert(spec, [](X509* c) {
      test::drop_ext(c, NID_basic_constraints);
      test::add_ext(c, NID_basic_constraints, "critical,CA:FALSE,pathlen:0");
    });
    CHECK(test::message_of(rfc(pathlen.get(), root()), "e_bc_pathlen_without_cert_sign") ==
          "basicConstraints has pathLenConstraint but does not assert cA; RFC 5280 4.2.1.9 allows "
          "it only with both");
  }

  TEST_CASE("key identifiers: SKI in CA certificates, AKI present and matching the issuer") {
    auto no_ski =
        test::make_cert({}, [](X509* c) { test::drop_ext(c, NID_subject_key_identifier); });
    CHECK(test::ids(rfc(no_ski.get())) == Ids{"e_ski_missing"});
    CHECK(test::message_of(rfc(no_ski.get()), "e_ski_missing") ==
          "subjectKeyIdentifier is missing; RFC 5280 4.2.1.2 requires it in CA certificates");
    auto ski_critical = test::make_cert(
        {}, [](X509* c) { test::set_critical(c, NID_subject_key_identifier, true); });
    CHECK(test::ids(rfc(ski_critical.get())) == Ids{"e_ski_critical"});

    auto spec = leaf_spec();
    auto no_aki =
        test::make_cert(spec, [](X509* c) { test::drop_ext(c, NID_authority_key_identifier); });
    CHECK(test::ids(rfc(no_aki.get(), root())) == Ids{"e_aki_missing"});
    auto aki_critical = test::make_cert(
        spec, [](X509* c) { test::set_critical(c, NID_authority_key_identifier, true); });
    CHECK(test::ids(rfc(aki_critical.get(), root())) == Ids{"e_aki_critical"});

    // Issued by another CA whose key identifier differs, but linted against root().
    test::LintCertSpec other;
    other.cn = "Lint Test Root CA";  // same name: only the key identifier tells them apart
    other.key = test::other_key();
    auto other_root = test::make_cert(other);
    auto by_other = leaf_spec();
    by_other.issuer = other_root.get();
    by_other.signer = test::other_key();
    auto leaf = test::make_cert(by_other);
    auto f = rfc(leaf.get(), root());
    CHECK(test::ids(f) == Ids{"e_aki_mismatch", "e_signature_invalid"});
    CHECK(test::message_of(f, "e_aki_mismatch") ==
          "authorityKeyIdentifier is " + to_hex(x509::key_identifier_sha1(other_root.get())) +
              "; the issuer's subjectKeyIdentifier is " +
              to_hex(x509::key_identifier_sha1(root())));
    // Against its real issuer it is clean.
    CHECK(test::ids(rfc(leaf.get(), other_root.get())).empty());
  }

  TEST_CASE("the issuing CA: name, CA-ness, validity, signature; a notice without one") {
    auto spec = leaf_spec();
    auto leaf = test::make_cert(spec);
    CHECK(test::ids(rfc(leaf.get())) == Ids{"n_issuer_not_checked"});
    CHECK(test::finding(rfc(leaf.get()), "n_issuer_not_checked")->severity ==
          lint::Severity::notice);

    test::LintCertSpec old_ca;
    old_ca.cn = "Lint Test Root CA";
    old_ca.not_before = "20000101000000Z";
    old_ca.not_after = "20100101000000Z";
    auto expired = test::make_cert(old_ca);
    auto f = rfc(leaf.get(), expired.get());
    CHECK(test::ids(f) == Ids{"e_issuer_expired_at_not_before", "e_validity_outlives_issuer"});
    CHECK(test::message_of(f, "e_issuer_expired_at_not_before") ==
          "the issuing CA's certificate expired at 2010-01-01T00:00:00Z, before this certificate's "
          "notBefore 2025-01-01T00:00:00Z");
    CHECK(test::message_of(f, "e_validity_outlives_issuer") ==
          "notAfter 2035-01-01T00:00:00Z is after the issuing CA's notAfter "
          "2010-01-01T00:00:00Z: the certificate outlives its issuer");

    test::LintCertSpec late_ca;
    late_ca.not_before = "20260101000000Z";
    auto late = test::make_cert(late_ca);
    CHECK(test::ids(rfc(leaf.get(), late.get())) == Ids{"w_validity_starts_before_issuer"});

    test::LintCertSpec not_ca;
    not_ca.ca = false;
    auto plain = test::make_cert(not_ca);
    CHECK(test::ids(rfc(leaf.get(), plain.get())) == Ids{"e_issuer_not_ca"});
    CHECK(test::message_of(rfc(leaf.get(), plain.get()), "e_issuer_not_ca") ==
          "the issuing certificate \"C = US, O = keyrite tests, CN = Lint Test Root CA\" is not a "
          "CA certificate (its basicConstraints does not assert cA; RFC 5280 4.2.1.9)");
    auto no_cert_sign = test::make_cert({}, [](X509* c) {
      test::drop_ext(c, NID_key_usage);
      test::add_ext(c, NID_key_usage, "critical,cRLSign");
    });
    CHECK(test::message_of(rfc(leaf.get(), no_cert_sign.get()), "e_issuer_not_ca") ==
          "the issuing certificate \"C = US, O = keyrite tests, CN = Lint Test Root CA\" has a "
          "keyUsage without keyCertSign, so it may not sign certificates (RFC 5280 4.2.1.3)");

    auto stranger = test::make_cert({.cn = "Somebody Else"});
    auto g = rfc(leaf.get(), stranger.get());
    CHECK(test::message_of(g, "e_issuer_subject_mismatch") ==
          "issuer \"C = US, O = keyrite tests, CN = Lint Test Root CA\" does not match the issuing "
          "CA's subject \"C = US, O = keyrite tests, CN = Somebody Else\"");

    auto forged = leaf_spec();
    forged.signer = test::other_key();
    auto bad_signature = test::make_cert(forged);
    CHECK(test::ids(rfc(bad_signature.get(), root())) == Ids{"e_signature_invalid"});
  }

  TEST_CASE("extensions: duplicates, name constraints, criticality RFC 5280 fixes") {
    auto twice =
        test::make_cert({}, [](X509* c) { test::add_ext(c, NID_subject_key_identifier, "hash"); });
    CHECK(test::ids(rfc(twice.get())) == Ids{"e_duplicate_extension"});
    CHECK(test::message_of(rfc(twice.get()), "e_duplicate_extension") ==
          "subjectKeyIdentifier appears 2 times; RFC 5280 4.2 allows each extension once");

    auto spec = leaf_spec();
    auto nc = test::make_cert(
        spec, [](X509* c) { test::add_ext(c, NID_name_constraints, "permitted;DNS:example.com"); });
    CHECK(test::ids(rfc(nc.get(), root())) ==
          Ids{"e_name_constraints_not_critical", "e_name_constraints_not_ca"});

    auto min_max = test::make_cert({}, [](X509* c) {
      std::unique_ptr<NAME_CONSTRAINTS, ossl::Deleter<NAME_CONSTRAINTS_free>> v(
          NAME_CONSTRAINTS_new());
      v->permittedSubtrees = sk_GENERAL_SUBTREE_new_null();
      GENERAL_SUBTREE* t = GENERAL_SUBTREE_new();
      GENERAL_NAME_free(t->base);
      t->base = a2i_GENERAL_NAME(nullptr, nullptr, nullptr, GEN_DNS, "example.com", 0);
      t->maximum = ASN1_INTEGER_new();
      ASN1_INTEGER_set(t->maximum, 3);
      sk_GENERAL_SUBTREE_push(v->permittedSubtrees, t);
      X509_add1_ext_i2d(c, NID_name_constraints, v.get(), 1, X509V3_ADD_DEFAULT);
    });
    CHECK(test::ids(rfc(min_max.get())) == Ids{"e_name_constraints_min_max"});

    auto empty_nc = test::make_cert({}, [](X509* c) {
      std::unique_ptr<NAME_CONSTRAINTS, ossl::Deleter<NAME_CONSTRAINTS_free>> v(
          NAME_CONSTRAINTS_new());
      X509_add1_ext_i2d(c, NID_name_constraints, v.get(), 1, X509V3_ADD_DEFAULT);
    });
    CHECK(test::ids(rfc(empty_nc.get())) == Ids{"e_name_constraints_empty"});

    auto table = test::make_cert(spec, [](X509* c) {
      test::add_ext(c, NID_info_access, "critical,OCSP;URI:http://ocsp.example.com");
      test::add_ext(c, NID_crl_distribution_points, "critical,URI:http://crl.example.com/a.crl");
      test::add_ext(c, NID_inhibit_any_policy, "0");
    });
    auto t = rfc(table.get(), root());
    CHECK(test::ids(t) ==
          Ids{"e_inhibit_any_policy_not_critical", "e_aia_critical", "w_crl_dp_critical"});
    CHECK(test::message_of(t, "e_aia_critical") ==
          "authorityInfoAccess is critical; RFC 5280 4.2.2.1 requires it non-critical");
    CHECK(test::message_of(t, "w_crl_dp_critical") ==
          "crlDistributionPoints is critical; RFC 5280 4.2.1.13 says it SHOULD NOT be");
    // A profile that lists crlDistributionPoints as non-critical reports it as e_crldp_critical.
    std::vector<lint::Finding> primary{
        {"e_crldp_critical", lint::Severity::error, "(the profile's message)"}};
    CHECK_FALSE(test::has_id(rfc(table.get(), root(), primary), "w_crl_dp_critical"));
  }

  TEST_CASE("version and signature algorithm agreement (RFC 5280 4.1.2.1, 4.1.1.2)") {
    auto v1 = test::make_cert({}, [](X509* c) { X509_set_version(c, X509_VERSION_1); });
    CHECK(test::ids(rfc(v1.get())) == Ids{"e_extensions_require_v3"});
    CHECK(test::message_of(rfc(v1.get()), "e_extensions_require_v3") ==
          "the certificate is v1 but has extensions; RFC 5280 4.1.2.1 requires v3");
    auto rsa = test::make_cert(
        {.key = test::shared_key("rsa-2048"), .signer = test::shared_key("rsa-2048")});
    auto mixed = test::with_outer_algorithm_of(root(), rsa.get());
    REQUIRE(mixed);
    CHECK(test::has_id(rfc(mixed.get()), "e_sig_alg_mismatch"));
  }

  TEST_CASE("the sink: what the primary lint reported is dropped; one id is capped") {
    std::vector<lint::Finding> primary{
        {"e_serial_not_positive", lint::Severity::error, "profile text"},
        {"e_same", lint::Severity::error, "same words"}};
    lint::Sink sink(primary, 3);
    sink.error("e_serial_not_positive", "rfc text", "e_serial_not_positive");  // same_as
    sink.error("e_same", "same words");                                        // identical
    sink.error("e_same", "other words");                                       // kept
    for (int i = 0; i < 7; ++i) sink.warning("w_many", "number " + std::to_string(i));
    auto out = sink.take();
    REQUIRE(out.size() == 5);
    CHECK(out[0].message == "other words");
    CHECK(out[3].message == "number 2");
    CHECK(out[4].id == "w_many");
    CHECK(out[4].severity == lint::Severity::warning);
    CHECK(out[4].message == "4 more w_many findings like the ones above are not shown");
  }
}
