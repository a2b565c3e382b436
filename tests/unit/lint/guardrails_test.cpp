// Guardrails no script setting can switch off: every profile's maximum validity (exactly the
// maximum passes, one second more is refused), a certificate never outliving its issuer, an
// issuer that is a CA allowed to sign, CPS 6.1.5 keys and no SHA-1. Each is asserted in the
// request check and, where a certificate can carry it, in the lint.
#include <doctest/doctest.h>

#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"
#include "x509/builder.h"

using namespace kr;

namespace {

struct Limit {
  const char* profile;
  const char* boundary;  // not-before 2025-01-01T00:00:00Z plus the profile's maximum
  const char* maximum;   // as the message words it
  const char* one_more;  // the validity one second past the boundary, as the message words it
};

constexpr Limit kLimits[] = {
    {"root-ca", "2050-01-01T00:00:00Z", "25 years", "25 years and 1 second"},
    {"subordinate-ca", "2035-01-01T00:00:00Z", "10 years", "10 years and 1 second"},
    {"external-subordinate-ca", "2035-01-01T00:00:00Z", "10 years", "10 years and 1 second"},
    {"tls-subordinate-ca", "2035-01-01T00:00:00Z", "10 years", "10 years and 1 second"},
    {"cross-ca", "2050-01-01T00:00:00Z", "25 years", "25 years and 1 second"},
    {"tls-server", "2028-04-01T00:00:00Z", "39 months", "3 years, 3 months and 1 second"},
    {"tls-server-ev", "2027-04-01T00:00:00Z", "27 months", "2 years, 3 months and 1 second"},
    {"code-signing", "2028-04-01T00:00:00Z", "39 months", "3 years, 3 months and 1 second"},
    {"code-signing-ev", "2028-04-01T00:00:00Z", "39 months", "3 years, 3 months and 1 second"},
    {"client", "2028-04-01T00:00:00Z", "39 months", "3 years, 3 months and 1 second"},
    {"ocsp-signing", "2026-01-01T00:00:00Z", "1 year", "1 year and 1 second"},
    {"time-stamping", "2035-01-01T00:00:00Z", "120 months", "10 years and 1 second"},
};

// A request of `name` under the test root, or self-signed for root-ca.
profile::CertificateRequest request_under_root(const std::string& name) {
  if (name == "root-ca") return test::root_request(test::pki::role_key("root", "P-384"));
  auto r = test::pki::good_request(name, test::pki::root());
  if (name == "cross-ca") {
    r.existing = test::pki::second_root().cert.get();
    r.subject = {};
    r.public_key = nullptr;
  }
  return r;
}

// A self-signed certificate with the given basicConstraints cA and keyUsage, made directly with
// the builder because no shipped profile makes such a thing.
test::pki::Ca self_signed(const std::string& cn, bool ca, std::vector<x509::KeyUsageBit> bits) {
  EVP_PKEY* key = test::pki::role_key(cn);
  x509::CertificateTemplate t;
  t.subject = t.issuer = {{"C", "US"}, {"O", "Example"}, {"CN", cn}};
  t.serial = x509::random_serial();
  t.not_before = test::pki::utc("2025-01-01T00:00:00Z");
  t.not_after = test::pki::utc("2040-01-01T00:00:00Z");
  t.public_key = key;
  t.extensions = {{x509::BasicConstraints{ca, std::nullopt}, true},
                  {x509::KeyUsage{std::move(bits)}, true},
                  {x509::SubjectKeyIdentifier{}, false}};
  auto cert = x509::build_certificate(t);
  test::sign(cert.get(), key, "ecdsa-with-SHA256");
  return {test::reparse(cert.get()), key};
}

const X509* issuer_of(const std::string& name) {
  return name == "root-ca" ? nullptr : test::pki::root().cert.get();
}

}  // namespace

TEST_SUITE("lint::guardrails") {
  TEST_CASE("every profile: exactly the maximum validity passes, one second more is refused") {
    for (const auto& limit : kLimits) {
      CAPTURE(limit.profile);
      const auto& p = test::pki::profile_named(limit.profile);
      auto r = request_under_root(limit.profile);
      r.not_before = test::pki::utc("2025-01-01T00:00:00Z");
      r.not_after = test::pki::utc(limit.boundary);
      CHECK(test::pki::violation_ids(profile::check_request(p, r)).empty());
      auto exact = test::pki::issue(limit.profile, r, test::pki::root());
      CHECK(test::ids(lint::lint_certificate(exact.get(), p, issuer_of(limit.profile))).empty());

      r.not_after += std::chrono::seconds(1);
      std::string message = "validity is " + std::string(limit.one_more) + "; the " +
                            limit.profile + " profile allows at most " + limit.maximum;
      auto v = profile::check_request(p, r);
      REQUIRE(!v.empty());
      CHECK(v[0].id == "e_validity_exceeds_profile");
      CHECK(v[0].field == "validity.not-after");
      CHECK(v[0].message == message);
      auto over = test::pki::issue(limit.profile, r, test::pki::root());
      auto findings = lint::lint_certificate(over.get(), p, issuer_of(limit.profile));
      CHECK(test::message_of(findings, "e_validity_exceeds_profile") == message);
      // The cross-certificate's 25 years end exactly at the root's not-after: one second more
      // also outlives the issuer. Nothing else is reported for any profile.
      auto expected =
          std::string(limit.profile) == "cross-ca"
              ? std::vector<std::string>{"e_validity_exceeds_profile", "e_validity_outlives_issuer"}
              : std::vector<std::string>{"e_validity_exceeds_profile"};
      CHECK(test::pki::violation_ids(v) == expected);
      CHECK(test::ids(findings) == expected);
    }
  }

  TEST_CASE("a subordinate never outlives its issuer (Amazon Root CA 3 ends 2040-05-26)") {
    test::pki::Ca issuer{test::realworld_cert("amazon-root-ca-3.pem"), nullptr};
    auto r = test::pki::good_request("subordinate-ca", issuer);
    r.not_before = test::pki::utc("2031-01-01T00:00:00Z");
    r.not_after = test::pki::utc("2041-01-01T00:00:00Z");
    auto v = profile::check_request(test::pki::profile_named("subordinate-ca"), r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_validity_outlives_issuer");
    CHECK(v[0].field == "validity.not-after");
    CHECK(v[0].message ==
          "not-after 2041-01-01T00:00:00Z is after the issuer's not-after 2040-05-26T00:00:00Z; "
          "a certificate never outlives its issuer");
    r.not_after = test::pki::utc("2040-05-26T00:00:00Z");  // exactly the issuer's: allowed
    CHECK(profile::check_request(test::pki::profile_named("subordinate-ca"), r).empty());
    r.not_after += std::chrono::seconds(1);
    CHECK(test::pki::violation_ids(
              profile::check_request(test::pki::profile_named("subordinate-ca"), r)) ==
          std::vector<std::string>{"e_validity_outlives_issuer"});

    r.not_before = test::pki::utc("2015-05-25T23:59:59Z");
    r.not_after = test::pki::utc("2025-05-25T23:59:59Z");
    v = profile::check_request(test::pki::profile_named("subordinate-ca"), r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].field == "validity.not-before");
    CHECK(v[0].message ==
          "not-before 2015-05-25T23:59:59Z is before the issuer's not-before 2015-05-26T00:00:00Z; "
          "a certificate never outlives its issuer");
  }

  TEST_CASE("the lint finds an outliving certificate too, for CA and end-entity profiles") {
    // Example Issuing CA 1 ends 2035-06-01; a TLS certificate ending a day later outlives it.
    auto r = test::pki::good_request("tls-server", test::pki::issuing_ca());
    r.not_before = test::pki::utc("2033-01-01T00:00:00Z");
    r.not_after = test::pki::utc("2035-06-02T00:00:00Z");
    const auto& p = test::pki::profile_named("tls-server");
    CHECK(test::pki::violation_ids(profile::check_request(p, r)) ==
          std::vector<std::string>{"e_validity_outlives_issuer"});
    auto cert = test::pki::issue("tls-server", r, test::pki::issuing_ca());
    auto findings = lint::lint_certificate(cert.get(), p, test::pki::issuing_ca().cert.get());
    CHECK(test::ids(findings) == std::vector<std::string>{"e_validity_outlives_issuer"});
    CHECK(test::message_of(findings, "e_validity_outlives_issuer") ==
          "not-after 2035-06-02T00:00:00Z is after the issuer's not-after 2035-06-01T00:00:00Z; "
          "a certificate never outlives its issuer");
  }

  TEST_CASE("the issuer must be a CA certificate with keyCertSign") {
    const auto& p = test::pki::profile_named("tls-server");
    test::pki::Ca not_ca =
        self_signed("Example Server", false, {x509::KeyUsageBit::digital_signature});
    auto r = test::pki::good_request("tls-server", not_ca);
    auto v = profile::check_request(p, r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_issuer_not_ca");
    CHECK(v[0].field == "issuer");
    CHECK(v[0].message ==
          "the issuer \"C = US, O = Example, CN = Example Server\" is not a CA certificate "
          "(basicConstraints cA is not TRUE)");
    auto cert = test::pki::issue("tls-server", r, not_ca);
    CHECK(test::ids(lint::lint_certificate(cert.get(), p, not_ca.cert.get())) ==
          std::vector<std::string>{"e_issuer_not_ca"});

    test::pki::Ca crl_signer =
        self_signed("Example CRL Signer", true, {x509::KeyUsageBit::crl_sign});
    r.issuer = crl_signer.cert.get();
    v = profile::check_request(p, r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_issuer_not_ca");
    CHECK(v[0].message ==
          "the issuer \"C = US, O = Example, CN = Example CRL Signer\" has no keyCertSign in "
          "keyUsage, so it may not sign certificates");
    cert = test::pki::issue("tls-server", r, crl_signer);
    CHECK(test::ids(lint::lint_certificate(cert.get(), p, crl_signer.cert.get())) ==
          std::vector<std::string>{"e_issuer_not_ca"});
  }

  TEST_CASE("an issuer with pathLenConstraint 0 issues no CA certificates") {
    auto r = test::pki::good_request("subordinate-ca", test::pki::issuing_ca(),
                                     test::pki::role_key("sub"));
    r.not_after = test::pki::utc("2035-01-01T00:00:00Z");
    auto v = profile::check_request(test::pki::profile_named("subordinate-ca"), r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_issuer_path_len_exceeded");
    CHECK(v[0].message ==
          "the issuer \"C = US, O = Example, CN = Example Issuing CA 1\" has pathLenConstraint 0, "
          "so it may not issue CA certificates; the subordinate-ca profile makes one");
    // End-entity certificates from the same issuer are fine.
    CHECK(profile::check_request(test::pki::profile_named("client"),
                                 test::pki::good_request("client", test::pki::issuing_ca()))
              .empty());
  }

  TEST_CASE("an issued certificate never certifies the issuer's own key") {
    auto r = test::pki::good_request("subordinate-ca", test::pki::root(), test::pki::root().key);
    auto v = profile::check_request(test::pki::profile_named("subordinate-ca"), r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_subject_key_is_issuer_key");
    CHECK(v[0].field == "key");
    CHECK(v[0].message ==
          "the subject key is the issuer's own key; an issued certificate certifies another key");
  }

  TEST_CASE("keys and algorithms: CPS 6.1.5 sizes and curves, Appendix A without SHA-1") {
    const auto& cs = test::pki::profile_named("code-signing");
    auto r = test::pki::good_request("code-signing", test::pki::issuing_ca(),
                                     test::shared_key("rsa-2048"));
    auto v = profile::check_request(cs, r);
    REQUIRE(v.size() == 1);
    CHECK(v[0].id == "e_key_not_in_profile");
    CHECK(v[0].message ==
          "RSA 2048-bit key is not allowed; the code-signing profile allows RSA 3072-bit, RSA "
          "4096-bit, P-256, P-384 or P-521 (CPS 6.1.5)");
    r = test::pki::good_request("tls-server", test::pki::issuing_ca(), test::shared_key("P-224"));
    CHECK(test::pki::violation_ids(
              profile::check_request(test::pki::profile_named("tls-server"), r)) ==
          std::vector<std::string>{"e_key_too_weak"});
    for (std::string name : test::pki::kCertificateProfiles) {
      CAPTURE(name);
      auto sha1 = test::pki::good_request(name, test::pki::issuing_ca());
      sha1.signature_algorithm = "ecdsa-with-SHA1";
      auto found = profile::check_request(test::pki::profile_named(name), sha1);
      bool forbidden = false;
      for (const auto& x : found)
        forbidden |= x.id == "e_sig_alg_forbidden" &&
                     x.message ==
                         "ecdsa-with-SHA1 is forbidden: keyrite never signs with MD2, MD4, MD5 or "
                         "SHA-1";
      CHECK(forbidden);
    }
  }
}
