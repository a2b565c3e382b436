// The shipped crl profile, the strict loader's errors with their positions, and the request check
// with the fields it names.
#include <doctest/doctest.h>

#include "profile/crl_profile_check.h"
#include "unit/profile/crl_test_support.h"
#include "util/error.h"

using namespace kr;
using test::at;

namespace {

std::string variant(const std::string& find, const std::string& replace) {
  std::ifstream in(profile::default_profiles_dir() / "crl.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto pos = text.find(find);
  REQUIRE(pos != std::string::npos);
  return text.replace(pos, find.size(), replace);
}

std::string load_error(const std::string& text, const std::string& name = "crl") {
  auto dir = test::temp_dir("crl-loader");
  test::write_text(dir / (name + ".yaml"), text);
  try {
    profile::load_crl_profile(dir, name);
  } catch (const Error& e) {
    std::string msg = e.what();
    auto prefix = (dir / (name + ".yaml")).string();
    return msg.rfind(prefix, 0) == 0 ? msg.substr(prefix.size()) : msg;
  }
  return "no error";
}

using Fields = std::vector<std::string>;

Fields fields(const std::vector<profile::Violation>& v) {
  Fields out;
  for (const auto& x : v) out.push_back(x.field + " " + x.id);
  return out;
}

std::vector<profile::Violation> check(const x509::CrlTemplate& t, const std::string& alg = {}) {
  return profile::check_crl_request(test::crl_profile(), t, alg);
}

}  // namespace

TEST_SUITE("profile::crl_profile") {
  TEST_CASE("the shipped crl profile is CPS 7.2 with the BRs' twelve months") {
    const auto& p = test::crl_profile();
    CHECK(p.name == "crl");
    CHECK(p.max_interval.years == 0);
    CHECK(p.max_interval.months == 12);
    CHECK(p.max_interval.days == 0);
    using R = x509::CrlReason;
    CHECK(p.reasons == std::vector<R>{R::key_compromise, R::ca_compromise, R::affiliation_changed,
                                      R::superseded, R::cessation_of_operation,
                                      R::privilege_withdrawn});
    CHECK(p.signature_algorithms.size() == 9);
    CHECK(p.source == profile::default_profiles_dir() / "crl.yaml");
  }

  TEST_CASE("the loader is strict and says where") {
    CHECK(load_error(variant("description:", "colour: red\ndescription:")) ==
          ":7:1: unknown key \"colour\"");
    CHECK(load_error(variant("reasons:", "reason:")) == ":4:1: missing key \"reasons\"");
    CHECK(load_error(variant("kind: crl", "kind: certificate")) ==
          ":6:7: kind: is \"certificate\"; a CRL profile has kind: crl");
    CHECK(load_error(variant("  - keyCompromise", "  - unspecified")) ==
          ":18:5: reasons[0]: unspecified is never written: RFC 5280 5.3.1 omits the reasonCode "
          "instead");
    CHECK(load_error(variant("  - keyCompromise", "  - certificateHold")) ==
          ":18:5: reasons[0]: certificateHold is refused: keyrite does not suspend certificates "
          "(CPS 4.9.13)");
    CHECK(load_error(variant("  - keyCompromise", "  - removeFromCRL")) ==
          ":18:5: reasons[0]: removeFromCRL is refused: it belongs to delta CRLs, which keyrite "
          "does not make");
    CHECK(load_error(variant("  - keyCompromise", "  - keycompromise")) ==
          ":18:5: reasons[0]: \"keycompromise\" is not an RFC 5280 CRLReason name");
    CHECK(load_error(variant("  - cACompromise", "  - keyCompromise")) ==
          ":19:5: reasons[1]: keyCompromise is listed twice");
    CHECK(load_error(variant("  - sha256WithRSAEncryption", "  - sha1WithRSAEncryption")) ==
          ":27:5: signature-algorithms[0]: sha1WithRSAEncryption is forbidden: keyrite never signs "
          "with MD2, MD4, MD5 or SHA-1");
    CHECK(load_error(variant("{months: 12}", "{months: 0}")) ==
          ":12:8: interval.max: the period is empty; give years, months or days");
    CHECK(load_error(variant("{months: 12}", "{month: 12}")) ==
          ":12:9: interval.max: unknown key \"month\"");
    CHECK(load_error(variant("name: crl", "name: crl-2")) ==
          ":5:7: name: is \"crl-2\" but the file is crl.yaml");
    CHECK(load_error("keyrite-profile: 1\nname: crl\nkind: crl\ndescription: x\n"
                     "interval: {max: {days: 7}}\nreasons: []\n"
                     "signature-algorithms: [ecdsa-with-SHA256]\n") == "no error");
    CHECK_THROWS_WITH_AS(profile::load_crl_profile(profile::default_profiles_dir(), "../crl"),
                         "profile name \"../crl\" may only hold a-z, 0-9 and '-'", Error);
    // A certificate profile is not a CRL profile, and the other way round.
    CHECK_THROWS_AS(profile::load_crl_profile(profile::default_profiles_dir(), "root-ca"), Error);
  }

  TEST_CASE("a well-formed request passes") {
    CHECK(check(test::crl_template()).empty());
    CHECK(check(test::crl_template(), "ecdsa-with-SHA384").empty());
  }

  TEST_CASE("each violation names its field") {
    auto t = test::crl_template();
    t.next_update = at("2027-01-01T00:00:01Z");
    auto v = check(t);
    CHECK(fields(v) == Fields{"next-update e_crl_interval_exceeds_profile"});
    CHECK(v[0].message ==
          "next-update is 1 year and 1 second after this-update; the crl profile "
          "allows at most 12 months");

    t = test::crl_template();
    t.this_update = at("2024-12-31T23:59:59Z");
    t.next_update = at("2025-06-01T00:00:00Z");
    t.entries.clear();
    v = check(t);
    CHECK(fields(v) == Fields{"this-update e_crl_outside_issuer_validity"});
    CHECK(v[0].message ==
          "this-update 2024-12-31T23:59:59Z is before the issuer certificate's "
          "not-before 2025-01-01T00:00:00Z");

    t = test::crl_template();
    t.this_update = at("2044-06-01T00:00:00Z");
    t.next_update = at("2045-01-01T00:00:01Z");
    v = check(t);
    CHECK(fields(v) == Fields{"next-update e_crl_outside_issuer_validity"});
    CHECK(v[0].message ==
          "next-update 2045-01-01T00:00:01Z is after the issuer certificate's "
          "not-after 2045-01-01T00:00:00Z");

    t = test::crl_template();
    t.entries[2].reason = x509::CrlReason::aa_compromise;
    t.entries[1].reason = x509::CrlReason::unspecified;
    t.entries[0].revocation_date = at("2026-01-01T00:00:01Z");
    t.entries.push_back({{0x00, 0x05}, at("2025-01-02T00:00:00Z"), std::nullopt, std::nullopt});
    t.entries.push_back({{0x00}, at("2025-01-02T00:00:00Z"), std::nullopt, std::nullopt});
    v = check(t);
    CHECK(fields(v) == Fields{"revoked[0].revocation-date e_crl_entry_after_this_update",
                              "revoked[1].reason e_crl_reason_unspecified",
                              "revoked[2].reason e_crl_reason_not_allowed",
                              "revoked[4].serial e_crl_entry_serial_not_positive",
                              "revoked[3].serial e_crl_entry_duplicate"});
    CHECK(v[2].message ==
          "revoked[2]: reasonCode aACompromise is not allowed; the crl profile "
          "allows keyCompromise, cACompromise, affiliationChanged, superseded, "
          "cessationOfOperation or privilegeWithdrawn");
    CHECK(v[4].message == "revoked[3]: serial 05 is already listed at revoked[1]");
    CHECK(v[0].message ==
          "revoked[0]: revocation date 2026-01-01T00:00:01Z is after this-update "
          "2026-01-01T00:00:00Z");

    t = test::crl_template();
    t.crl_number.clear();
    CHECK(fields(check(t)) == Fields{"crl-number e_crl_number_missing"});
    t.crl_number = Bytes(20, 0x80);
    CHECK(fields(check(t)) == Fields{"crl-number e_crl_number_too_long"});
    CHECK(check(t)[0].message == "the CRL number is 21 octets; RFC 5280 5.2.3 allows at most 20");

    t = test::crl_template();
    CHECK(fields(check(t, "sha256WithRSAEncryption")) ==
          Fields{"signature-algorithm e_crl_sig_alg_key_mismatch"});
    CHECK(fields(check(t, "ecdsa-with-SHA1")) ==
          Fields{"signature-algorithm e_crl_sig_alg_forbidden"});
    CHECK(check(t, "ecdsa-with-SHA1")[0].message ==
          "ecdsa-with-SHA1 is forbidden: keyrite never signs with MD2, MD4, MD5 or SHA-1");
    CHECK(fields(check(t, "ecdsa-with-SHA224")) ==
          Fields{"signature-algorithm e_crl_sig_alg_not_in_profile"});

    auto no_crl_sign = test::make_cert({.cn = "Signing Only CA",
                                        .key = test::test_root().key,
                                        .extensions = {{NID_basic_constraints, "critical,CA:TRUE"},
                                                       {NID_key_usage, "critical,keyCertSign"},
                                                       {NID_subject_key_identifier, "hash"}}});
    CHECK(fields(check(test::crl_template(no_crl_sign.get()))) ==
          Fields{"issuer e_crl_issuer_not_crl_signer"});
    CHECK(fields(check(test::crl_template(nullptr))) == Fields{"issuer e_crl_issuer_missing"});
  }

  TEST_CASE("default signature algorithms follow the issuer's key") {
    const auto& p = test::crl_profile();
    CHECK(profile::default_crl_signature_algorithm(p, test::shared_key("P-256")) ==
          "ecdsa-with-SHA256");
    CHECK(profile::default_crl_signature_algorithm(p, test::shared_key("P-384")) ==
          "ecdsa-with-SHA384");
    CHECK(profile::default_crl_signature_algorithm(p, test::shared_key("rsa-2048")) ==
          "sha256WithRSAEncryption");
    auto pss_only = p;
    pss_only.signature_algorithms = {"rsassaPss-sha384", "ecdsa-with-SHA384"};
    CHECK(profile::default_crl_signature_algorithm(pss_only, test::shared_key("rsa-2048")) ==
          "rsassaPss-sha384");
    CHECK_FALSE(profile::default_crl_signature_algorithm(pss_only, test::shared_key("P-256")));
    CHECK_FALSE(profile::default_crl_signature_algorithm(p, nullptr));
  }
}
