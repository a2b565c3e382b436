// Roots built from the root-ca profile and signed with software keys of every allowed kind lint
// clean, and the validity boundary is exact.
#include <doctest/doctest.h>

#include "unit/lint/findings.h"
#include "unit/profile/profile_support.h"

using namespace kr;

TEST_SUITE("lint::clean") {
  TEST_CASE("every allowed key with its default algorithm") {
    for (const char* kind : {"rsa-2048", "rsa-3072", "rsa-4096", "P-256", "P-384", "P-521"}) {
      CAPTURE(kind);
      auto r = test::root_request(test::shared_key(kind));
      REQUIRE(profile::check_request(test::root_profile(), r).empty());
      auto cert = test::make_certificate(r);
      CHECK(X509_verify(cert.get(), test::shared_key(kind)) == 1);
      auto findings = lint::lint_certificate(cert.get(), test::root_profile(), nullptr);
      CHECK(test::ids(findings).empty());
      CHECK_FALSE(lint::has_errors(findings));
    }
  }

  TEST_CASE("every allowed RSA algorithm, PSS included") {
    for (const char* alg : {"sha384WithRSAEncryption", "sha512WithRSAEncryption",
                            "rsassaPss-sha256", "rsassaPss-sha384", "rsassaPss-sha512"}) {
      CAPTURE(alg);
      auto r = test::root_request(test::shared_key("rsa-2048"));
      r.signature_algorithm = alg;
      auto cert = test::make_certificate(r);
      CHECK(X509_verify(cert.get(), test::shared_key("rsa-2048")) == 1);
      CHECK(test::ids(lint::lint_certificate(cert.get(), test::root_profile(), nullptr)).empty());
    }
  }

  TEST_CASE("a trial signature by a throwaway key of the same kind lints the same") {
    // The ceremony lints a certificate signed by a software key before the HSM signs it.
    auto r = test::root_request(test::shared_key("P-384"));
    ossl::EvpPkeyPtr throwaway = test::ec_key("P-384");
    auto cert = test::make_certificate(r, {}, throwaway.get());
    CHECK(X509_verify(cert.get(), test::shared_key("P-384")) == 0);
    CHECK(test::ids(lint::lint_certificate(cert.get(), test::root_profile(), nullptr)).empty());
  }

  TEST_CASE("validity: exactly 25 years passes, 25 years and 1 second is an error") {
    auto r = test::root_request(test::shared_key("P-256"));
    auto exact = test::make_certificate(r);
    CHECK(test::ids(lint::lint_certificate(exact.get(), test::root_profile(), nullptr)).empty());
    r.not_after += std::chrono::seconds(1);
    auto over = test::make_certificate(r);
    auto findings = lint::lint_certificate(over.get(), test::root_profile(), nullptr);
    CHECK(test::ids(findings) == std::vector<std::string>{"e_validity_exceeds_profile"});
    CHECK(test::message_of(findings, "e_validity_exceeds_profile") ==
          "validity is 25 years and 1 second; the root-ca profile allows at most 25 years");
  }
}
