// Input files: an earlier step's output of the right kind, or an existing file next to the
// script; and sign-crl's state file.
#include <fstream>

#include "ca_fixture.h"

namespace kr::script::test {

TEST_SUITE("script::parser inputs") {
  TEST_CASE("an input that does not exist names where it was looked for") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("csr: inputs/sub-ca-1.csr", "csr: inputs/sub.csr")) ==
          ca.at(19, 12, "steps[2].issue.csr",
                "\"inputs/sub.csr\" does not exist (resolved to " + ca.input("inputs/sub.csr") +
                    ")"));
  }

  TEST_CASE("an input that is a directory") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("csr: inputs/sub-ca-1.csr", "csr: inputs/")) ==
          ca.at(19, 12, "steps[2].issue.csr",
                "\"inputs/\" is not a file (resolved to " + ca.input("inputs/") + ")"));
  }

  TEST_CASE("inputs are relative to the script's directory, not the current one") {
    CaCeremony ca;
    const auto all = errors(kCaScript);  // parsed as "roots.yaml" in the current directory
    const auto cwd = std::filesystem::current_path();
    // Five inputs, and the state file's directory.
    REQUIRE(all.size() == 6);
    CHECK(all[0] ==
          "roots.yaml:19:12: steps[2].issue.csr: \"inputs/sub-ca-1.csr\" does not "
          "exist (resolved to " +
              (cwd / "inputs/sub-ca-1.csr").string() + ")");
  }

  TEST_CASE("absolute input paths, and paths that normalise to a file") {
    CaCeremony ca;
    const Script s =
        ca.parse(with("csr: inputs/sub-ca-1.csr", "csr: " + ca.input("inputs/sub-ca-1.csr"),
                      ca_with("certificate: inputs/old-root.crt",
                              "certificate: ./inputs/../inputs/old-root.crt")));
    const auto& issue = std::get<Issue>(s.steps[2].body);
    CHECK(issue.csr->path == ca.input("inputs/sub-ca-1.csr"));
    CHECK(issue.csr->resolved == ca.dir() / "inputs/sub-ca-1.csr");
    const auto& cross = std::get<CrossSign>(s.steps[4].body);
    CHECK(cross.certificate.path == "./inputs/../inputs/old-root.crt");
    CHECK(cross.certificate.resolved == ca.dir() / "inputs/old-root.crt");
  }

  TEST_CASE("an earlier output is named by its path after normalisation") {
    CaCeremony ca;
    const Script s = ca.parse(
        ca_with("      certificate: sub-ca-1.crt\n", "      certificate: ./x/../sub-ca-1.crt\n"));
    const auto& ocsp = std::get<SignOcspResponse>(s.steps[7].body);
    CHECK(ocsp.certificate.from_earlier_step);
    CHECK(ocsp.certificate.path == "./x/../sub-ca-1.crt");
    CHECK(ocsp.certificate.resolved == ca.out() / "sub-ca-1.crt");
  }

  TEST_CASE("an earlier output is also found by where it resolves to") {
    CaCeremony ca;
    const auto out = ca.dir() / "out";
    const Script s = parse_script_text(
        ca_with("      certificate: sub-ca-1.crt\n", "      certificate: out/sub-ca-1.crt\n"),
        ca.file(), {out});
    const auto& ocsp = std::get<SignOcspResponse>(s.steps[7].body);
    CHECK(ocsp.certificate.from_earlier_step);
    CHECK(ocsp.certificate.resolved == out / "sub-ca-1.crt");
  }

  TEST_CASE("an output written by a later step") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("csr: inputs/sub-ca-1.csr", "csr: root-ca-1.csr")) ==
          ca.at(19, 12, "steps[2].issue.csr",
                "\"root-ca-1.csr\" is written later, by steps[5] (csr-1); move this step after "
                "it"));
  }

  TEST_CASE("a step's own output") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("previous-crl: inputs/root-ca-1-previous.crl",
                           "previous-crl: root-ca-1.crl")) ==
          ca.at(59, 21, "steps[6].sign-crl.previous-crl",
                "\"root-ca-1.crl\" is this step's own output"));
  }

  TEST_CASE("an earlier output of the wrong kind") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("csr: inputs/sub-ca-1.csr", "csr: root-ca-1.crt")) ==
          ca.at(19, 12, "steps[2].issue.csr",
                "\"root-ca-1.crt\" is a certificate (written by steps[1] (cert-1)), not a CSR"));
    CHECK(ca.error(
              ca_with("      certificate: sub-ca-1.crt\n", "      certificate: root-ca-1.csr\n")) ==
          ca.at(70, 20, "steps[7].sign-ocsp-response.certificate",
                "\"root-ca-1.csr\" is a CSR (written by steps[5] (csr-1)), not a certificate"));
  }

  TEST_CASE("an issuer certificate self-signed by another key") {
    CaCeremony ca;
    const std::string issuer =
        "      issuer: {key: root-ca-1, certificate: root-ca-1.crt}\n"
        "      profile: subordinate-ca\n      csr:";
    CHECK(ca.error(ca_with(issuer,
                           "      issuer: {key: other-root, certificate: root-ca-1.crt}\n"
                           "      profile: subordinate-ca\n      csr:")) ==
          ca.at(17, 46, "steps[2].issue.issuer.certificate",
                "\"root-ca-1.crt\" is the certificate of \"root-ca-1\" (written by steps[1] "
                "(cert-1)), not of \"other-root\""));
  }

  TEST_CASE("the state file may not exist yet, but its directory must") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("state: records/", "state: missing/")) ==
          ca.at(58, 14, "steps[6].sign-crl.state",
                "\"missing/root-ca-1.crl-number\" is in a directory that does not exist "
                "(resolved to " +
                    ca.input("missing/root-ca-1.crl-number") + ")"));
    std::ofstream(ca.dir() / "records/root-ca-1.crl-number") << "1\n";
    CHECK(ca.parse(kCaScript).steps.size() == 9);
    const auto absolute = ca.input("records/root-ca-1.crl-number");
    const Script s = ca.parse(ca_with("state: records/root-ca-1.crl-number", "state: " + absolute));
    CHECK(std::get<SignCrl>(s.steps[6].body).state.resolved == absolute);
  }

  TEST_CASE("the state file is a file") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("state: records/root-ca-1.crl-number", "state: records")) ==
          ca.at(58, 14, "steps[6].sign-crl.state",
                "\"records\" is not a file (resolved to " + ca.input("records") + ")"));
  }

  TEST_CASE("the state file is never a step's output") {
    CaCeremony ca;
    // With the outputs next to the script, the state file and the CRL would be one file.
    const auto text = ca_with("state: records/root-ca-1.crl-number", "state: root-ca-1.crl");
    try {
      parse_script_text(text, ca.file(), {ca.dir()});
      FAIL("parsed");
    } catch (const config::ConfigError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].text() ==
            ca.at(58, 14, "steps[6].sign-crl.state",
                  "\"root-ca-1.crl\" is the output of steps[6] (crl-1); the CRL-number state "
                  "file is appended to, never written as an output"));
    }
  }

  TEST_CASE("an empty input path") {
    CaCeremony ca;
    CHECK(ca.error(ca_with("csr: inputs/sub-ca-1.csr", "csr: \"\"")) ==
          ca.at(19, 12, "steps[2].issue.csr", "must not be empty"));
  }
}

}  // namespace kr::script::test
