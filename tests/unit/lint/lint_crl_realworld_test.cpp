// Real CRLs nobody here wrote, linted against the crl profile with their real issuers. They must
// lint without crashing; what they show is recorded here and in tests/data/crl/README.md. Then
// thousands of corrupted variants go through the lint to show it never crashes on odd input.
#include <doctest/doctest.h>
#include <openssl/err.h>

#include <random>

#include "lint/lint_crl.h"
#include "unit/lint/findings.h"
#include "unit/profile/profile_support.h"
#include "unit/x509/crl_csr_ocsp_support.h"
#include "x509/crl_builder.h"
#include "x509/crl_io.h"

using namespace kr;

namespace {

using Ids = std::vector<std::string>;

const profile::CrlProfile& crl_profile() {
  static const profile::CrlProfile p =
      profile::load_crl_profile(profile::default_profiles_dir(), "crl");
  return p;
}

std::vector<lint::Finding> lint_real(const std::string& crl_file, const std::string& issuer) {
  auto crl = test::realworld_crl(crl_file);
  auto cert = issuer.empty() ? nullptr : test::realworld_cert(issuer);
  return lint::lint_crl(crl.get(), crl_profile(), cert.get());
}

const std::pair<const char*, const char*> kCrls[] = {
    {"crl-digicert-global-root-ca-2021-11.pem", "digicert-global-root-ca.pem"},
    {"crl-globalsign-root-r2-2020-04.pem", "globalsign-root-ca-r2.pem"},
    {"crl-incommon-rsa-server-ca-2018-08.pem", "incommon-rsa-server-ca.pem"},
    {"crl-intel-sgx-root-ca-2019-05.pem", "intel-sgx-root-ca.pem"},
    {"crl-intel-sgx-root-ca-2023-04.pem", "intel-sgx-root-ca.pem"},
};

}  // namespace

TEST_SUITE("lint::lint_crl real world") {
  TEST_CASE("each real CRL verifies with its issuer, so the pairs below are right") {
    for (auto [crl_file, issuer_file] : kCrls) {
      CAPTURE(crl_file);
      auto crl = test::realworld_crl(crl_file);
      auto issuer = test::realworld_cert(issuer_file);
      CHECK(X509_CRL_verify(crl.get(), X509_get0_pubkey(issuer.get())) == 1);
    }
  }

  TEST_CASE("what real CAs' CRLs show against keyrite's CRL profile") {
    // Intel's 2023 root CRL (no entries, a year's interval) fits the profile exactly.
    CHECK(
        test::ids(lint_real("crl-intel-sgx-root-ca-2023-04.pem", "intel-sgx-root-ca.pem")).empty());
    // Its 2019 CRL ran 12 months and 9 days, past BRs 4.9.7's twelve months.
    auto intel = lint_real("crl-intel-sgx-root-ca-2019-05.pem", "intel-sgx-root-ca.pem");
    CHECK(test::ids(intel) == Ids{"e_crl_interval_exceeds_profile"});
    CHECK(test::message_of(intel, "e_crl_interval_exceeds_profile") ==
          "next-update is 1 year and 9 days after this-update; the crl profile allows at most 12 "
          "months");
    // Every CRL with entries lists them in issuance order, not by serial: RFC 5280 allows that;
    // keyrite's profile (which sorts) reports it once, with a count.
    auto digicert =
        lint_real("crl-digicert-global-root-ca-2021-11.pem", "digicert-global-root-ca.pem");
    CHECK(test::ids(digicert) == Ids{"e_crl_entries_unsorted"});
    CHECK(test::message_of(digicert, "e_crl_entries_unsorted") ==
          "revoked[2] (serial 0f16834f829191e32aff7b2939b79a52) follows the larger revoked[1] "
          "(serial 2a846fb0eac24af297540ac0ea634e08); keyrite's CRL profile lists entries in "
          "ascending serial order (1 entry follows a larger serial)");
    CHECK(test::ids(lint_real("crl-globalsign-root-r2-2020-04.pem", "globalsign-root-ca-r2.pem")) ==
          Ids{"e_crl_entries_unsorted"});
    auto incommon =
        lint_real("crl-incommon-rsa-server-ca-2018-08.pem", "incommon-rsa-server-ca.pem");
    CHECK(test::ids(incommon) == Ids{"e_crl_entries_unsorted"});
    CHECK(test::message_of(incommon, "e_crl_entries_unsorted")
              .find("(10284 entries follow a larger serial)") != std::string::npos);
  }

  TEST_CASE("the 20,685-entry CRL is read whole") {
    auto crl = test::realworld_crl("crl-incommon-rsa-server-ca-2018-08.pem");
    CHECK(sk_X509_REVOKED_num(X509_CRL_get_REVOKED(crl.get())) == 20685);
    CHECK(x509::crl_number(crl.get()) == x509::crl_number_bytes(1484));
  }

  TEST_CASE("without the issuer, or against the wrong one") {
    auto f = lint_real("crl-globalsign-root-r2-2020-04.pem", "");
    CHECK(test::ids(f) == Ids{"n_crl_issuer_not_checked", "e_crl_entries_unsorted"});
    CHECK_FALSE(lint::has_errors({f[0]}));
    f = lint_real("crl-globalsign-root-r2-2020-04.pem", "digicert-global-root-ca.pem");
    CHECK(test::ids(f) ==
          Ids{"e_crl_issuer_mismatch", "e_crl_aki_mismatch", "e_crl_entries_unsorted"});
    CHECK(test::message_of(f, "e_crl_issuer_mismatch") ==
          "the CRL's issuer \"OU = GlobalSign Root CA - R2, O = GlobalSign, CN = GlobalSign\" is "
          "not the issuer certificate's subject \"C = US, O = DigiCert Inc, OU = "
          "www.digicert.com, CN = DigiCert Global Root CA\"");
  }

  TEST_CASE("corrupted CRLs never crash the lint") {
    std::mt19937 rng(20150526);  // fixed: a failure must be reproducible
    int parsed = 0, attempts = 0;
    for (auto [crl_file, issuer_file] : kCrls) {
      if (std::string(crl_file).find("incommon") != std::string::npos) continue;  // too slow
      Bytes good = x509::crl_der(test::realworld_crl(crl_file).get());
      auto issuer = test::realworld_cert(issuer_file);
      for (int round = 0; round < 400; ++round, ++attempts) {
        Bytes bad = good;
        int flips = 1 + static_cast<int>(rng() % 4);
        for (int i = 0; i < flips; ++i)
          bad[rng() % bad.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        if (round % 10 == 0) bad.resize(rng() % bad.size());
        const unsigned char* p = bad.data();
        ossl::X509CrlPtr crl(d2i_X509_CRL(nullptr, &p, static_cast<long>(bad.size())));
        if (!crl) continue;
        ++parsed;
        for (const auto& f : lint::lint_crl(crl.get(), crl_profile(), issuer.get()))
          CHECK_FALSE(f.message.empty());
        CHECK_FALSE(lint::lint_crl(crl.get(), crl_profile(), nullptr).empty());
      }
    }
    ERR_clear_error();
    MESSAGE("corrupted CRLs parsed by OpenSSL and linted: " << parsed << " of " << attempts);
    CHECK(parsed > attempts / 10);
  }
}
