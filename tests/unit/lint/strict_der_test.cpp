// Strict DER inside extension values, on real certificates whose extension bytes each test edits
// (a stray octet, a BER boolean, a long-form length, unused bits that are not zero): OpenSSL
// still reads every one of them, and lint::rfc5280_certificate names the extension and the
// offset. Then the walker itself on SET order and on what a profile's decoder never sees; the
// policy qualifier, cRLDistributionPoints and end-entity rules; and the automatic profile choice
// recognising a cross-certificate.
#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "lint/der_strict.h"
#include "lint/rfc5280.h"
#include "lint/select_profile.h"
#include "unit/lint/lint_support.h"
#include "x509/name.h"

using namespace kr;
using test::Ids;

namespace {

ossl::X509Ptr copied_cert(const std::string& file) {
  auto path = std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "realworld" / file;
  return ossl::read_certificate(read_file(path), file);
}

Bytes value_of(const X509* cert, int nid) {
  const X509_EXTENSION* ext = X509_get_ext(cert, X509_get_ext_by_NID(cert, nid, -1));
  const ASN1_OCTET_STRING* data = X509_EXTENSION_get_data(const_cast<X509_EXTENSION*>(ext));
  return Bytes(ASN1_STRING_get0_data(data), ASN1_STRING_get0_data(data) + ASN1_STRING_length(data));
}

// The real certificate with one extension's value bytes replaced by edit(value), re-encoded and
// parsed again (the signature no longer verifies; the lint never checks it).
ossl::X509Ptr edited(const std::string& file, int nid, const std::function<void(Bytes&)>& edit) {
  auto cert = copied_cert(file);
  Bytes v = value_of(cert.get(), nid);
  edit(v);
  X509_EXTENSION* ext = X509_get_ext(cert.get(), X509_get_ext_by_NID(cert.get(), nid, -1));
  ossl::Asn1OctetStringPtr data(ASN1_OCTET_STRING_new());
  ASN1_OCTET_STRING_set(data.get(), v.data(), static_cast<int>(v.size()));
  X509_EXTENSION_set_data(ext, data.get());
  unsigned char* tbs = nullptr;
  i2d_re_X509_tbs(cert.get(), &tbs);  // marks the cached encoding stale
  OPENSSL_free(tbs);
  Bytes der = ossl::cert_der(cert.get());
  return ossl::read_certificate(der, file);
}

std::vector<lint::Finding> rfc(const X509* cert) {
  return lint::rfc5280_certificate(cert, nullptr, {});
}

std::vector<lint::Finding> with_id(const std::vector<lint::Finding>& f, const char* prefix) {
  std::vector<lint::Finding> out;
  for (const auto& x : f)
    if (x.id.rfind(prefix, 0) == 0) out.push_back(x);
  return out;
}

}  // namespace

TEST_SUITE("lint::strict DER in extensions") {
  TEST_CASE("the real certificates are strict DER") {
    for (const char* file : {"amazon-root-ca-1.pem", "isrg-root-x1.pem", "le-r10.pem",
                             "le-authority-x3.pem", "amazon-server-ca-0a-by-sfsg2.pem"}) {
      CAPTURE(file);
      auto f = rfc(copied_cert(file).get());
      CHECK(with_id(f, "e_extension_").empty());
    }
  }

  TEST_CASE("keyUsage BIT STRING followed by a stray octet") {
    auto cert = edited("amazon-root-ca-1.pem", NID_key_usage, [](Bytes& v) { v.push_back(0x00); });
    // OpenSSL decodes the first structure and ignores the rest.
    std::unique_ptr<ASN1_BIT_STRING, decltype(&ASN1_BIT_STRING_free)> ku(
        static_cast<ASN1_BIT_STRING*>(
            X509_get_ext_d2i(cert.get(), NID_key_usage, nullptr, nullptr)),
        ASN1_BIT_STRING_free);
    CHECK(ku);
    auto f = with_id(rfc(cert.get()), "e_extension_");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "e_extension_malformed");
    CHECK(f[0].message == "keyUsage: 1 octet follows the value's structure at offset 4");
  }

  TEST_CASE("trailing bytes after a whole extension structure") {
    auto cert = edited("le-r10.pem", NID_certificate_policies, [](Bytes& v) {
      v.insert(v.end(), {0x05, 0x00});
    });
    auto f = with_id(rfc(cert.get()), "e_extension_");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "e_extension_malformed");
    CHECK(f[0].message ==
          "certificatePolicies: 2 octets follow the value's structure at offset " +
              std::to_string(
                  value_of(copied_cert("le-r10.pem").get(), NID_certificate_policies).size()));
  }

  TEST_CASE("non-DER certificatePolicies: a long-form length where the short form fits") {
    auto cert = edited("le-r10.pem", NID_certificate_policies, [](Bytes& v) {
      REQUIRE(v[0] == 0x30);
      REQUIRE(v[1] < 0x80);
      v.insert(v.begin() + 1, 0x81);  // 30 81 LL ...: BER allows it, DER does not
    });
    auto f = with_id(rfc(cert.get()), "e_extension_");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "e_extension_not_der");
    CHECK(f[0].message == "certificatePolicies: length " +
                              std::to_string(value_of(cert.get(), NID_certificate_policies)[2]) +
                              " uses the long form at offset 1");
  }

  TEST_CASE("a BER boolean in basicConstraints: cA TRUE encoded as 01") {
    auto cert = edited("isrg-root-x1.pem", NID_basic_constraints, [](Bytes& v) {
      REQUIRE(v == Bytes{0x30, 0x03, 0x01, 0x01, 0xFF});
      v[4] = 0x01;
    });
    auto f = with_id(rfc(cert.get()), "e_extension_");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "e_extension_not_der");
    CHECK(f[0].message == "basicConstraints: a BOOLEAN TRUE encoded as 01 (DER: FF) at offset 2");
  }

  TEST_CASE("keyUsage: unused bits that are not zero, and trailing zero bits") {
    // ISRG Root X1: 03 02 01 06 (keyCertSign, cRLSign; one unused bit).
    auto garbage = edited("isrg-root-x1.pem", NID_key_usage, [](Bytes& v) {
      REQUIRE(v == Bytes{0x03, 0x02, 0x01, 0x06});
      v[3] = 0x07;  // the unused bit set
    });
    auto f = with_id(rfc(garbage.get()), "e_extension_");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message == "keyUsage: a BIT STRING whose unused bits are not zero at offset 0");
    auto padded = edited("isrg-root-x1.pem", NID_key_usage, [](Bytes& v) {
      v = {0x03, 0x02, 0x00, 0x06};  // the same bits, the trailing zero bit kept
    });
    f = with_id(rfc(padded.get()), "e_extension_");
    REQUIRE(f.size() == 1);
    CHECK(f[0].id == "e_extension_not_der");
    CHECK(f[0].message ==
          "keyUsage: the named-bit BIT STRING has trailing zero bits (X.690 11.2.2)");
  }

  TEST_CASE("a value cut short") {
    auto cert = edited("le-r10.pem", NID_authority_key_identifier, [](Bytes& v) { v.pop_back(); });
    auto f = with_id(rfc(cert.get()), "e_extension_malformed");
    // OpenSSL's decoder gives up ("does not decode"); the walker says where and why.
    REQUIRE(f.size() == 2);
    CHECK(f[0].message == "authorityKeyIdentifier does not decode");
    const std::size_t len =
        value_of(copied_cert("le-r10.pem").get(), NID_authority_key_identifier).size();
    CHECK(f[1].message == "authorityKeyIdentifier: length " + std::to_string(len - 2) +
                              " runs past the end (" + std::to_string(len - 3) +
                              " octets remain) at offset 1");
  }

  TEST_CASE("the walker: SET order, indefinite lengths, OIDs, integers") {
    auto kinds = [](const std::vector<lint::DerProblem>& p) {
      std::vector<std::string> out;
      for (const auto& x : p) out.push_back(x.message);
      return out;
    };
    // SET { INTEGER 2, INTEGER 1 }: not in ascending order.
    const Bytes unsorted{0x31, 0x06, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01};
    CHECK(kinds(lint::strict_der_problems(unsorted)) ==
          std::vector<std::string>{"a SET whose elements are not in ascending order at offset 0"});
    const Bytes sorted{0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02};
    CHECK(lint::strict_der_problems(sorted).empty());
    const Bytes indefinite{0x30, 0x80, 0x05, 0x00, 0x00, 0x00};
    CHECK(kinds(lint::strict_der_problems(indefinite)) ==
          std::vector<std::string>{"an indefinite length at offset 1",
                                   "an indefinite length cannot be followed at offset 1"});
    const Bytes integer{0x02, 0x02, 0x00, 0x01};
    CHECK(kinds(lint::strict_der_problems(integer)) ==
          std::vector<std::string>{"an INTEGER with a redundant leading octet at offset 0"});
    const Bytes oid{0x06, 0x03, 0x2B, 0x80, 0x01};
    CHECK(kinds(lint::strict_der_problems(oid)) ==
          std::vector<std::string>{
              "an OBJECT IDENTIFIER subidentifier with a leading 0x80 octet at offset 0"});
    CHECK(lint::strict_der_problems(Bytes{}).size() == 1);
  }
}

TEST_SUITE("lint::policy qualifiers, cRLDistributionPoints, end entities") {
  TEST_CASE("an IA5String user notice, too long, with a noticeRef") {
    auto cert = test::make_cert();
    std::string text(201, 'a');
    CERTIFICATEPOLICIES* cp = CERTIFICATEPOLICIES_new();
    POLICYINFO* info = POLICYINFO_new();
    ASN1_OBJECT_free(info->policyid);
    info->policyid = OBJ_txt2obj("2.23.140.1.2.1", 1);
    POLICYQUALINFO* q = POLICYQUALINFO_new();
    q->pqualid = OBJ_nid2obj(NID_id_qt_unotice);
    q->d.usernotice = USERNOTICE_new();
    q->d.usernotice->exptext = ASN1_IA5STRING_new();
    ASN1_STRING_set(q->d.usernotice->exptext, text.data(), static_cast<int>(text.size()));
    q->d.usernotice->noticeref = NOTICEREF_new();
    // NOTICEREF_new allocates its organization (a DisplayText): set it, do not replace it.
    q->d.usernotice->noticeref->organization->type = V_ASN1_UTF8STRING;
    ASN1_STRING_set(q->d.usernotice->noticeref->organization, "Example", 7);
    info->qualifiers = sk_POLICYQUALINFO_new_null();
    sk_POLICYQUALINFO_push(info->qualifiers, q);
    sk_POLICYINFO_push(cp, info);
    X509_add1_ext_i2d(cert.get(), NID_certificate_policies, cp, 0, X509V3_ADD_REPLACE);
    CERTIFICATEPOLICIES_free(cp);
    test::sign(cert.get(), test::ca_key(), "ecdsa-with-SHA256");
    auto f = rfc(test::reparse(cert.get()).get());
    CHECK(test::message_of(f, "w_policy_notice_ref") ==
          "certificatePolicies 2.23.140.1.2.1: the user notice has a noticeRef; RFC 5280 4.2.1.4 "
          "says conforming CAs SHOULD NOT use it");
    CHECK(test::message_of(f, "e_policy_notice_ia5string") ==
          "certificatePolicies 2.23.140.1.2.1: explicitText is an IA5String; RFC 6818 3 says it "
          "MUST NOT be");
    CHECK(test::message_of(f, "e_policy_notice_too_long") ==
          "certificatePolicies 2.23.140.1.2.1: explicitText has 201 characters; RFC 5280 4.2.1.4 "
          "allows 200");
  }

  TEST_CASE("cRLDistributionPoints: a point with reasons only, a cRLIssuer that is no name") {
    auto cert = test::make_cert();
    CRL_DIST_POINTS* points = CRL_DIST_POINTS_new();
    DIST_POINT* reasons_only = DIST_POINT_new();
    reasons_only->reasons = ASN1_BIT_STRING_new();
    ASN1_BIT_STRING_set_bit(reasons_only->reasons, 1, 1);
    sk_DIST_POINT_push(points, reasons_only);
    DIST_POINT* uri_issuer = DIST_POINT_new();
    uri_issuer->CRLissuer = sk_GENERAL_NAME_new_null();
    GENERAL_NAME* uri = GENERAL_NAME_new();
    ASN1_IA5STRING* s = ASN1_IA5STRING_new();
    ASN1_STRING_set(s, "http://crl.example.com", -1);
    GENERAL_NAME_set0_value(uri, GEN_URI, s);
    sk_GENERAL_NAME_push(uri_issuer->CRLissuer, uri);
    sk_DIST_POINT_push(points, uri_issuer);
    X509_add1_ext_i2d(cert.get(), NID_crl_distribution_points, points, 0, X509V3_ADD_REPLACE);
    CRL_DIST_POINTS_free(points);
    test::sign(cert.get(), test::ca_key(), "ecdsa-with-SHA256");
    auto f = rfc(test::reparse(cert.get()).get());
    CHECK(test::message_of(f, "e_crldp_point_without_name") ==
          "cRLDistributionPoints[0] has neither distributionPoint nor cRLIssuer; RFC 5280 "
          "4.2.1.13 requires one of them");
    CHECK(test::message_of(f, "w_crldp_reasons") ==
          "cRLDistributionPoints[0] has reasons; RFC 5280 4.2.1.13: CAs SHOULD NOT segment CRLs "
          "by reason code");
    CHECK(test::message_of(f, "e_crldp_crl_issuer_not_dn") ==
          "cRLDistributionPoints[1] cRLIssuer has no directoryName; RFC 5280 4.2.1.13 requires the "
          "CRL issuer's distinguished name");
  }

  TEST_CASE(
      "an end-entity certificate: pathLenConstraint without cA, critical anyExtendedKeyUsage") {
    test::LintCertSpec s;
    s.cn = "Lint Test Leaf";
    s.key = test::other_key();
    s.ca = false;
    auto cert = test::make_cert(s, [](X509* x) {
      BASIC_CONSTRAINTS* bc = BASIC_CONSTRAINTS_new();
      bc->ca = 0;
      bc->pathlen = ASN1_INTEGER_new();
      ASN1_INTEGER_set(bc->pathlen, 0);
      X509_add1_ext_i2d(x, NID_basic_constraints, bc, 1, X509V3_ADD_REPLACE);
      BASIC_CONSTRAINTS_free(bc);
      EXTENDED_KEY_USAGE* eku = sk_ASN1_OBJECT_new_null();
      sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_anyExtendedKeyUsage));
      X509_add1_ext_i2d(x, NID_ext_key_usage, eku, 1, X509V3_ADD_REPLACE);
      sk_ASN1_OBJECT_pop_free(eku, ASN1_OBJECT_free);
    });
    auto f = rfc(cert.get());
    CHECK(test::message_of(f, "e_bc_pathlen_without_ca") ==
          "basicConstraints has a pathLenConstraint but cA FALSE; RFC 5280 4.2.1.9 allows it only "
          "with cA TRUE");
    CHECK(test::message_of(f, "w_eku_any_critical") ==
          "extendedKeyUsage is critical and holds anyExtendedKeyUsage; RFC 5280 4.2.1.12 says it "
          "SHOULD NOT be critical then");
  }
}

TEST_SUITE("lint::automatic profile choice") {
  TEST_CASE("a cross-certificate is recognised by the self-signed certificate of the same key") {
    auto cross = copied_cert("amazon-server-ca-0a-by-sfsg2.pem");
    auto dir = profile::default_profiles_dir();
    CHECK(lint::choose_certificate_profile(cross.get(), dir).name == "subordinate-ca");
    // Amazon Server CA 1B is another key; Amazon Root CA 1 is not this subject.
    auto root1 = copied_cert("amazon-root-ca-1.pem");
    auto other = copied_cert("amazon-server-ca-1b.pem");
    const X509* unrelated[] = {root1.get(), other.get()};
    CHECK(lint::choose_certificate_profile(cross.get(), dir, unrelated).name == "subordinate-ca");
  }

  TEST_CASE("kr-lint's Linter picks cross-ca and says why") {
    // A keyrite root, and a cross-certificate of the same subject and key by another root: the
    // cross-certificate is told from a subordinate by the self-signed one among the inputs.
    auto dir = test::lint_temp_dir("cross-choice");
    test::LintCertSpec root_spec;
    root_spec.cn = "Cross Test Root";
    root_spec.key = test::other_key();
    auto self_signed = test::make_cert(root_spec);
    test::LintCertSpec cross_spec = root_spec;
    cross_spec.issuer = [] {
      static ossl::X509Ptr r = test::make_cert();
      return r.get();
    }();
    auto cross = test::make_cert(cross_spec);
    write_new_file(dir / "root.pem", as_bytes(ossl::cert_pem(self_signed.get())));
    write_new_file(dir / "cross.pem", as_bytes(ossl::cert_pem(cross.get())));
    lint::Linter linter({"", profile::default_profiles_dir(), nullptr, {}, "cabf-br"});
    auto results = linter.lint_files({(dir / "cross.pem").string(), (dir / "root.pem").string()});
    REQUIRE(results.size() == 2);
    CHECK(results[0].profile == "cabf-br/cross-ca");
    CHECK(results[0].profile_reason ==
          "cross-certificate: a CA certificate whose subject name and public key are also those "
          "of the self-signed CA certificate \"" +
              x509::name_text(X509_get_subject_name(self_signed.get())) + "\"");
    CHECK(results[1].profile == "cabf-br/root-ca");
    // Alone, the same file is taken for a subordinate.
    auto alone = linter.lint_files({(dir / "cross.pem").string()});
    CHECK(alone[0].profile == "cabf-br/tls-subordinate-ca");
  }

  TEST_CASE("--profile-set: an unknown set is a usage error naming the sets") {
    CHECK_THROWS_WITH(lint::Linter({"", profile::default_profiles_dir(), nullptr, {}, "nope"}),
                      doctest::Contains("--profile-set nope: there is no "));
  }
}
