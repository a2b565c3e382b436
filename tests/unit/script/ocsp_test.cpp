// The sign-ocsp-response step body: status and its revocation details, times, DER only.
#include "ca_fixture.h"

namespace kr::script::test {
namespace {

const std::string kGood = "steps[7].sign-ocsp-response.";
const std::string kRevoked = "steps[8].sign-ocsp-response.";

}  // namespace

TEST_SUITE("script::parser sign-ocsp-response") {
  TEST_CASE("status is good or revoked") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("status: good", "status: unknown")) ==
          ca.at(71, 15, kGood + "status", "\"unknown\" is not a status; use good or revoked"));
  }

  TEST_CASE("a good certificate has no revocation time or reason") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("status: good\n",
                           "status: good\n"
                           "      revocation-time: 2026-01-02T12:00:00Z\n")) ==
          ca.at(72, 24, kGood + "revocation-time",
                "only a revoked certificate has a revocation time; remove it or use status: "
                "revoked"));
    CHECK(ca.error(ca_with("status: good\n", "status: good\n      reason: superseded\n")) ==
          ca.at(72, 15, kGood + "reason",
                "only a revoked certificate has a reason; remove it or use status: revoked"));
  }

  TEST_CASE("a revoked certificate needs its revocation time, not after this-update") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("      revocation-time: 2026-01-02T12:00:00Z\n", "")) ==
          ca.at(77, 7, kRevoked + "revocation-time", "required when status is revoked"));
    CHECK(ca.error(ca_with("revocation-time: 2026-01-02T12:00:00Z",
                           "revocation-time: 2026-01-04T00:00:00Z")) ==
          ca.at(81, 24, kRevoked + "revocation-time",
                "must not be after this-update (2026-01-03T00:00:00Z)"));
    // The reason is optional.
    const Script s =
        ca.parse(ca_with("      reason: keyCompromise\n      this-update", "      this-update"));
    CHECK_FALSE(std::get<SignOcspResponse>(s.steps[8].body).reason.has_value());
  }

  TEST_CASE("reasons as on a CRL") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("      reason: keyCompromise\n      this-update",
                           "      reason: unspecified\n      this-update")) ==
          ca.at(82, 15, kRevoked + "reason",
                "\"unspecified\" is not used (RFC 5280 5.3.1); leave reason out instead"));
  }

  TEST_CASE("next-update after this-update") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("next-update: 2026-01-10T00:00:00Z\n      output: sub-ca-1.ocsp",
                           "next-update: 2026-01-03T00:00:00Z\n      output: sub-ca-1.ocsp")) ==
          ca.at(73, 20, kGood + "next-update", "must be after this-update (2026-01-03T00:00:00Z)"));
  }

  TEST_CASE("OCSP responses are DER") {
    CaCeremony ca;
    CHECK(ca.error(
              ca_with("output: sub-ca-1.ocsp\n", "output: sub-ca-1.ocsp\n      format: pem\n")) ==
          ca.at(75, 15, kGood + "format", "OCSP responses are DER; write der or leave format out"));
    CHECK(ca.error(
              ca_with("output: sub-ca-1.ocsp\n", "output: sub-ca-1.ocsp\n      format: txt\n")) ==
          ca.at(75, 15, kGood + "format", "\"txt\" is not a format; OCSP responses are DER"));
    const Script s =
        ca.parse(ca_with("output: sub-ca-1.ocsp\n", "output: sub-ca-1.ocsp\n      format: der\n"));
    CHECK(std::get<SignOcspResponse>(s.steps[7].body).format == OutputFormat::der);
  }

  TEST_CASE("a delegated signer needs its certificate") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("signer: {key: ocsp-signer, certificate: inputs/ocsp-signer.crt}",
                           "signer: {key: ocsp-signer}")) ==
          ca.at(78, 15, kRevoked + "signer.certificate", "required field is missing"));
  }

  TEST_CASE("a delegated signer's key generated in the script is checked like any other") {
    CaCeremony ca;
    const std::string responder =
        "  - id: key-ocsp\n"
        "    generate-key: {label: ocsp-signer, type: ec, curve: P-256}\n";
    const Script s = ca.parse(ca_with("  - id: cert-1\n", responder + "  - id: cert-1\n"));
    CHECK(s.external_keys.empty());
    CHECK(ca.errors(kCaScript + responder).front() ==
          ca.at(78, 21, "steps[8].sign-ocsp-response.signer.key",
                "\"ocsp-signer\" is generated later, by steps[9] (key-ocsp); move this step "
                "after it"));
  }
}

}  // namespace kr::script::test
