// The engine is not tied to the shipped files: a profile written here from root-ca.yaml, with
// "issuer: issuer-certificate" and an authorityKeyIdentifier, builds, signs and lints an issued
// certificate, and checks the real Amazon intermediates' AKIs. The shipped issued profiles are
// tested in profiles_clean_test.cpp and lint_realworld_issued_test.cpp.
#include <doctest/doctest.h>

#include "unit/lint/findings.h"
#include "unit/profile/profile_support.h"

using namespace kr;

namespace {

const profile::Profile& issued_profile() {
  static const profile::Profile p = [] {
    std::ifstream in(profile::default_profiles_dir() / "root-ca.yaml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto replace = [&](const std::string& a, const std::string& b) {
      auto at = text.find(a);
      REQUIRE(at != std::string::npos);
      text.replace(at, a.size(), b);
    };
    replace("name: root-ca", "name: issued-test");
    replace("issuer: self", "issuer: issuer-certificate");
    replace("max: {years: 25}", "max: {years: 10}");
    replace("{critical: true, ca: true}", "{critical: true, ca: true, path-len: 0}");
    text += "  - authority-key-identifier: {critical: false}\n";
    auto dir = test::temp_dir("issued");
    test::write_text(dir / "issued-test.yaml", text);
    return profile::load_profile(dir, "issued-test");
  }();
  return p;
}

}  // namespace

TEST_SUITE("lint::issued") {
  TEST_CASE("a subordinate signed by a root lints clean against its issuer") {
    auto root = test::make_certificate(test::root_request(test::shared_key("P-384")));
    profile::CertificateRequest r = test::root_request(test::shared_key("P-256"));
    r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Issuing CA 1"}};
    r.not_after = *parse_utc("2035-05-26T00:00:00Z");
    r.issuer = root.get();
    REQUIRE(profile::check_request(issued_profile(), r).empty());
    CHECK(profile::effective_signature_algorithm(issued_profile(), r) == "ecdsa-with-SHA384");
    auto sub = test::make_certificate(r, {}, test::shared_key("P-384"), issued_profile());
    CHECK(X509_verify(sub.get(), test::shared_key("P-384")) == 1);
    CHECK(test::ids(lint::lint_certificate(sub.get(), issued_profile(), root.get())).empty());

    auto unchecked = lint::lint_certificate(sub.get(), issued_profile(), nullptr);
    CHECK(test::ids(unchecked) == std::vector<std::string>{"n_issuer_not_checked"});
    CHECK_FALSE(lint::has_errors(unchecked));

    auto other = test::realworld_cert("amazon-root-ca-4.pem");
    auto wrong = lint::lint_certificate(sub.get(), issued_profile(), other.get());
    CHECK(test::ids(wrong) ==
          std::vector<std::string>{"e_issuer_subject_mismatch", "e_aki_mismatch"});
  }

  TEST_CASE("the request check wants an issuer for an issued profile") {
    auto r = test::root_request(test::shared_key("P-256"));
    r.not_after = *parse_utc("2035-05-26T00:00:00Z");
    auto v = profile::check_request(issued_profile(), r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].field == "issuer");
    CHECK(v[0].message == "the issued-test profile needs an issuing CA certificate");
  }

  TEST_CASE("real Amazon intermediates: names and key identifiers chain to their roots") {
    const std::pair<const char*, const char*> chains[] = {
        {"amazon-rsa-2048-m01.pem", "amazon-root-ca-1.pem"},
        {"amazon-rsa-4096-m02.pem", "amazon-root-ca-2.pem"},
        {"amazon-ecdsa-256-m02.pem", "amazon-root-ca-3.pem"},
        {"amazon-ecdsa-384-m02.pem", "amazon-root-ca-4.pem"},
    };
    for (const auto& [leaf, root] : chains) {
      CAPTURE(leaf);
      auto issuer = test::realworld_cert(root);
      auto f =
          lint::lint_certificate(test::realworld_cert(leaf).get(), issued_profile(), issuer.get());
      CHECK_FALSE(test::has_id(f, "e_issuer_subject_mismatch"));
      CHECK_FALSE(test::has_id(f, "e_aki_mismatch"));
      CHECK_FALSE(test::has_id(f, "e_sig_alg_key_mismatch"));
      CHECK_FALSE(test::has_id(f, "e_bc_pathlen_mismatch"));
      // Their AIA, CRL DP, policies and EKU are not in this sketch profile.
      CHECK(test::has_id(f, "e_extension_not_in_profile"));
    }
    auto crossed = lint::lint_certificate(test::realworld_cert("amazon-rsa-2048-m01.pem").get(),
                                          issued_profile(),
                                          test::realworld_cert("amazon-root-ca-3.pem").get());
    CHECK(test::has_id(crossed, "e_aki_mismatch"));
    CHECK(test::has_id(crossed, "e_sig_alg_key_mismatch"));
  }
}
