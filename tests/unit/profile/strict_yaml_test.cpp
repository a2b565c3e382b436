// Profiles are read with the ceremony scripts' strict YAML tree (lib/config): what a script may not
// contain, a profile may not either, and each refusal names FILE:LINE:COLUMN and the YAML path.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "config/diagnostics.h"
#include "profile/crl_profile.h"
#include "profile/profile.h"
#include "unit/profile/profile_support.h"
#include "util/error.h"

using namespace kr;

namespace {

// The shipped profile `name` with its first occurrence of `find` replaced.
std::string shipped_variant(const std::string& name, const std::string& find,
                            const std::string& replace) {
  std::ifstream in(profile::default_profiles_dir() / (name + ".yaml"));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto at = text.find(find);
  REQUIRE(at != std::string::npos);
  return text.replace(at, find.size(), replace);
}

// The error loading `text` as profile `name` gives, with the file's directory cut off.
template <class Load>
std::string error_of(const std::string& name, const std::string& text, Load load) {
  auto dir = test::temp_dir("strict-yaml");
  test::write_text(dir / (name + ".yaml"), text);
  try {
    load(dir, name);
  } catch (const Error& e) {
    // Every line of the message starts with the file's path.
    std::string msg = e.what();
    const std::string prefix = dir.string() + "/";
    for (auto at = msg.find(prefix); at != std::string::npos; at = msg.find(prefix, at))
      msg.erase(at, prefix.size());
    return msg;
  }
  return "no error";
}

std::string root_ca_error(const std::string& find, const std::string& replace) {
  return error_of("root-ca", shipped_variant("root-ca", find, replace),
                  [](const auto& dir, const auto& name) { profile::load_profile(dir, name); });
}

std::string crl_error(const std::string& find, const std::string& replace) {
  return error_of("crl", shipped_variant("crl", find, replace),
                  [](const auto& dir, const auto& name) { profile::load_crl_profile(dir, name); });
}

}  // namespace

TEST_SUITE("profile::strict YAML") {
  TEST_CASE("a quoted number is a string, as in a ceremony script") {
    CHECK(root_ca_error("keyrite-profile: 1", "keyrite-profile: \"1\"") ==
          "root-ca.yaml:4:18: keyrite-profile: expected a whole number from 1 to 1, found the "
          "quoted string \"1\"; write it without quotes");
    CHECK(crl_error("keyrite-profile: 1", "keyrite-profile: '1'") ==
          "crl.yaml:4:18: keyrite-profile: expected a whole number from 1 to 1, found the quoted "
          "string \"1\"; write it without quotes");
    CHECK(root_ca_error("max: {years: 25}", "max: {years: \"25\"}") ==
          "root-ca.yaml:15:16: validity.max.years: expected a whole number from 0 to 100, found "
          "the quoted string \"25\"; write it without quotes");
  }

  TEST_CASE("a quoted true or false is a string") {
    CHECK(root_ca_error("{critical: true, ca: true}", "{critical: \"true\", ca: true}") ==
          "root-ca.yaml:53:35: extensions[0].basic-constraints.critical: expected true or false, "
          "found the quoted string \"true\"; write it without quotes");
  }

  TEST_CASE("tags are refused") {
    CHECK(root_ca_error("issuer: self", "issuer: !!str self") ==
          "root-ca.yaml:10:9: issuer: YAML tags (!!str) are not allowed; remove the tag");
    CHECK(root_ca_error("keyrite-profile: 1", "keyrite-profile: !!int 1") ==
          "root-ca.yaml:4:18: keyrite-profile: YAML tags (!!int) are not allowed; remove the tag");
  }

  TEST_CASE("anchors and aliases are refused") {
    CHECK(root_ca_error("max: {years: 25}", "max: &max {years: 25}") ==
          "root-ca.yaml:15:8: validity.max: anchors (&max) are not allowed; write each value out "
          "in full");
    auto both = root_ca_error("  max-octets: 20\n", "  max-octets: &o 20\n  min-octets: *o\n");
    CHECK(both ==
          "root-ca.yaml:20:15: serial.max-octets: anchors (&o) are not allowed; write each value "
          "out in full\n"
          "root-ca.yaml:21:15: serial.min-octets: aliases (*name) are not allowed; write the "
          "value out in full");
  }

  TEST_CASE("every problem the tree finds is reported, and typed as a configuration error") {
    auto dir = test::temp_dir("strict-yaml-all");
    test::write_text(dir / "root-ca.yaml", shipped_variant("root-ca", "issuer: self\n",
                                                           "issuer: !!str self\nissuer: self\n"));
    try {
      profile::load_profile(dir, "root-ca");
      FAIL("loaded a profile with a tag and a duplicate key");
    } catch (const config::ConfigError& e) {
      REQUIRE(e.diagnostics().size() == 2);
      CHECK(e.diagnostics()[0].position.line == 10);
      CHECK(e.diagnostics()[0].position.column == 9);
      CHECK(e.diagnostics()[0].message == "YAML tags (!!str) are not allowed; remove the tag");
      CHECK(e.diagnostics()[1].position.line == 11);
      CHECK(e.diagnostics()[1].position.column == 1);
      CHECK(e.diagnostics()[1].position.path == "issuer");
    }
  }

  TEST_CASE("an empty profile says what a profile starts with") {
    CHECK(error_of("root-ca", "",
                   [](const auto& dir, const auto& name) { profile::load_profile(dir, name); }) ==
          "root-ca.yaml:1:1: the file is empty; a profile starts with \"keyrite-profile: 1\"");
  }
}
