// Real Let's Encrypt/ISRG and Amazon certificates against the CA/B Forum BR profile set
// (templates/profiles/cabf-br), each with its real issuer, read from tests/data/realworld so a
// clone stands alone. Every finding that remains is a real deviation of that certificate from
// today's BRs (or keyrite's own cap), named in the case. The Amazon ones are also linted under
// the CPS set, where lint_realworld_issued_test.cpp records what they show.
#include <doctest/doctest.h>

#include <map>

#include "lint/lint.h"
#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"

using namespace kr;

namespace {

using Ids = std::vector<std::string>;

ossl::X509Ptr copied_cert(const std::string& file) {
  auto path = std::filesystem::path(KR_SOURCE_DIR) / "tests" / "data" / "realworld" / file;
  return ossl::read_certificate(read_file(path), file);
}

const profile::Profile& br(const std::string& name) {
  static std::map<std::string, profile::Profile> cache;
  auto it = cache.find(name);
  if (it == cache.end())
    it = cache
             .emplace(name,
                      profile::load_profile(profile::default_profiles_dir(), "cabf-br/" + name))
             .first;
  return it->second;
}

Ids lint_file(const std::string& file, const std::string& issuer, const profile::Profile& p) {
  auto cert = copied_cert(file);
  auto ca = issuer.empty() ? nullptr : copied_cert(issuer);
  return test::ids(lint::lint_certificate(cert.get(), p, ca.get()));
}

struct Case {
  const char* file;
  const char* issuer;  // "" for a root
  const char* profile;
  Ids findings;
  const char* why;  // why each finding is a real deviation
};

const Case kCases[] = {
    {"isrg-root-x1.pem", "", "root-ca", {}, ""},
    {"isrg-root-x2.pem", "", "root-ca", {}, ""},
    {"isrg-root-ye.pem", "", "root-ca", {}, "RFC 7093 method 1 key identifier, accepted"},
    {"isrg-root-yr.pem", "", "root-ca", {}, "RFC 7093 method 1 key identifier, accepted"},
    {"le-r10.pem",
     "isrg-root-x1.pem",
     "tls-subordinate-ca",
     {},
     "caIssuers-only AIA, RFC 7093 SKI"},
    {"le-r11.pem", "isrg-root-x1.pem", "tls-subordinate-ca", {}, ""},
    {"le-e5.pem", "isrg-root-x2.pem", "tls-subordinate-ca", {}, ""},
    {"le-e6.pem", "isrg-root-x2.pem", "tls-subordinate-ca", {}, ""},
    {"le-ye1.pem", "isrg-root-ye.pem", "tls-subordinate-ca", {}, ""},
    {"le-yr1.pem", "isrg-root-yr.pem", "tls-subordinate-ca", {}, "serverAuth only"},
    {"le-r3.pem", "isrg-root-x1.pem", "tls-subordinate-ca", {}, ""},
    {"le-e1.pem", "isrg-root-x2.pem", "tls-subordinate-ca", {}, ""},
    {"le-authority-x3.pem",
     "isrg-root-x1.pem",
     "tls-subordinate-ca",
     {"e_eku_missing"},
     "issued in 2016, before the BRs required an extKeyUsage in TLS subordinate CAs (7.1.2.10.6)"},
    {"isrg-root-ocsp-x1.pem",
     "isrg-root-x1.pem",
     "ocsp-responder",
     {"e_validity_exceeds_profile"},
     "5 years and 1 day: the BRs set no maximum; keyrite caps responder certificates at 1 year "
     "because id-pkix-ocsp-nocheck makes them unrevocable (RFC 6960 4.2.2.2.1)"},
    {"amazon-root-ca-1.pem", "", "root-ca", {}, ""},
    {"amazon-root-ca-2.pem", "", "root-ca", {}, ""},
    {"amazon-root-ca-3.pem", "", "root-ca", {}, ""},
    {"amazon-root-ca-4.pem", "", "root-ca", {}, ""},
    {"amazon-rsa-2048-m01.pem", "amazon-root-ca-1.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-rsa-2048-m02.pem", "amazon-root-ca-1.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-rsa-2048-m03.pem", "amazon-root-ca-1.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-rsa-2048-m04.pem", "amazon-root-ca-1.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-rsa-2048-root-eu-m1.pem", "amazon-root-ca-1.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-rsa-4096-m02.pem", "amazon-root-ca-2.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-ecdsa-256-m02.pem", "amazon-root-ca-3.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-ecdsa-384-m02.pem", "amazon-root-ca-4.pem", "tls-subordinate-ca", {}, ""},
    {"amazon-server-ca-1b.pem",
     "amazon-root-ca-1.pem",
     "tls-subordinate-ca",
     {"e_subject_attr_not_allowed", "e_eku_missing"},
     "2015: an organizationalUnitName (7.1.2.10.2 forbids it in TLS subordinates) and no "
     "extKeyUsage"},
    {"amazon-server-ca-0a-by-sfsg2.pem",
     "starfield-services-root-g2.pem",
     "cross-ca",
     {},
     "OU is SHOULD NOT in a cross-certificate; anyPolicy, both AIA methods and no EKU conform"},
};

}  // namespace

TEST_SUITE("lint::cabf-br real certificates") {
  TEST_CASE("Let's Encrypt/ISRG and Amazon certificates under the BR set") {
    for (const auto& c : kCases) {
      CAPTURE(c.file);
      CAPTURE(c.why);
      CHECK(lint_file(c.file, c.issuer, br(c.profile)) == c.findings);
    }
  }

  TEST_CASE("the Amazon roots and subordinates under the CPS set, for comparison") {
    // Appendix B does not list extKeyUsage, which the BRs require of TLS subordinates.
    CHECK(lint_file("amazon-rsa-2048-m01.pem", "amazon-root-ca-1.pem",
                    test::pki::profile_named("subordinate-ca")) ==
          Ids{"e_extension_not_in_profile"});
    CHECK(lint_file("amazon-root-ca-1.pem", "", test::pki::profile_named("root-ca")).empty());
    // The BR root profile accepts Let's Encrypt's RFC 7093 key identifier and a keyUsage without
    // digitalSignature; the CPS one accepts neither.
    CHECK(lint_file("isrg-root-yr.pem", "", test::pki::profile_named("root-ca")) ==
          Ids{"e_ku_bits_mismatch", "e_ski_not_sha1_of_spki"});
  }

  TEST_CASE("the names are the set's") {
    CHECK(br("root-ca").name == "cabf-br/root-ca");
    auto f =
        lint::lint_certificate(copied_cert("le-authority-x3.pem").get(), br("tls-subordinate-ca"),
                               copied_cert("isrg-root-x1.pem").get());
    REQUIRE(f.size() == 1);
    CHECK(f[0].message ==
          "extendedKeyUsage is missing; the cabf-br/tls-subordinate-ca profile requires it");
  }
}
