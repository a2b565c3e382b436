// The BR profile set and the settings a real CA needs: caIssuers-only AIA, RFC 7093 key
// identifiers, a copied identifier of any method, certificate policy qualifiers, EKU from a
// script, PrintableString subject attributes, and each profile's extension order. Exact ids and
// messages; every certificate is built, signed and linted.
#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include "profile/certificate_template.h"
#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"
#include "x509/builder.h"
#include "x509/extensions.h"
#include "x509/serial.h"

using namespace kr;
namespace pki = kr::test::pki;

namespace {

using Ids = std::vector<std::string>;

const profile::Profile& br(const std::string& name) {
  return pki::profile_named("cabf-br/" + name);
}

ossl::X509Ptr copied_cert(const std::string& file) {
  auto path = std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "realworld" / file;
  return ossl::read_certificate(read_file(path), file);
}

ossl::X509Ptr build(const profile::Profile& p, const profile::CertificateRequest& r,
                    EVP_PKEY* signer) {
  auto cert = x509::build_certificate(profile::certificate_template(p, r, x509::random_serial()));
  std::string alg = profile::effective_signature_algorithm(p, r);
  test::sign(cert.get(), signer, alg);
  return test::reparse(cert.get());
}

Ids extension_names(const X509* cert) {
  Ids out;
  for (int i = 0; i < X509_get_ext_count(cert); ++i) {
    const ASN1_OBJECT* obj = X509_EXTENSION_get_object(X509_get_ext(cert, i));
    out.emplace_back(x509::extension_name(OBJ_obj2nid(obj)));
  }
  return out;
}

// Under the BR root: Example Root CA 1 again, built with cabf-br/root-ca.
const pki::Ca& br_root() {
  static const pki::Ca ca = [] {
    EVP_PKEY* key = pki::role_key("br-root", "P-384");
    auto r = test::root_request(key);
    r.not_before = pki::utc("2025-01-01T00:00:00Z");
    r.not_after = pki::utc("2050-01-01T00:00:00Z");
    return pki::Ca{build(br("root-ca"), r, key), key};
  }();
  return ca;
}

profile::CertificateRequest cross_request(const X509* existing) {
  profile::CertificateRequest r;
  r.existing = existing;
  r.issuer = br_root().cert.get();
  r.not_before = pki::utc("2025-09-03T00:00:00Z");
  r.not_after = pki::utc("2035-09-02T23:59:59Z");
  r.settings.extended_key_usage = {"serverAuth", "clientAuth"};
  r.settings.ca_issuers = {"http://x1.i.example.org/"};
  r.settings.crl_distribution_points = {"http://x1.c.example.org/"};
  r.settings.policies = {"2.23.140.1.2.1"};
  return r;
}

profile::CertificateRequest subordinate_request() {
  profile::CertificateRequest r;
  r.public_key = pki::role_key("br-sub");
  r.issuer = br_root().cert.get();
  r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example TLS CA 1"}};
  r.not_before = pki::utc("2025-06-01T00:00:00Z");
  r.not_after = pki::utc("2030-06-01T00:00:00Z");
  r.settings.path_length = 0;
  r.settings.ca_issuers = {"http://crt.example.com/root.cer"};
  r.settings.crl_distribution_points = {"http://crl.example.com/root.crl"};
  r.settings.policies = {"2.23.140.1.2.1"};
  return r;
}

std::string text_of(const std::filesystem::path& file) {
  Bytes b = read_file(file);
  return std::string(b.begin(), b.end());
}

std::vector<lint::Finding> lint_with(const profile::Profile& p, const X509* cert,
                                     const X509* issuer) {
  return lint::lint_certificate(cert, p, issuer);
}

}  // namespace

TEST_SUITE("lint::cabf-br settings") {
  TEST_CASE("every BR profile loads, named with its set") {
    for (const char* name :
         {"root-ca", "cross-ca", "tls-subordinate-ca", "constrained-tls-subordinate-ca",
          "non-tls-subordinate-ca", "ocsp-responder", "tls-server"}) {
      CAPTURE(name);
      CHECK(br(name).name == std::string("cabf-br/") + name);
    }
    CHECK_THROWS_WITH(profile::load_profile(profile::default_profiles_dir(), "cabf-br/../root-ca"),
                      "profile name \"cabf-br/../root-ca\" may only hold a-z, 0-9 and '-', with "
                      "one '/' after a profile set");
  }

  TEST_CASE("the BR root: its own authorityKeyIdentifier, extensions in ISRG Root X2's order") {
    const X509* root = br_root().cert.get();
    CHECK(extension_names(root) ==
          Ids{"keyUsage", "basicConstraints", "subjectKeyIdentifier", "authorityKeyIdentifier"});
    CHECK(test::ids(lint_with(br("root-ca"), root, nullptr)).empty());
    std::unique_ptr<AUTHORITY_KEYID, decltype(&AUTHORITY_KEYID_free)> aki(
        static_cast<AUTHORITY_KEYID*>(
            X509_get_ext_d2i(root, NID_authority_key_identifier, nullptr, nullptr)),
        AUTHORITY_KEYID_free);
    REQUIRE(aki);
    CHECK(Bytes(ASN1_STRING_get0_data(aki->keyid),
                ASN1_STRING_get0_data(aki->keyid) + ASN1_STRING_length(aki->keyid)) ==
          profile::subject_key_id_of(root));
    // The CPS root profile forbids the AKI the BRs recommend, and requires digitalSignature.
    CHECK(test::ids(lint_with(pki::profile_named("root-ca"), root, nullptr)) ==
          Ids{"e_extension_not_in_profile", "e_ku_bits_mismatch"});
  }

  TEST_CASE(
      "a Let's Encrypt-style cross-certificate of ISRG Root YR: EKU, caIssuers only, RFC "
      "7093 SKI copied") {
    auto yr = copied_cert("isrg-root-yr.pem");
    auto r = cross_request(yr.get());
    CHECK(profile::check_request(br("cross-ca"), r).empty());
    auto cross = build(br("cross-ca"), r, br_root().key);
    CHECK(extension_names(cross.get()) == Ids{"keyUsage", "extendedKeyUsage", "basicConstraints",
                                              "subjectKeyIdentifier", "authorityKeyIdentifier",
                                              "authorityInfoAccess", "certificatePolicies",
                                              "crlDistributionPoints"});
    CHECK(profile::subject_key_id_of(cross.get()) == profile::subject_key_id_of(yr.get()));
    CHECK(profile::subject_key_id_of(cross.get()) ==
          x509::key_identifier(yr.get(), x509::KeyIdMethod::rfc7093_method_1));
    std::unique_ptr<AUTHORITY_INFO_ACCESS, void (*)(AUTHORITY_INFO_ACCESS*)> aia(
        static_cast<AUTHORITY_INFO_ACCESS*>(
            X509_get_ext_d2i(cross.get(), NID_info_access, nullptr, nullptr)),
        [](AUTHORITY_INFO_ACCESS* a) {
          sk_ACCESS_DESCRIPTION_pop_free(a, ACCESS_DESCRIPTION_free);
        });
    REQUIRE(sk_ACCESS_DESCRIPTION_num(aia.get()) == 1);
    CHECK(OBJ_obj2nid(sk_ACCESS_DESCRIPTION_value(aia.get(), 0)->method) == NID_ad_ca_issuers);
    CHECK(test::ids(lint::lint_cross_certificate(cross.get(), br("cross-ca"), br_root().cert.get(),
                                                 yr.get()))
              .empty());
    // The CPS cross profile refuses what Let's Encrypt does.
    auto cps = profile::check_request(pki::profile_named("cross-ca"), r);
    CHECK(pki::violation_ids(cps) == Ids{"e_setting_not_permitted", "e_aia_ocsp_missing"});
    CHECK(test::ids(lint::lint_certificate(cross.get(), pki::profile_named("cross-ca"),
                                           br_root().cert.get())) ==
          Ids{"e_extension_not_in_profile", "e_ku_bits_mismatch", "e_ski_not_sha1_of_spki",
              "e_aia_ocsp_missing"});
  }

  TEST_CASE("extended-key-usage from a script: only the profile's purposes") {
    auto yr = copied_cert("isrg-root-yr.pem");
    auto r = cross_request(yr.get());
    r.settings.extended_key_usage = {"codeSigning"};
    auto v = profile::check_request(br("cross-ca"), r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_eku_purpose_not_allowed");
    CHECK(v[0].field == "extensions.extended-key-usage");
    CHECK(v[0].message ==
          "extended-key-usage codeSigning is not allowed; the cabf-br/cross-ca profile allows "
          "only serverAuth and clientAuth");
    auto sub = subordinate_request();
    sub.settings.extended_key_usage = {"clientAuth"};
    v = profile::check_request(br("tls-subordinate-ca"), sub);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_eku_missing_purpose");
    CHECK(
        v[0].message ==
        "extended-key-usage lacks serverAuth; the cabf-br/tls-subordinate-ca profile requires it");
    // Without the setting the cross-certificate has no EKU at all (BRs 7.1.2.2.4).
    auto plain = cross_request(yr.get());
    plain.settings.extended_key_usage = {};
    auto cross = build(br("cross-ca"), plain, br_root().key);
    CHECK(X509_get_ext_by_NID(cross.get(), NID_ext_key_usage, -1) < 0);
  }

  TEST_CASE("policy qualifiers: a CPS URI is written; a user notice is refused under the BRs") {
    auto sub = subordinate_request();
    sub.settings.policies = {"2.23.140.1.2.1", "1.3.6.1.4.1.44947.1.1.1"};
    sub.settings.policy_qualifiers = {
        {"1.3.6.1.4.1.44947.1.1.1", {"http://cps.root-x1.example.org"}, ""}};
    CHECK(profile::check_request(br("tls-subordinate-ca"), sub).empty());
    auto cert = build(br("tls-subordinate-ca"), sub, br_root().key);
    std::unique_ptr<CERTIFICATEPOLICIES, decltype(&CERTIFICATEPOLICIES_free)> cp(
        static_cast<CERTIFICATEPOLICIES*>(
            X509_get_ext_d2i(cert.get(), NID_certificate_policies, nullptr, nullptr)),
        CERTIFICATEPOLICIES_free);
    REQUIRE(sk_POLICYINFO_num(cp.get()) == 2);
    const POLICYINFO* le = sk_POLICYINFO_value(cp.get(), 1);
    REQUIRE(sk_POLICYQUALINFO_num(le->qualifiers) == 1);
    const POLICYQUALINFO* q = sk_POLICYQUALINFO_value(le->qualifiers, 0);
    CHECK(OBJ_obj2nid(q->pqualid) == NID_id_qt_cps);
    CHECK(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(q->d.cpsuri))) ==
          "http://cps.root-x1.example.org");
    CHECK(test::ids(lint_with(br("tls-subordinate-ca"), cert.get(), br_root().cert.get())).empty());

    sub.settings.policy_qualifiers[0].user_notice = "Relying parties: see the CPS";
    auto v = profile::check_request(br("tls-subordinate-ca"), sub);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_policy_user_notice_not_allowed");
    CHECK(v[0].message ==
          "a user notice for 1.3.6.1.4.1.44947.1.1.1; the cabf-br/tls-subordinate-ca profile "
          "allows only CPS URI qualifiers");

    // A qualifier for a policy the certificate does not carry is refused, never dropped.
    sub.settings.policy_qualifiers = {{"1.2.3.4", {"http://cps.example.org"}, ""}};
    v = profile::check_request(br("tls-subordinate-ca"), sub);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_setting_invalid");
    CHECK(v[0].message ==
          "policy-qualifiers for 1.2.3.4, which the certificate does not carry; they would be "
          "dropped");
    auto t = profile::certificate_template(br("tls-subordinate-ca"), sub, x509::random_serial());
    CHECK_THROWS_WITH(x509::build_certificate(t),
                      "certificatePolicies: qualifiers for policy 1.2.3.4, which is not written; "
                      "they would be dropped");
  }

  TEST_CASE("a user notice is written as a UTF8String where a profile allows it") {
    auto dir = test::temp_dir("user-notice");
    std::string text =
        text_of(profile::default_profiles_dir() / "cabf-br" / "tls-subordinate-ca.yaml");
    auto at = text.find("user-notice-allowed: false");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("user-notice-allowed: false").size(), "user-notice-allowed: true");
    test::write_text(dir / "tls-subordinate-ca.yaml", text);
    auto p = profile::load_profile(dir, "tls-subordinate-ca");
    auto sub = subordinate_request();
    sub.settings.policy_qualifiers = {{"2.23.140.1.2.1", {}, "Prüfung: siehe CPS"}};
    CHECK(profile::check_request(p, sub).empty());
    auto cert = build(p, sub, br_root().key);
    std::unique_ptr<CERTIFICATEPOLICIES, decltype(&CERTIFICATEPOLICIES_free)> cp(
        static_cast<CERTIFICATEPOLICIES*>(
            X509_get_ext_d2i(cert.get(), NID_certificate_policies, nullptr, nullptr)),
        CERTIFICATEPOLICIES_free);
    const POLICYQUALINFO* q =
        sk_POLICYQUALINFO_value(sk_POLICYINFO_value(cp.get(), 0)->qualifiers, 0);
    REQUIRE(OBJ_obj2nid(q->pqualid) == NID_id_qt_unotice);
    CHECK(ASN1_STRING_type(q->d.usernotice->exptext) == V_ASN1_UTF8STRING);
    CHECK(
        std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(q->d.usernotice->exptext)),
                    ASN1_STRING_length(q->d.usernotice->exptext)) == "Prüfung: siehe CPS");
    sub.settings.policy_qualifiers = {{"2.23.140.1.2.1", {}, std::string(201, 'x')}};
    auto v = profile::check_request(p, sub);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_policy_notice_invalid");
    CHECK(v[0].message ==
          "the user notice text has 201 characters; RFC 5280 4.2.1.4 allows at most 200");
  }

  TEST_CASE("subject-printable: PrintableString names where the profile allows them") {
    auto sub = subordinate_request();
    sub.subject_printable = {"O", "CN"};
    CHECK(profile::check_request(br("tls-subordinate-ca"), sub).empty());
    auto cert = build(br("tls-subordinate-ca"), sub, br_root().key);
    const X509_NAME* name = X509_get_subject_name(cert.get());
    for (int i = 0; i < X509_NAME_entry_count(name); ++i)
      CHECK(ASN1_STRING_type(X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i))) ==
            V_ASN1_PRINTABLESTRING);
    CHECK(test::ids(lint_with(br("tls-subordinate-ca"), cert.get(), br_root().cert.get())).empty());

    sub.subject = {{"C", "DE"}, {"O", "Beispiel GmbH & Co"}, {"CN", "Example TLS CA 1"}};
    auto v = profile::check_request(br("tls-subordinate-ca"), sub);
    REQUIRE(v.size() == 1);
    CHECK(v[0].field == "subject-printable.O");
    CHECK(v[0].message ==
          "O \"Beispiel GmbH & Co\" holds characters a PrintableString cannot (letters, digits, "
          "space and '()+,-./:=? only)");
    auto cps = subordinate_request();
    cps.subject_printable = {"CN"};
    v = profile::check_request(pki::profile_named("tls-subordinate-ca"), cps);
    REQUIRE(!v.empty());
    CHECK(v[0].id == "e_subject_string_type");
    CHECK(v[0].message ==
          "the tls-subordinate-ca profile does not let a script write CN as PrintableString");
  }

  TEST_CASE("subjectKeyIdentifier method: RFC 7093 for new keys when the profile says so") {
    auto dir = test::temp_dir("ski-method");
    std::string text = text_of(profile::default_profiles_dir() / "cabf-br" / "root-ca.yaml");
    auto at = text.find("method: rfc5280-method-1");
    REQUIRE(at != std::string::npos);
    text.replace(at, std::string("method: rfc5280-method-1").size(), "method: rfc7093-method-1");
    auto accept = text.find("accept: [rfc7093-method-1, ");
    REQUIRE(accept != std::string::npos);
    text.replace(accept, std::string("accept: [rfc7093-method-1, ").size(),
                 "accept: [rfc5280-method-1, ");
    test::write_text(dir / "root-ca.yaml", text);
    auto p = profile::load_profile(dir, "root-ca");
    EVP_PKEY* key = pki::role_key("br-root-7093");
    auto r = test::root_request(key);
    auto cert = build(p, r, key);
    CHECK(profile::subject_key_id_of(cert.get()) ==
          x509::key_identifier(key, x509::KeyIdMethod::rfc7093_method_1));
    CHECK(test::ids(lint_with(p, cert.get(), nullptr)).empty());
    auto cps = lint_with(test::root_profile(), cert.get(), nullptr);
    CHECK(test::has_id(cps, "e_ski_not_sha1_of_spki"));
    // A profile that accepts only RFC 7093 method 2 names what it allows.
    text = text_of(dir / "root-ca.yaml");
    at = text.find("method: rfc7093-method-1");
    text.replace(at, std::string("method: rfc7093-method-1").size(), "method: rfc7093-method-2");
    at = text.find("accept: [rfc5280-method-1, rfc7093-method-2, rfc7093-method-3]");
    REQUIRE(at != std::string::npos);
    text.replace(
        at, std::string("accept: [rfc5280-method-1, rfc7093-method-2, rfc7093-method-3]").size(),
        "accept: [rfc7093-method-3]");
    test::write_text(dir / "root-ca.yaml", text);
    auto strict = profile::load_profile(dir, "root-ca");
    auto f = lint_with(strict, cert.get(), nullptr);
    REQUIRE(test::ids(f) == Ids{"e_ski_method_not_allowed"});
    CHECK(f[0].message == "subjectKeyIdentifier is " +
                              to_hex(profile::subject_key_id_of(cert.get())) +
                              "; the root-ca profile allows rfc7093-method-2 or rfc7093-method-3 "
                              "of the subjectPublicKey");
  }

  TEST_CASE("an OCSP responder certificate without policies, BR order") {
    profile::CertificateRequest r;
    r.public_key = pki::role_key("br-ocsp");
    r.issuer = br_root().cert.get();
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Root CA 1 OCSP"}};
    r.not_before = pki::utc("2025-06-01T00:00:00Z");
    r.not_after = pki::utc("2026-06-01T00:00:00Z");
    CHECK(profile::check_request(br("ocsp-responder"), r).empty());
    auto cert = build(br("ocsp-responder"), r, br_root().key);
    CHECK(extension_names(cert.get()) == Ids{"keyUsage", "basicConstraints", "subjectKeyIdentifier",
                                             "extendedKeyUsage", "authorityKeyIdentifier",
                                             "ocspNoCheck"});
    CHECK(test::ids(lint_with(br("ocsp-responder"), cert.get(), br_root().cert.get())).empty());
    // The CPS set's responder profile requires the policies the BRs forbid.
    CHECK(test::has_id(
        lint_with(pki::profile_named("ocsp-signing"), cert.get(), br_root().cert.get()),
        "e_policies_missing"));
  }

  TEST_CASE("an organizationalUnitName is refused in a BR TLS subordinate") {
    auto sub = subordinate_request();
    sub.subject.insert(sub.subject.begin() + 2, {"OU", "Server CA"});
    auto v = profile::check_request(br("tls-subordinate-ca"), sub);
    REQUIRE(!v.empty());
    CHECK(v[0].id == "e_subject_attr_not_allowed");
    CHECK(profile::check_request(pki::profile_named("tls-subordinate-ca"),
                                 [&] {
                                   auto cps = sub;
                                   cps.settings.ocsp = {"http://ocsp.example.com"};
                                   return cps;
                                 }())
              .empty());
  }
}
