// Real certificates nobody here wrote, linted against root-ca. The Amazon roots are the CPS's own
// roots and must lint clean; the other roots show where real roots genuinely differ from the CPS
// Appendix B root profile (recorded in templates/profiles/README.md). Then every certificate, and
// thousands of corrupted variants, go through the lint to show it never crashes on odd input.
#include <doctest/doctest.h>
#include <openssl/err.h>

#include <random>

#include "unit/lint/findings.h"
#include "unit/profile/profile_support.h"
#include "x509/describe.h"

using namespace kr;

namespace {

using Ids = std::vector<std::string>;

std::vector<lint::Finding> lint_file(const std::string& file) {
  return lint::lint_certificate(test::realworld_cert(file).get(), test::root_profile(), nullptr);
}

std::vector<std::string> certificate_files() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(test::realworld_dir())) {
    auto name = e.path().filename().string();
    if (e.path().extension() == ".pem" && name.rfind("crl-", 0) != 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_SUITE("lint::real world") {
  TEST_CASE("Amazon Root CA 1-4 lint clean against root-ca") {
    for (const char* file : {"amazon-root-ca-1.pem", "amazon-root-ca-2.pem", "amazon-root-ca-3.pem",
                             "amazon-root-ca-4.pem"}) {
      CAPTURE(file);
      CHECK(test::ids(lint_file(file)).empty());
    }
  }

  TEST_CASE("other CAs' roots differ from the CPS root profile, and the lint says how") {
    // Let's Encrypt's roots leave out digitalSignature, which CPS Appendix B requires.
    for (const char* file : {"isrg-root-x1.pem", "isrg-root-x2.pem"})
      CHECK(test::ids(lint_file(file)) == Ids{"e_ku_bits_mismatch"});
    CHECK(test::message_of(lint_file("isrg-root-x1.pem"), "e_ku_bits_mismatch") ==
          "keyUsage is keyCertSign and cRLSign; the root-ca profile requires exactly "
          "digitalSignature, keyCertSign and cRLSign");
    // Its newer roots derive the key identifier another way (not SHA-1 of the key).
    for (const char* file : {"isrg-root-ye.pem", "isrg-root-yr.pem"})
      CHECK(test::ids(lint_file(file)) == Ids{"e_ku_bits_mismatch", "e_ski_not_sha1_of_spki"});
    // Older roots: SHA-1 signatures, no countryName, extra extensions.
    CHECK(test::ids(lint_file("digicert-global-root-ca.pem")) ==
          Ids{"e_sig_alg_forbidden", "e_extension_not_in_profile"});
    CHECK(
        test::message_of(lint_file("digicert-global-root-ca.pem"), "e_extension_not_in_profile") ==
        "authorityKeyIdentifier is not in the root-ca profile");
    CHECK(test::ids(lint_file("dst-root-ca-x3.pem")) ==
          Ids{"e_sig_alg_forbidden", "e_subject_missing_attr", "e_ku_bits_mismatch"});
    CHECK(test::ids(lint_file("globalsign-root-ca-r2.pem")) ==
          Ids{"e_sig_alg_forbidden", "e_subject_missing_attr", "e_cn_looks_like_domain",
              "e_extension_not_in_profile", "e_extension_not_in_profile", "e_ku_bits_mismatch"});
    CHECK(test::message_of(lint_file("globalsign-root-ca-r2.pem"), "e_cn_looks_like_domain")
              .rfind("CN \"GlobalSign\" could be read as a domain name or IP address", 0) == 0);
    // Starfield's G2 root (which cross-signed the Amazon roots) has serial number 0.
    auto starfield = lint_file("starfield-services-root-g2.pem");
    CHECK(test::ids(starfield) == Ids{"e_serial_not_positive", "e_serial_entropy_too_short",
                                      "e_validity_exceeds_profile", "e_ku_bits_mismatch"});
    CHECK(test::message_of(starfield, "e_serial_not_positive") ==
          "serial number is zero; CPS Appendix B requires a positive integer");
    CHECK(test::message_of(starfield, "e_validity_exceeds_profile") ==
          "validity is 28 years, 3 months, 30 days, 23 hours, 59 minutes and 59 seconds; the "
          "root-ca profile allows at most 25 years");
    CHECK(test::ids(lint_file("intel-sgx-root-ca.pem")) ==
          Ids{"e_validity_exceeds_profile", "e_extension_not_in_profile",
              "e_extension_not_in_profile", "e_bc_pathlen_present", "e_ku_bits_mismatch",
              "e_ski_not_sha1_of_spki"});
  }

  TEST_CASE("intermediates are not roots: the issuer check says so") {
    auto f = lint_file("amazon-rsa-2048-m01.pem");
    CHECK(test::has_id(f, "e_issuer_subject_mismatch"));
    CHECK(test::has_id(f, "e_bc_pathlen_present"));
    CHECK(
        test::message_of(f, "e_issuer_subject_mismatch") ==
        "issuer \"C = US, O = Amazon, CN = Amazon Root CA 1\" does not match its subject \"C = US, "
        "O = Amazon, CN = Amazon RSA 2048 M01\"");
  }

  TEST_CASE("every real certificate lints without a lint failing") {
    auto files = certificate_files();
    CHECK(files.size() >= 30);
    for (const auto& file : files) {
      CAPTURE(file);
      auto findings = lint_file(file);
      CHECK_FALSE(test::has_id(findings, "e_lint_failed"));
      for (const auto& f : findings) CHECK_FALSE(f.message.empty());
    }
  }

  TEST_CASE("corrupted certificates never crash the lint or the description") {
    std::mt19937 rng(20150526);  // fixed: a failure must be reproducible
    int parsed = 0, attempts = 0;
    for (const auto& file : certificate_files()) {
      Bytes good = ossl::cert_der(test::realworld_cert(file).get());
      for (int round = 0; round < 150; ++round, ++attempts) {
        Bytes bad = good;
        int flips = 1 + static_cast<int>(rng() % 4);
        for (int i = 0; i < flips; ++i)
          bad[rng() % bad.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        if (round % 10 == 0) bad.resize(rng() % bad.size());
        const unsigned char* p = bad.data();
        ossl::X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(bad.size())));
        if (!cert) continue;
        ++parsed;
        auto findings = lint::lint_certificate(cert.get(), test::root_profile(), nullptr);
        CHECK_FALSE(x509::describe_certificate(cert.get()).empty());
        (void)findings;
      }
    }
    ERR_clear_error();
    MESSAGE("corrupted variants parsed by OpenSSL and linted: " << parsed << " of " << attempts);
    CHECK(parsed > attempts / 10);
  }
}
