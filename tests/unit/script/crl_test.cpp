// The sign-crl step body: times in order, revoked entries by serial or certificate, reasons.
#include "ca_fixture.h"

namespace kr::script::test {
namespace {

const std::string kCrl = "steps[6].sign-crl.";
const std::string kFirstEntry =
    "{serial: 1A2B3C, revocation-date: 2026-01-02T12:00:00Z, reason: superseded}";

}  // namespace

TEST_SUITE("script::parser sign-crl") {
  TEST_CASE("next-update after this-update") {
    CaCeremony ca;
    CHECK(ca.error(
              ca_with("next-update: 2026-04-03T00:00:00Z", "next-update: 2026-01-03T00:00:00Z")) ==
          ca.at(57, 20, kCrl + "next-update", "must be after this-update (2026-01-03T00:00:00Z)"));
  }

  TEST_CASE("the state file is required") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("      state: records/root-ca-1.crl-number\n", "")) ==
          ca.at(55, 7, kCrl + "state", "required field is missing"));
  }

  TEST_CASE("profile defaults to crl; revoked may be empty or absent; der is allowed") {
    CaCeremony ca;
    const std::string revoked =
        "      revoked:\n"
        "        - " +
        kFirstEntry +
        "\n"
        "        - certificate: sub-ca-2.der\n"
        "          revocation-date: 2026-01-02T12:00:00Z\n"
        "          reason: keyCompromise\n"
        "          invalidity-date: 2026-01-01T00:00:00Z\n";
    const Script empty = ca.parse(ca_with(revoked, "      revoked: []\n"));
    CHECK(std::get<SignCrl>(empty.steps[6].body).revoked.empty());
    const Script absent = ca.parse(ca_with(revoked,
                                           "      profile: crl-quarterly\n"
                                           "      format: der\n"));
    const auto& crl = std::get<SignCrl>(absent.steps[6].body);
    CHECK(crl.revoked.empty());
    CHECK(crl.profile == "crl-quarterly");
    CHECK(crl.format == OutputFormat::der);
    CHECK_FALSE(std::get<SignCrl>(
                    ca.parse(ca_with("      previous-crl: inputs/root-ca-1-previous.crl\n", ""))
                        .steps[6]
                        .body)
                    .previous_crl.has_value());
  }

  TEST_CASE("an entry names its certificate by serial or by file, exactly one") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("{serial: 1A2B3C, revocation-date", "{revocation-date")) ==
          ca.at(61, 11, kCrl + "revoked[0]", "give serial or certificate"));
    CHECK(ca.error(ca_with("        - certificate: sub-ca-2.der\n",
                           "        - serial: 0F\n"
                           "          certificate: sub-ca-2.der\n")) ==
          ca.at(63, 24, kCrl + "revoked[1].certificate", "give serial or certificate, not both"));
  }

  TEST_CASE("serials are 1 to 40 hex digits") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("serial: 1A2B3C", "serial: 0x1A2B3C")) ==
          ca.at(61, 20, kCrl + "revoked[0].serial",
                "must be 1 to 40 hex digits, found \"0x1A2B3C\""));
    CHECK(ca.error(ca_with("serial: 1A2B3C", "serial: \"1A:2B:3C\"")) ==
          ca.at(61, 20, kCrl + "revoked[0].serial",
                "must be 1 to 40 hex digits, found \"1A:2B:3C\"; write it without ':', as 1A2B3C"));
    const std::string digits41(41, 'f');
    CHECK(ca.error(ca_with("serial: 1A2B3C", "serial: " + digits41)) ==
          ca.at(61, 20, kCrl + "revoked[0].serial",
                "must be 1 to 40 hex digits, found \"" + digits41 + "\""));
    const std::string digits40(40, 'F');
    const Script s = ca.parse(ca_with("serial: 1A2B3C", "serial: " + digits40));
    CHECK(std::get<SignCrl>(s.steps[6].body).revoked[0].serial == digits40);
  }

  TEST_CASE("the same certificate twice") {
    CaCeremony ca;
    CHECK(
        ca.error(
            ca_with("        - certificate: sub-ca-2.der\n", "        - serial: 001a2b3c\n")) ==
        ca.at(62, 19, kCrl + "revoked[1].serial", "\"001a2b3c\" is already listed at revoked[0]"));
    CHECK(ca.error(ca_with("      output: root-ca-1.crl\n",
                           "        - {certificate: ./sub-ca-2.der, revocation-date: "
                           "2026-01-02T12:00:00Z}\n"
                           "      output: root-ca-1.crl\n")) ==
          ca.at(66, 25, kCrl + "revoked[2].certificate",
                "\"./sub-ca-2.der\" is already listed at revoked[1]"));
  }

  TEST_CASE("reasons are RFC 5280's, without unspecified") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("reason: superseded}", "reason: unspecified}")) ==
          ca.at(61, 75, kCrl + "revoked[0].reason",
                "\"unspecified\" is not used (RFC 5280 5.3.1); leave reason out instead"));
    CHECK(ca.error(ca_with("reason: superseded}", "reason: superseeded}")) ==
          ca.at(61, 75, kCrl + "revoked[0].reason",
                "\"superseeded\" is not a revocation reason; did you mean superseded?"));
    CHECK(ca.error(ca_with("reason: superseded}", "reason: removeFromCRL}")) ==
          ca.at(61, 75, kCrl + "revoked[0].reason",
                "\"removeFromCRL\" is not a revocation reason; use one of keyCompromise, "
                "cACompromise, affiliationChanged, superseded, cessationOfOperation, "
                "privilegeWithdrawn"));
    const Script s = ca.parse(ca_with("reason: superseded}", "reason: cessationOfOperation}"));
    CHECK(std::get<SignCrl>(s.steps[6].body).revoked[0].reason ==
          RevocationReason::cessation_of_operation);
  }

  TEST_CASE("dates: revocation not after this-update, invalidity not after revocation") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("{serial: 1A2B3C, revocation-date: 2026-01-02T12:00:00Z",
                           "{serial: 1A2B3C, revocation-date: 2027-01-02T12:00:00Z")) ==
          ca.at(61, 45, kCrl + "revoked[0].revocation-date",
                "must not be after this-update (2026-01-03T00:00:00Z)"));
    CHECK(ca.error(ca_with("invalidity-date: 2026-01-01T00:00:00Z",
                           "invalidity-date: 2026-01-02T12:00:01Z")) ==
          ca.at(65, 28, kCrl + "revoked[1].invalidity-date",
                "must not be after revocation-date (2026-01-02T12:00:00Z)"));
    CHECK(
        ca.error(ca_with("invalidity-date: 2026-01-01T00:00:00Z", "invalidity-date: 2026-01-01")) ==
        ca.at(65, 28, kCrl + "revoked[1].invalidity-date",
              "not a UTC time; write it as 2026-01-01T00:00:00Z"));
  }

  TEST_CASE("an unknown field in an entry") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("reason: superseded}", "reason: superseded, hold: true}")) ==
          ca.at(61, 87, kCrl + "revoked[0].hold",
                "unknown key \"hold\"; allowed keys: serial, certificate, revocation-date, reason, "
                "invalidity-date"));
  }
}

}  // namespace kr::script::test
