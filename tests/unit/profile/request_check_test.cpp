// The pre-build request check: exact messages and the fields they point at. Public keys come from
// the real Amazon roots where a key of that kind exists.
#include <doctest/doctest.h>

#include "unit/profile/profile_support.h"

using namespace kr;

namespace {

const std::string kAllowedKeys =
    "RSA 2048-bit, RSA 3072-bit, RSA 4096-bit, P-256, P-384 or P-521 (CPS 6.1.5)";

const EVP_PKEY* amazon_key(int n) {
  static std::map<int, ossl::X509Ptr> certs;
  auto& c = certs[n];
  if (!c) c = test::realworld_cert("amazon-root-ca-" + std::to_string(n) + ".pem");
  return X509_get0_pubkey(c.get());
}

profile::CertificateRequest request(const EVP_PKEY* key = amazon_key(1)) {
  return test::root_request(const_cast<EVP_PKEY*>(key));
}

std::vector<profile::Violation> check(const profile::CertificateRequest& r) {
  return profile::check_request(test::root_profile(), r);
}

void expect_one(const profile::CertificateRequest& r, const std::string& field,
                const std::string& message, const std::string& id) {
  auto v = check(r);
  REQUIRE(v.size() == 1);
  CHECK(v[0].field == field);
  CHECK(v[0].message == message);
  CHECK(v[0].id == id);
}

}  // namespace

TEST_SUITE("profile::request_check") {
  TEST_CASE("the Amazon roots' own requests pass, with the expected default algorithms") {
    const char* defaults[] = {"sha256WithRSAEncryption", "sha256WithRSAEncryption",
                              "ecdsa-with-SHA256", "ecdsa-with-SHA384"};
    for (int n = 1; n <= 4; ++n) {
      auto r = request(amazon_key(n));
      r.subject = {{"C", "US"}, {"O", "Amazon"}, {"CN", "Amazon Root CA " + std::to_string(n)}};
      r.not_before = *parse_utc("2015-05-26T00:00:00Z");
      r.not_after = *parse_utc(n == 1 ? "2038-01-17T00:00:00Z" : "2040-05-26T00:00:00Z");
      CHECK(check(r).empty());
      CHECK(profile::default_signature_algorithm(test::root_profile(), amazon_key(n)) ==
            defaults[n - 1]);
    }
    CHECK(profile::default_signature_algorithm(test::root_profile(), test::shared_key("P-521")) ==
          "ecdsa-with-SHA512");
    // Amazon Root CA 2 is signed with SHA-384: allowed, though not the default.
    auto r = request(amazon_key(2));
    r.signature_algorithm = "sha384WithRSAEncryption";
    CHECK(check(r).empty());
  }

  TEST_CASE("validity: exactly 25 years passes, one second more does not") {
    CHECK(check(request()).empty());
    auto r = request();
    r.not_after += std::chrono::seconds(1);
    expect_one(r, "validity.not-after",
               "validity is 25 years and 1 second; the root-ca profile allows at most 25 years",
               "e_validity_exceeds_profile");
  }

  TEST_CASE("validity from Feb 29: the limit is Feb 28, 25 years on") {
    auto r = request();
    r.not_before = *parse_utc("2024-02-29T00:00:00Z");
    r.not_after = *parse_utc("2049-02-28T00:00:00Z");
    CHECK(check(r).empty());
    r.not_after = *parse_utc("2049-03-01T00:00:00Z");
    expect_one(r, "validity.not-after",
               "validity is 25 years and 1 day; the root-ca profile allows at most 25 years",
               "e_validity_exceeds_profile");
  }

  TEST_CASE("not-after must be later than not-before") {
    auto r = request();
    r.not_after = r.not_before;
    expect_one(r, "validity.not-after",
               "not-after 2025-05-26T00:00:00Z is not later than not-before 2025-05-26T00:00:00Z",
               "e_validity_not_after_before_not_before");
  }

  TEST_CASE("subject rules") {
    auto r = request();
    r.subject = {{"C", "US"}, {"CN", "Example Root CA 1"}};
    expect_one(r, "subject",
               "subject has no O (organizationName); the root-ca profile requires C, O and CN",
               "e_subject_missing_attr");
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "root.example.com"}};
    expect_one(r, "subject.CN",
               "CN \"root.example.com\" could be read as a domain name or IP address; the root-ca "
               "profile requires a character other than a letter, digit, ':', '-', '.' or '_' (a "
               "space, for example)",
               "e_cn_looks_like_domain");
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "192.0.2.1"}};
    CHECK(check(r).at(0).id == "e_cn_looks_like_domain");
    r.subject = {{"C", "us"}, {"O", "Example"}, {"CN", "Example Root CA 1"}};
    expect_one(r, "subject.C", "C \"us\" is not a two-letter upper-case ISO 3166 country code",
               "e_country_not_two_letters");
    r.subject = {
        {"C", "US"}, {"O", "Example"}, {"E", "pki@example.com"}, {"CN", "Example Root CA 1"}};
    expect_one(
        r, "subject.E",
        "subject attribute E is not allowed; the root-ca profile allows C, ST, L, O, OU and CN",
        "e_subject_attr_not_allowed");
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Root CA 1"}, {"CN", "Other Root"}};
    expect_one(r, "subject.CN", "subject has 2 CN attributes; the root-ca profile allows one",
               "e_subject_attr_repeated");
    r.subject = {{"C", "US"}, {"O", "Example"}, {"OU", ""}, {"CN", "Example Root CA 1"}};
    expect_one(r, "subject.OU", "OU is empty", "e_subject_empty_value");
    r.subject = {{"C", "US"}, {"O", "Caf\xc3\xa9 Ltd"}, {"CN", "Example Root CA 1"}};
    CHECK(check(r).empty());
    for (const char* bad :
         {"bad \xff byte", "overlong \xc0\xaf", "cut \xc3", "surrogate \xed\xa0\x80"}) {
      r.subject = {{"C", "US"}, {"O", bad}, {"CN", "Example Root CA 1"}};
      expect_one(r, "subject.O", "O is not valid UTF-8", "e_subject_value_not_utf8");
    }
    r.subject = {{"C", "US"}, {"O", std::string(65, 'o')}, {"CN", "Example Root CA 1"}};
    expect_one(r, "subject.O", "O is 65 characters; RFC 5280 allows at most 64",
               "e_subject_value_too_long");
  }

  TEST_CASE("keys outside CPS 6.1.5") {
    expect_one(request(test::shared_key("rsa-1024")), "key",
               "RSA 1024-bit key is too weak; the root-ca profile allows " + kAllowedKeys,
               "e_key_too_weak");
    expect_one(request(test::shared_key("P-224")), "key",
               "P-224 key is too weak; the root-ca profile allows " + kAllowedKeys,
               "e_key_too_weak");
    expect_one(request(test::shared_key("secp256k1")), "key",
               "EC secp256k1 key is not allowed; the root-ca profile allows " + kAllowedKeys,
               "e_key_not_in_profile");
    auto r = request(nullptr);
    expect_one(r, "key", "no public key was given", "e_key_unreadable");
  }

  TEST_CASE("signature algorithms") {
    auto r = request();
    r.signature_algorithm = "sha1WithRSAEncryption";
    expect_one(
        r, "signature-algorithm",
        "sha1WithRSAEncryption is forbidden: keyrite never signs with MD2, MD4, MD5 or SHA-1",
        "e_sig_alg_forbidden");
    r.signature_algorithm = "md5WithRSAEncryption";
    CHECK(check(r).at(0).id == "e_sig_alg_forbidden");
    r.signature_algorithm = "sha256WithRSA";
    expect_one(r, "signature-algorithm",
               "unknown signature algorithm \"sha256WithRSA\"; the root-ca profile allows "
               "sha256WithRSAEncryption, sha384WithRSAEncryption, sha512WithRSAEncryption, "
               "rsassaPss-sha256, rsassaPss-sha384, rsassaPss-sha512, ecdsa-with-SHA256, "
               "ecdsa-with-SHA384 or ecdsa-with-SHA512",
               "e_sig_alg_not_in_profile");
    r.signature_algorithm = "dsa_with_SHA256";
    CHECK(check(r).at(0).message.rfind(
              "dsa_with_SHA256 is not allowed; the root-ca profile allows ", 0) == 0);
    r.signature_algorithm = "ecdsa-with-SHA256";
    expect_one(r, "signature-algorithm",
               "ecdsa-with-SHA256 cannot be made with an RSA 2048-bit key",
               "e_sig_alg_key_mismatch");
    r = request(amazon_key(3));
    r.signature_algorithm = "rsassaPss-sha256";
    expect_one(r, "signature-algorithm", "rsassaPss-sha256 cannot be made with a P-256 key",
               "e_sig_alg_key_mismatch");
  }

  TEST_CASE("a self-signed profile refuses an issuer, and everything wrong is reported at once") {
    auto issuer = test::realworld_cert("amazon-root-ca-1.pem");
    auto r = request(test::shared_key("rsa-1024"));
    r.issuer = issuer.get();
    r.subject = {{"O", "Example"}, {"CN", "example.com"}};
    r.not_after = *parse_utc("2060-01-01T00:00:00Z");
    std::vector<std::string> fields;
    for (const auto& v : check(r)) fields.push_back(v.field);
    CHECK(fields ==
          std::vector<std::string>{"subject", "subject.CN", "validity.not-after", "key", "issuer"});
  }
}
