// Loading the shipped root-ca profile, and the strict loader's errors with their positions.
#include <doctest/doctest.h>

#include <regex>

#include "profile/profile.h"
#include "unit/profile/profile_support.h"
#include "util/error.h"

using namespace kr;

namespace {

// The real root-ca.yaml with its first occurrence of `find` replaced.
std::string variant(const std::string& find, const std::string& replace) {
  std::ifstream in(profile::default_profiles_dir() / "root-ca.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto at = text.find(find);
  REQUIRE(at != std::string::npos);
  return text.replace(at, find.size(), replace);
}

std::string load_error(const std::string& text, const std::string& name = "root-ca") {
  auto dir = test::temp_dir("loader");
  test::write_text(dir / (name + ".yaml"), text);
  try {
    profile::load_profile(dir, name);
  } catch (const Error& e) {
    std::string msg = e.what();
    auto prefix = (dir / (name + ".yaml")).string();
    return msg.rfind(prefix, 0) == 0 ? msg.substr(prefix.size()) : msg;
  }
  return "no error";
}

}  // namespace

TEST_SUITE("profile::loader") {
  TEST_CASE("the shipped root-ca profile is CPS Appendix B's root profile") {
    const auto& p = test::root_profile();
    CHECK(p.name == "root-ca");
    CHECK(p.issuer == profile::IssuerRule::self);
    CHECK(p.max_validity.years == 25);
    CHECK(p.max_validity.months == 0);
    CHECK(p.serial.min_random_bits == 64);
    CHECK(p.serial.max_octets == 20);
    CHECK(p.subject.required == std::vector<std::string>{"C", "O", "CN"});
    CHECK(p.subject.cn_not_domain_like);
    REQUIRE(p.keys.size() == 6);
    CHECK(p.keys[0].text() == "RSA 2048-bit");
    CHECK(p.keys[0].default_signature_algorithm == "sha256WithRSAEncryption");
    CHECK(p.keys[3].text() == "P-256");
    CHECK(p.keys[3].default_signature_algorithm == "ecdsa-with-SHA256");
    CHECK(p.keys[4].default_signature_algorithm == "ecdsa-with-SHA384");
    CHECK(p.keys[5].default_signature_algorithm == "ecdsa-with-SHA512");
    CHECK(p.signature_algorithms.size() == 9);
    REQUIRE(p.extensions.size() == 3);
    auto* bc = std::get_if<x509::BasicConstraints>(&p.extensions[0].value);
    REQUIRE(bc);
    CHECK(bc->ca);
    CHECK_FALSE(bc->path_len.has_value());
    CHECK(p.extensions[0].critical);
    auto* ku = std::get_if<x509::KeyUsage>(&p.extensions[1].value);
    REQUIRE(ku);
    CHECK(ku->bits == std::vector<x509::KeyUsageBit>{x509::KeyUsageBit::digital_signature,
                                                     x509::KeyUsageBit::key_cert_sign,
                                                     x509::KeyUsageBit::crl_sign});
    CHECK(std::holds_alternative<x509::SubjectKeyIdentifier>(p.extensions[2].value));
    CHECK_FALSE(p.extensions[2].critical);
  }

  TEST_CASE("unknown keys are errors naming line and column") {
    CHECK(load_error(variant("  max-octets: 20\n", "  max-octets: 20\n  max-octet: 19\n")) ==
          ":21:3: serial: unknown key \"max-octet\"");
    CHECK(load_error(
              variant("{critical: true, ca: true}", "{critical: true, ca: true, pathlen: 0}")) ==
          ":53:51: extensions[0].basic-constraints: unknown key \"pathlen\"");
    CHECK(load_error(variant("issuer: self\n", "issuer: self\ncolour: blue\n")) ==
          ":11:1: unknown key \"colour\"");
  }

  TEST_CASE("values of the wrong kind") {
    CHECK(load_error(variant("max: {years: 25}", "max: {years: 25.5}")) ==
          ":15:16: validity.max.years: expected a whole number from 0 to 100");
    CHECK(load_error(variant("{critical: true, ca: true}", "{critical: yes, ca: true}")) ==
          ":53:35: extensions[0].basic-constraints.critical: expected true or false");
    CHECK(load_error(variant("issuer: self", "issuer: parent")) ==
          ":10:9: issuer: expected self or issuer-certificate");
    CHECK(load_error(variant("max: {years: 25}", "max: {}")) ==
          ":15:8: validity.max: the period is empty; give years, months or days");
  }

  TEST_CASE("repeated keys are errors, not silently the first one") {
    CHECK(load_error(variant("issuer: self\n", "issuer: self\nissuer: self\n")) ==
          ":11:1: issuer: duplicate key \"issuer\"; it is already set on line 10");
  }

  TEST_CASE("algorithm and key rules") {
    CHECK(load_error(variant("  - sha512WithRSAEncryption\n", "  - sha1WithRSAEncryption\n")) ==
          ":42:5: signature-algorithms[2]: sha1WithRSAEncryption is forbidden: keyrite never signs "
          "with MD2, MD4, MD5 or SHA-1");
    CHECK(
        load_error(variant("  - sha512WithRSAEncryption\n", "  - sha512WithRSA\n")) ==
        ":42:5: signature-algorithms[2]: \"sha512WithRSA\" is not a CPS Appendix A algorithm name");
    CHECK(
        load_error(variant("curve: P-521, default-signature-algorithm: ecdsa-with-SHA512",
                           "curve: P-521, default-signature-algorithm: sha256WithRSAEncryption")) ==
        ":36:59: keys[5].default-signature-algorithm: sha256WithRSAEncryption cannot be made with "
        "a P-521 key");
    CHECK(load_error(variant("curve: P-256,", "curve: P-224,")) ==
          ":34:23: keys[3].curve: expected P-256, P-384 or P-521");
    CHECK(load_error(variant("bits: 2048,", "bits: 1024,")) ==
          ":31:23: keys[0].bits: expected a whole number from 2048 to 16384");
  }

  TEST_CASE("extension rules") {
    CHECK(load_error(variant("bits: [digitalSignature, keyCertSign, cRLSign]",
                             "bits: [digitalSignature, keyCertSign, crlSign]")) ==
          ":54:71: extensions[1].key-usage.bits[2]: \"crlSign\" is not an RFC 5280 bit");
    CHECK(load_error(variant("  - subject-key-identifier: {critical: false}",
                             "  - subject-key-id: {critical: false}")) ==
          ":55:5: extensions[2]: unknown extension \"subject-key-id\"; expected basic-constraints, "
          "key-usage, subject-key-identifier, authority-key-identifier, certificate-policies, "
          "authority-info-access, crl-distribution-points, extended-key-usage, ocsp-no-check, "
          "subject-alt-name or name-constraints");
  }

  TEST_CASE("the file's name and its name key must agree; names cannot leave the directory") {
    CHECK(load_error(variant("name: root-ca", "name: root-ca-2")) ==
          ":5:7: name: is \"root-ca-2\" but the file is root-ca.yaml");
    CHECK_THROWS_WITH_AS(profile::load_profile(profile::default_profiles_dir(), "../root-ca"),
                         "profile name \"../root-ca\" may only hold a-z, 0-9 and '-', with one '/' "
                         "after a profile set",
                         Error);
    auto missing = test::temp_dir("missing");
    CHECK_THROWS_WITH_AS(profile::load_profile(missing, "root-ca"),
                         ("cannot open profile " + (missing / "root-ca.yaml").string()).c_str(),
                         Error);
  }

  TEST_CASE("YAML syntax errors keep their position") {
    CHECK(load_error(variant("max: {years: 25}", "max: {years: 25")) ==
          ":18:1: YAML syntax error: end of map flow not found");
  }
}
