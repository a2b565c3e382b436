// Shared by the tests of the step kinds that read files (issue, cross-sign, make-csr, sign-crl,
// sign-ocsp-response): a valid script that uses all of them, and a ceremony directory holding the
// script's input files, so that inputs resolve as they would on the ceremony laptop.
#pragma once

#include <fstream>

#include "script_fixture.h"

namespace kr::script::test {

// Line numbers matter: tests name them in the messages they expect.
inline const std::string kCaScript = R"(keyrite: 1
ceremony: {id: ca-2026, description: Issuing CAs and their status, test: true}
token: {module: softhsm2, label: root-hsm}
roles: {administrator: Alex, internal-auditor: Ivy}
steps:
  - id: key-1
    generate-key: {label: root-ca-1, type: rsa, bits: 4096}
  - id: cert-1
    self-sign:
      key: root-ca-1
      profile: root-ca
      subject: {C: US, O: Example Trust Services, CN: Example Root CA 1}
      validity: {not-before: 2026-01-01T00:00:00Z, not-after: 2046-01-01T00:00:00Z}
      output: root-ca-1.crt
  - id: sub-1
    issue:
      issuer: {key: root-ca-1, certificate: root-ca-1.crt}
      profile: subordinate-ca
      csr: inputs/sub-ca-1.csr
      validity: {not-before: 2026-01-02T00:00:00Z, not-after: 2036-01-02T00:00:00Z}
      signature-algorithm: sha384WithRSAEncryption
      extensions:
        path-length: 0
        ca-issuers: [http://crt.example.com/root-ca-1.crt]
        ocsp: [http://ocsp.example.com]
        crl-distribution-points: [http://crl.example.com/root-ca-1.crl]
        policies: [2.23.140.1.2.1, 1.3.6.1.4.1.99999.1]
      output: sub-ca-1.crt
  - id: sub-2
    issue:
      issuer: {key: root-ca-1, certificate: root-ca-1.crt}
      profile: subordinate-ca
      public-key: inputs/sub-ca-2.pub.pem
      subject: {C: US, O: Example Trust Services, CN: Example Issuing CA 2}
      validity: {not-before: 2026-01-02T00:00:00Z, not-after: 2036-01-02T00:00:00Z}
      extensions:
        dns-names: [ca2.example.com, "*.example.net"]
        ip-addresses: [192.0.2.1, "2001:db8::1"]
        emails: [pki@example.com]
      output: sub-ca-2.der
      format: der
  - id: cross-1
    cross-sign:
      issuer: {key: root-ca-1, certificate: root-ca-1.crt}
      certificate: inputs/old-root.crt
      validity: {not-before: 2026-01-02T00:00:00Z, not-after: 2030-01-02T00:00:00Z}
      output: old-root-cross.crt
  - id: csr-1
    make-csr:
      key: root-ca-1
      subject: {C: US, O: Example Trust Services, CN: Example Root CA 1}
      output: root-ca-1.csr
  - id: crl-1
    sign-crl:
      issuer: {key: root-ca-1, certificate: root-ca-1.crt}
      this-update: 2026-01-03T00:00:00Z
      next-update: 2026-04-03T00:00:00Z
      state: records/root-ca-1.crl-number
      previous-crl: inputs/root-ca-1-previous.crl
      revoked:
        - {serial: 1A2B3C, revocation-date: 2026-01-02T12:00:00Z, reason: superseded}
        - certificate: sub-ca-2.der
          revocation-date: 2026-01-02T12:00:00Z
          reason: keyCompromise
          invalidity-date: 2026-01-01T00:00:00Z
      output: root-ca-1.crl
  - id: ocsp-1
    sign-ocsp-response:
      issuer: {key: root-ca-1, certificate: root-ca-1.crt}
      certificate: sub-ca-1.crt
      status: good
      this-update: 2026-01-03T00:00:00Z
      next-update: 2026-01-10T00:00:00Z
      output: sub-ca-1.ocsp
  - id: ocsp-2
    sign-ocsp-response:
      issuer: {key: root-ca-1, certificate: root-ca-1.crt}
      signer: {key: ocsp-signer, certificate: inputs/ocsp-signer.crt}
      certificate: sub-ca-2.der
      status: revoked
      revocation-time: 2026-01-02T12:00:00Z
      reason: keyCompromise
      this-update: 2026-01-03T00:00:00Z
      next-update: 2026-01-10T00:00:00Z
      output: sub-ca-2.ocsp
)";

// A ceremony directory (the script's inputs/ and records/) and an empty output directory. The
// script is parsed as DIR/ca.yaml; the file itself need not exist, only its directory matters.
class CaCeremony {
 public:
  CaCeremony() {
    std::filesystem::create_directory(dir() / "inputs");
    std::filesystem::create_directory(dir() / "records");
    // The parser only checks that inputs exist; what they hold is the executor's business.
    for (const char* name : {"sub-ca-1.csr", "sub-ca-2.pub.pem", "old-root.crt",
                             "root-ca-1-previous.crl", "ocsp-signer.crt"})
      std::ofstream(dir() / "inputs" / name) << "placeholder\n";
  }

  const std::filesystem::path& dir() const { return dir_.path(); }
  const std::filesystem::path& out() const { return out_.path(); }
  std::string file() const { return (dir() / "ca.yaml").string(); }
  std::string input(const std::string& relative) const { return (dir() / relative).string(); }

  Script parse(std::string_view text) const { return parse_script_text(text, file(), {out()}); }
  std::vector<std::string> errors(std::string_view text) const {
    try {
      parse(text);
    } catch (const config::ConfigError& e) {
      std::vector<std::string> lines;
      for (const auto& d : e.diagnostics()) lines.push_back(d.text());
      return lines;
    }
    FAIL("the script parsed without errors");
    return {};
  }
  std::string error(std::string_view text) const {
    const auto all = errors(text);
    std::string listing;
    for (const auto& line : all) listing += "\n" + line;
    REQUIRE_MESSAGE(all.size() == 1, "expected one error, got " << all.size() << ":" << listing);
    return all.front();
  }
  // "DIR/ca.yaml:LINE:COLUMN: PATH: MESSAGE", as the parser writes it.
  std::string at(int line, int column, const std::string& path, const std::string& message) const {
    return file() + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + path + ": " +
           message;
  }

 private:
  ScratchDir dir_;
  ScratchDir out_;
};

// The CA script with `from` (which must occur exactly once) replaced by `to`.
inline std::string ca_with(std::string_view from, std::string_view to) {
  return with(from, to, kCaScript);
}

}  // namespace kr::script::test
