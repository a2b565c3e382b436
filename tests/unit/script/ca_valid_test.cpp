// The CA script read into the model: every new kind's values, defaults, positions and resolved
// input files.
#include "ca_fixture.h"

namespace kr::script::test {
namespace {

void check_at(const config::Position& p, const CaCeremony& ca, int line, int column,
              const std::string& path) {
  CHECK(p.file == ca.file());
  CHECK(p.line == line);
  CHECK(p.column == column);
  CHECK(p.path == path);
}

bool has_field(const Step& step, const std::string& name) {
  for (const auto& [field_name, position] : step.field_positions)
    if (field_name == name) return true;
  return false;
}

}  // namespace

TEST_SUITE("script::parser CA steps") {
  TEST_CASE("the CA script parses; its kinds are named") {
    CaCeremony ca;
    const Script s = ca.parse(kCaScript);
    REQUIRE(s.steps.size() == 9);
    const std::vector<std::string> kinds = {
        "generate-key", "self-sign",          "issue",
        "issue",        "cross-sign",         "make-csr",
        "sign-crl",     "sign-ocsp-response", "sign-ocsp-response"};
    for (std::size_t i = 0; i < kinds.size(); ++i) CHECK(step_kind(s.steps[i].body) == kinds[i]);
    // The delegated OCSP signer's key is not generated here: the executor looks for it.
    REQUIRE(s.external_keys.size() == 1);
    CHECK(s.external_keys[0].label == "ocsp-signer");
    check_at(s.external_keys[0].position, ca, 78, 21, "steps[8].sign-ocsp-response.signer.key");
  }

  TEST_CASE("issue from a CSR") {
    CaCeremony ca;
    const Script s = ca.parse(kCaScript);
    const Step& step = s.steps[2];
    const auto& i = std::get<Issue>(step.body);
    CHECK(i.issuer.key == "root-ca-1");
    check_at(i.issuer.position, ca, 17, 15, "steps[2].issue.issuer");
    CHECK(i.issuer.certificate.path == "root-ca-1.crt");
    CHECK(i.issuer.certificate.from_earlier_step);
    CHECK(i.issuer.certificate.resolved == ca.out() / "root-ca-1.crt");
    check_at(i.issuer.certificate.position, ca, 17, 45, "steps[2].issue.issuer.certificate");
    CHECK(i.profile == "subordinate-ca");
    REQUIRE(i.csr.has_value());
    CHECK_FALSE(i.public_key.has_value());
    CHECK(i.csr->path == "inputs/sub-ca-1.csr");
    CHECK_FALSE(i.csr->from_earlier_step);
    CHECK(i.csr->resolved == ca.dir() / "inputs/sub-ca-1.csr");
    check_at(i.csr->position, ca, 19, 12, "steps[2].issue.csr");
    CHECK(i.subject.empty());  // the CSR's
    CHECK(format_utc(i.validity.not_after) == "2036-01-02T00:00:00Z");
    CHECK(i.signature_algorithm == "sha384WithRSAEncryption");
    CHECK(i.extensions.path_length == 0);
    CHECK(i.extensions.ca_issuers ==
          std::vector<std::string>{"http://crt.example.com/root-ca-1.crt"});
    CHECK(i.extensions.ocsp == std::vector<std::string>{"http://ocsp.example.com"});
    CHECK(i.extensions.crl_distribution_points ==
          std::vector<std::string>{"http://crl.example.com/root-ca-1.crl"});
    CHECK(i.extensions.policies ==
          std::vector<std::string>{"2.23.140.1.2.1", "1.3.6.1.4.1.99999.1"});
    CHECK(i.extensions.dns_names.empty());
    CHECK(i.output == "sub-ca-1.crt");
    CHECK(i.format == OutputFormat::pem);
    for (const char* name :
         {"issuer", "issuer.key", "issuer.certificate", "profile", "csr", "validity",
          "validity.not-before", "validity.not-after", "signature-algorithm", "extensions",
          "extensions.path-length", "extensions.ca-issuers", "extensions.ca-issuers[0]",
          "extensions.ocsp", "extensions.crl-distribution-points", "extensions.policies",
          "extensions.policies[1]", "output"}) {
      CAPTURE(name);
      CHECK(has_field(step, name));
    }
    check_at(step.position_of("extensions.policies[1]"), ca, 27, 36,
             "steps[2].issue.extensions.policies[1]");
    check_at(step.position_of("extensions.path-length"), ca, 23, 22,
             "steps[2].issue.extensions.path-length");
  }

  TEST_CASE("issue for a bare public key, with name extensions") {
    CaCeremony ca;
    const Script s = ca.parse(kCaScript);
    const auto& i = std::get<Issue>(s.steps[3].body);
    CHECK_FALSE(i.csr.has_value());
    REQUIRE(i.public_key.has_value());
    CHECK(i.public_key->resolved == ca.dir() / "inputs/sub-ca-2.pub.pem");
    const DistinguishedName subject = {
        {"C", "US"}, {"O", "Example Trust Services"}, {"CN", "Example Issuing CA 2"}};
    CHECK(i.subject == subject);
    CHECK_FALSE(i.extensions.path_length.has_value());
    CHECK(i.extensions.dns_names == std::vector<std::string>{"ca2.example.com", "*.example.net"});
    CHECK(i.extensions.ip_addresses == std::vector<std::string>{"192.0.2.1", "2001:db8::1"});
    CHECK(i.extensions.emails == std::vector<std::string>{"pki@example.com"});
    CHECK(i.signature_algorithm.empty());
    CHECK(i.format == OutputFormat::der);
    check_at(s.steps[3].position_of("public-key"), ca, 33, 19, "steps[3].issue.public-key");
  }

  TEST_CASE("cross-sign and its default profile") {
    CaCeremony ca;
    const Script s = ca.parse(kCaScript);
    const auto& c = std::get<CrossSign>(s.steps[4].body);
    CHECK(c.issuer.key == "root-ca-1");
    CHECK(c.certificate.path == "inputs/old-root.crt");
    CHECK(c.certificate.resolved == ca.dir() / "inputs/old-root.crt");
    CHECK_FALSE(c.certificate.from_earlier_step);
    check_at(c.certificate.position, ca, 45, 20, "steps[4].cross-sign.certificate");
    CHECK(c.profile == "cross-ca");
    CHECK(format_utc(c.validity.not_before) == "2026-01-02T00:00:00Z");
    CHECK(c.output == "old-root-cross.crt");
    CHECK(c.format == OutputFormat::pem);
    CHECK(std::get<CrossSign>(ca.parse(ca_with("      certificate: inputs/old-root.crt\n",
                                               "      certificate: inputs/old-root.crt\n"
                                               "      profile: bridge-ca\n"))
                                  .steps[4]
                                  .body)
              .profile == "bridge-ca");
  }

  TEST_CASE("make-csr") {
    CaCeremony ca;
    const Script s = ca.parse(kCaScript);
    const auto& m = std::get<MakeCsr>(s.steps[5].body);
    CHECK(m.key == "root-ca-1");
    CHECK(m.subject.back() == std::pair<std::string, std::string>{"CN", "Example Root CA 1"});
    CHECK(m.signature_algorithm.empty());
    CHECK(m.output == "root-ca-1.csr");
    check_at(s.steps[5].position_of("subject.CN"), ca, 51, 55, "steps[5].make-csr.subject.CN");
  }

  TEST_CASE("sign-crl with revoked entries by serial and by certificate") {
    CaCeremony ca;
    const Script s = ca.parse(kCaScript);
    const Step& step = s.steps[6];
    const auto& c = std::get<SignCrl>(step.body);
    CHECK(c.issuer.certificate.from_earlier_step);
    CHECK(c.profile == "crl");
    CHECK(format_utc(c.this_update) == "2026-01-03T00:00:00Z");
    CHECK(format_utc(c.next_update) == "2026-04-03T00:00:00Z");
    CHECK(c.state.path == "records/root-ca-1.crl-number");
    CHECK(c.state.resolved == ca.dir() / "records/root-ca-1.crl-number");
    CHECK_FALSE(c.state.from_earlier_step);
    check_at(c.state.position, ca, 58, 14, "steps[6].sign-crl.state");
    REQUIRE(c.previous_crl.has_value());
    CHECK(c.previous_crl->resolved == ca.dir() / "inputs/root-ca-1-previous.crl");
    REQUIRE(c.revoked.size() == 2);
    CHECK(c.revoked[0].serial == "1A2B3C");
    CHECK_FALSE(c.revoked[0].certificate.has_value());
    CHECK(format_utc(c.revoked[0].revocation_date) == "2026-01-02T12:00:00Z");
    CHECK(c.revoked[0].reason == RevocationReason::superseded);
    CHECK_FALSE(c.revoked[0].invalidity_date.has_value());
    check_at(c.revoked[0].position, ca, 61, 11, "steps[6].sign-crl.revoked[0]");
    CHECK(c.revoked[1].serial.empty());
    REQUIRE(c.revoked[1].certificate.has_value());
    CHECK(c.revoked[1].certificate->from_earlier_step);
    CHECK(c.revoked[1].certificate->resolved == ca.out() / "sub-ca-2.der");
    CHECK(c.revoked[1].reason == RevocationReason::key_compromise);
    REQUIRE(c.revoked[1].invalidity_date.has_value());
    CHECK(format_utc(*c.revoked[1].invalidity_date) == "2026-01-01T00:00:00Z");
    CHECK(c.output == "root-ca-1.crl");
    CHECK(c.format == OutputFormat::pem);
    for (const char* name :
         {"issuer.key", "this-update", "next-update", "state", "previous-crl", "revoked",
          "revoked[0]", "revoked[0].serial", "revoked[0].reason", "revoked[1].certificate",
          "revoked[1].revocation-date", "revoked[1].invalidity-date", "output"}) {
      CAPTURE(name);
      CHECK(has_field(step, name));
    }
    check_at(step.position_of("revoked[1].invalidity-date"), ca, 65, 28,
             "steps[6].sign-crl.revoked[1].invalidity-date");
  }

  TEST_CASE("sign-ocsp-response, by the CA and by a delegated responder") {
    CaCeremony ca;
    const Script s = ca.parse(kCaScript);
    const auto& good = std::get<SignOcspResponse>(s.steps[7].body);
    CHECK_FALSE(good.signer.has_value());
    CHECK(good.certificate.resolved == ca.out() / "sub-ca-1.crt");
    CHECK(good.status == CertificateStatus::good);
    CHECK_FALSE(good.revocation_time.has_value());
    CHECK_FALSE(good.reason.has_value());
    CHECK(format_utc(good.next_update) == "2026-01-10T00:00:00Z");
    CHECK(good.format == OutputFormat::der);

    const Step& step = s.steps[8];
    const auto& revoked = std::get<SignOcspResponse>(step.body);
    REQUIRE(revoked.signer.has_value());
    CHECK(revoked.signer->key == "ocsp-signer");
    CHECK(revoked.signer->certificate.resolved == ca.dir() / "inputs/ocsp-signer.crt");
    check_at(revoked.signer->position, ca, 78, 15, "steps[8].sign-ocsp-response.signer");
    CHECK(revoked.status == CertificateStatus::revoked);
    REQUIRE(revoked.revocation_time.has_value());
    CHECK(format_utc(*revoked.revocation_time) == "2026-01-02T12:00:00Z");
    CHECK(revoked.reason == RevocationReason::key_compromise);
    for (const char* name :
         {"issuer", "signer", "signer.key", "signer.certificate", "certificate", "status",
          "revocation-time", "reason", "this-update", "next-update", "output"}) {
      CAPTURE(name);
      CHECK(has_field(step, name));
    }
    check_at(step.position_of("revocation-time"), ca, 81, 24,
             "steps[8].sign-ocsp-response.revocation-time");
  }

  TEST_CASE("revocation reasons have their RFC 5280 names") {
    CHECK(std::string(revocation_reason_name(RevocationReason::key_compromise)) == "keyCompromise");
    CHECK(std::string(revocation_reason_name(RevocationReason::ca_compromise)) == "cACompromise");
    CHECK(std::string(revocation_reason_name(RevocationReason::privilege_withdrawn)) ==
          "privilegeWithdrawn");
    CHECK(static_cast<int>(RevocationReason::privilege_withdrawn) == 9);
  }
}

}  // namespace kr::script::test
