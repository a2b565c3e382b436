// Real subordinate, cross and responder certificates nobody here wrote, linted against the shipped
// profiles with their real issuers. What they show is recorded as found (templates/profiles/
// README.md has the same table): Amazon's subordinates meet Appendix B except for the
// extendedKeyUsage the BRs ask for and the CPS table does not list; Let's Encrypt's differ more.
#include <doctest/doctest.h>

#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"

using namespace kr;
namespace pki = kr::test::pki;

namespace {

using Ids = std::vector<std::string>;

std::vector<lint::Finding> lint_of(const std::string& file, const std::string& issuer,
                                   const std::string& profile) {
  auto cert = test::realworld_cert(file);
  auto ca = test::realworld_cert(issuer);
  return lint::lint_certificate(cert.get(), pki::profile_named(profile), ca.get());
}

struct Case {
  const char* file;
  const char* issuer;
  Ids subordinate_ca;      // findings against subordinate-ca
  Ids tls_subordinate_ca;  // findings against tls-subordinate-ca
};

const Ids kEku{"e_extension_not_in_profile"};
const Ids kNone{};

const Case kCases[] = {
    {"amazon-rsa-2048-m01.pem", "amazon-root-ca-1.pem", kEku, kNone},
    {"amazon-rsa-2048-m02.pem", "amazon-root-ca-1.pem", kEku, kNone},
    {"amazon-rsa-2048-m03.pem", "amazon-root-ca-1.pem", kEku, kNone},
    {"amazon-rsa-2048-m04.pem", "amazon-root-ca-1.pem", kEku, kNone},
    {"amazon-rsa-2048-root-eu-m1.pem", "amazon-root-ca-1.pem", kEku, kNone},
    {"amazon-rsa-4096-m02.pem", "amazon-root-ca-2.pem", kEku, kNone},
    {"amazon-ecdsa-256-m02.pem", "amazon-root-ca-3.pem", kEku, kNone},
    {"amazon-ecdsa-384-m02.pem", "amazon-root-ca-4.pem", kEku, kNone},
    {"amazon-server-ca-1b.pem",
     "amazon-root-ca-1.pem",
     {"e_cn_looks_like_domain"},
     {"e_cn_looks_like_domain", "e_eku_missing"}},
    {"le-authority-x3.pem", "isrg-root-x1.pem", kNone, {"e_eku_missing"}},
    {"le-r3.pem",
     "isrg-root-x1.pem",
     {"e_cn_looks_like_domain", "e_extension_not_in_profile", "e_aia_ocsp_missing"},
     {"e_cn_looks_like_domain", "e_aia_ocsp_missing"}},
    {"le-r10.pem",
     "isrg-root-x1.pem",
     {"e_cn_looks_like_domain", "e_extension_not_in_profile", "e_ski_not_sha1_of_spki",
      "e_aia_ocsp_missing"},
     {"e_cn_looks_like_domain", "e_ski_not_sha1_of_spki", "e_aia_ocsp_missing"}},
    {"le-e5.pem",
     "isrg-root-x2.pem",
     {"e_cn_looks_like_domain", "e_extension_not_in_profile", "e_ski_not_sha1_of_spki",
      "e_aia_ocsp_missing"},
     {"e_cn_looks_like_domain", "e_ski_not_sha1_of_spki", "e_aia_ocsp_missing"}},
    {"le-ye1.pem",
     "isrg-root-ye.pem",
     {"e_cn_looks_like_domain", "e_extension_not_in_profile", "e_ski_not_sha1_of_spki",
      "e_aia_ocsp_missing"},
     {"e_cn_looks_like_domain", "e_ski_not_sha1_of_spki", "e_aia_ocsp_missing"}},
};

}  // namespace

TEST_SUITE("lint::real issued") {
  TEST_CASE("real subordinates against subordinate-ca and tls-subordinate-ca, with their roots") {
    for (const auto& c : kCases) {
      CAPTURE(std::string(c.file));
      CHECK(test::ids(lint_of(c.file, c.issuer, "subordinate-ca")) == c.subordinate_ca);
      CHECK(test::ids(lint_of(c.file, c.issuer, "tls-subordinate-ca")) == c.tls_subordinate_ca);
    }
    // The one thing between Amazon's subordinates and the CPS table, and why.
    CHECK(test::message_of(
              lint_of("amazon-rsa-2048-m01.pem", "amazon-root-ca-1.pem", "subordinate-ca"),
              "e_extension_not_in_profile") ==
          "extendedKeyUsage is not in the subordinate-ca profile");
    CHECK(test::message_of(lint_of("le-r3.pem", "isrg-root-x1.pem", "subordinate-ca"),
                           "e_aia_ocsp_missing") ==
          "authorityInfoAccess has no OCSP http URL; the subordinate-ca profile requires one");
    CHECK(test::message_of(
              lint_of("amazon-server-ca-1b.pem", "amazon-root-ca-1.pem", "subordinate-ca"),
              "e_cn_looks_like_domain")
              .rfind("CN \"Amazon\" could be read as a domain name or IP address", 0) == 0);
  }

  TEST_CASE("no real subordinate outlives its root, and every root is a CA that may sign") {
    for (const auto& c : kCases) {
      CAPTURE(std::string(c.file));
      auto f = lint_of(c.file, c.issuer, "subordinate-ca");
      for (const char* id : {"e_validity_outlives_issuer", "e_issuer_not_ca", "e_aki_mismatch",
                             "e_issuer_subject_mismatch", "e_sig_alg_forbidden"})
        CHECK_FALSE(test::has_id(f, id));
    }
    // With the wrong root, the guardrails speak: InCommon's CA starts before ISRG Root X1 did.
    auto f = lint_of("incommon-rsa-server-ca.pem", "isrg-root-x1.pem", "subordinate-ca");
    CHECK(test::message_of(f, "e_validity_outlives_issuer") ==
          "not-before 2014-10-06T00:00:00Z is before the issuer's not-before "
          "2015-06-04T11:04:38Z; a certificate never outlives its issuer");
    CHECK(test::has_id(f, "e_issuer_subject_mismatch"));
    CHECK(test::has_id(f, "e_aki_mismatch"));
  }

  TEST_CASE("Amazon Server CA 0A, cross-signed by Starfield Services Root G2, against cross-ca") {
    auto f =
        lint_of("amazon-server-ca-0a-by-sfsg2.pem", "starfield-services-root-g2.pem", "cross-ca");
    CHECK(test::ids(f) == Ids{"e_cn_looks_like_domain"});
    // Its policy is anyPolicy and its AKI matches the Starfield root's SKI.
    CHECK_FALSE(test::has_id(f, "e_aki_mismatch"));
  }

  TEST_CASE("ISRG Root OCSP X1 against ocsp-signing") {
    auto f = lint_of("isrg-root-ocsp-x1.pem", "isrg-root-x1.pem", "ocsp-signing");
    CHECK(test::ids(f) ==
          Ids{"e_validity_exceeds_profile", "e_extension_not_in_profile", "e_policies_missing"});
    CHECK(test::message_of(f, "e_validity_exceeds_profile") ==
          "validity is 5 years and 1 day; the ocsp-signing profile allows at most 1 year");
    CHECK(test::message_of(f, "e_extension_not_in_profile") ==
          "subjectKeyIdentifier is not in the ocsp-signing profile");
    // What it does have right: OCSPSigning, ocsp-nocheck, an empty critical basicConstraints.
    for (const char* id : {"e_eku_missing", "e_eku_missing_purpose", "e_ocsp_nocheck_missing",
                           "e_bc_ca", "e_ku_bits_mismatch"})
      CHECK_FALSE(test::has_id(f, id));
  }
}
