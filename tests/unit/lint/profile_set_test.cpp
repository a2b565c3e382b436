// An organisation's own profiles directory (--profiles DIR) whose folder is a profile set of its
// own: --profile-set chooses among that folder's profiles, names them SET/NAME, and the directory
// keeps its own CRL profile; the stock cabf-br set is not consulted.
#include <doctest/doctest.h>

#include "lint/linter.h"
#include "unit/lint/lint_support.h"
#include "util/error.h"

using namespace kr;

TEST_SUITE("lint::profile sets in an organisation's directory") {
  TEST_CASE("--profiles DIR with a set folder of its own") {
    auto dir = test::lint_temp_dir("org-profiles");
    std::filesystem::create_directories(dir / "acme");
    std::filesystem::copy_file(profile::default_profiles_dir() / "cabf-br" / "root-ca.yaml",
                               dir / "acme" / "root-ca.yaml");
    std::filesystem::copy_file(profile::default_profiles_dir() / "crl.yaml", dir / "crl.yaml");
    auto isrg = std::filesystem::path(KR_SOURCE_DIR) / "tests/data/realworld/isrg-root-x1.pem";
    auto le = std::filesystem::path(KR_SOURCE_DIR) / "tests/data/realworld/le-r10.pem";

    lint::Linter acme({"", dir, nullptr, {}, "acme"});
    auto results = acme.lint_files({isrg.string(), le.string()});
    REQUIRE(results.size() == 2);
    CHECK(results[0].profile == "acme/root-ca");
    CHECK(results[0].profile_reason == "self-signed CA certificate");
    CHECK(test::ids(results[0].findings).empty());
    // The set has no subordinate profile: the RFC 5280 lints only, and the report says so.
    CHECK(results[1].profile.empty());
    CHECK(results[1].profile_reason ==
          "CA certificate that is not self-signed, extendedKeyUsage serverAuth, but there is no "
          "tls-subordinate-ca or subordinate-ca profile");

    // --profile NAME is then the set's; a set the directory lacks is refused, naming its sets.
    lint::Linter given({"root-ca", dir, nullptr, {}, "acme"});
    CHECK(given.lint_files({isrg.string()})[0].profile == "acme/root-ca");
    try {
      lint::Linter({"", dir, nullptr, {}, "cabf-br"});
      FAIL("an unknown set was accepted");
    } catch (const UsageError& e) {
      CHECK(std::string(e.what()) ==
            "--profile-set cabf-br: there is no " + (dir / "cabf-br").string());
      CHECK(e.hint() == "the profile sets are cps, acme");
    }
  }
}
