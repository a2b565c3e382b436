// The rehearsal in-process, with no token at all: software keys, findings at script positions,
// artifacts kept when asked for (kr-testpki rehearse), steps it cannot know listed.
#include "ceremony/rehearsal.h"

#include <doctest/doctest.h>
#include <openssl/x509.h>

#include "ceremony/executor.h"
#include "ossl/der.h"
#include "script/parser.h"
#include "support/temp_dir.h"
#include "util/atomic_file.h"

using namespace kr;

namespace {

// A root and a subordinate issued under it in the same script; `extra` goes into the
// subordinate's extensions.
std::string hierarchy(const std::string& extra, const std::string& sub_not_before) {
  return "keyrite: 1\n"
         "ceremony: {id: reh, test: true}\n"
         "token: {module: softhsm2, label: nowhere}\n"
         "roles: {administrator: Alex, internal-auditor: Ivy}\n"
         "steps:\n"
         "  - id: root-key\n"
         "    generate-key: {label: root, type: ec, curve: P-384}\n"
         "  - id: root-cert\n"
         "    self-sign:\n"
         "      key: root\n"
         "      profile: root-ca\n"
         "      subject: {C: US, O: Example, CN: Rehearsal Root}\n"
         "      validity: {not-before: 2020-01-01T00:00:00Z, not-after: 2040-01-01T00:00:00Z}\n"
         "      output: root.crt\n"
         "  - id: sub-key\n"
         "    generate-key: {label: sub, type: ec, curve: P-256}\n"
         "  - id: sub-pub\n"
         "    export-public-key: {key: sub, output: sub.pub.pem}\n"
         "  - id: sub\n"
         "    issue:\n"
         "      issuer: {key: root, certificate: root.crt}\n"
         "      profile: subordinate-ca\n"
         "      public-key: sub.pub.pem\n"
         "      subject: {C: US, O: Example, CN: Rehearsal Sub}\n"
         "      validity: {not-before: " +
         sub_not_before +
         ", not-after: 2029-01-01T00:00:00Z}\n"
         "      extensions:\n"
         "        ca-issuers: [http://crt.example.com/root.crt]\n"
         "        ocsp: [http://ocsp.example.com]\n"
         "        crl-distribution-points: [http://crl.example.com/root.crl]\n"
         "        policies: [2.23.140.1.2.1]\n" +
         extra + "      output: sub.crt\n";
}

ceremony::RunOptions options_for(const test::TempDir& out, const script::Script& s) {
  ceremony::RunOptions o;
  o.output_dir = out.path();
  return ceremony::resolve(s, o);
}

}  // namespace

TEST_SUITE("ceremony::rehearsal") {
  TEST_CASE("a path length the profile forbids is found before any key exists") {
    test::TempDir out;
    auto s = script::parse_script_text(
        hierarchy("        path-length: 5\n", "2021-01-01T00:00:00Z"), "reh.yaml", {out.path()});
    try {
      ceremony::rehearse(s, options_for(out, s));
      FAIL("path-length 5 under subordinate-ca (max 2) passed the rehearsal");
    } catch (const ceremony::CheckFailed& e) {
      REQUIRE(e.findings().size() == 1);
      const auto text = ceremony::format_finding(e.findings()[0]);
      CHECK(text.rfind("reh.yaml:31:22: steps[4].issue.extensions.path-length: ", 0) == 0);
    }
    CHECK(std::filesystem::is_empty(out.path()));
  }

  TEST_CASE("a subordinate that starts before its root is found at its not-before") {
    test::TempDir out;
    auto s =
        script::parse_script_text(hierarchy("", "2019-06-01T00:00:00Z"), "reh.yaml", {out.path()});
    try {
      ceremony::check_script(s, options_for(out, s));
      FAIL("a subordinate starting before its root passed check_script");
    } catch (const ceremony::CheckFailed& e) {
      REQUIRE(!e.findings().empty());
      CHECK(ceremony::format_finding(e.findings()[0])
                .rfind("reh.yaml:25:30: steps[4].issue.validity.not-before: ", 0) == 0);
    }
  }

  TEST_CASE("kept artifacts verify under the rehearsal's own keys") {
    test::TempDir out, kept;
    auto s =
        script::parse_script_text(hierarchy("", "2021-01-01T00:00:00Z"), "reh.yaml", {out.path()});
    ceremony::RehearsalOptions r;
    r.out_dir = kept.path() / "artifacts";
    auto report = ceremony::rehearse(s, options_for(out, s), r);
    CHECK(report.steps.size() == 5);
    for (const auto& step : report.steps) CHECK_MESSAGE(step.rehearsed, step.id);
    auto root = ossl::read_certificate(read_file(r.out_dir / "root.crt"), "root.crt");
    auto sub = ossl::read_certificate(read_file(r.out_dir / "sub.crt"), "sub.crt");
    CHECK(X509_verify(root.get(), X509_get0_pubkey(root.get())) == 1);
    CHECK(X509_verify(sub.get(), X509_get0_pubkey(root.get())) == 1);
    CHECK(std::filesystem::exists(report.transcript));
    CHECK(std::filesystem::is_empty(out.path()));  // the real output directory is untouched
    // A second rehearsal into the same directory is refused: nothing is overwritten.
    CHECK_THROWS_WITH(
        ceremony::rehearse(s, options_for(out, s), r),
        (r.out_dir.string() + ": not empty; a rehearsal writes into an empty directory").c_str());
  }

  TEST_CASE("a key already on the token with no certificate on disk is left to the run") {
    test::TempDir out;
    auto s = script::parse_script_text(
        "keyrite: 1\n"
        "ceremony: {id: reh, test: true}\n"
        "token: {module: softhsm2, label: nowhere}\n"
        "roles: {administrator: Alex, internal-auditor: Ivy}\n"
        "steps:\n"
        "  - id: csr\n"
        "    make-csr: {key: existing, subject: {CN: X}, output: x.csr}\n",
        "reh.yaml", {out.path()});
    auto report = ceremony::rehearse(s, options_for(out, s));
    REQUIRE(report.steps.size() == 1);
    CHECK_FALSE(report.steps[0].rehearsed);
    CHECK(report.steps[0].note ==
          "key \"existing\" is on the token, and no input file shows its public key");
  }
}
