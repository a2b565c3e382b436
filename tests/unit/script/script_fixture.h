// Shared by the script parser tests: a valid ceremony script to start from, a way to change one
// line of it, a scratch output directory, and the parser's messages as plain strings.
#pragma once

#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "script/parser.h"

namespace kr::script::test {

// Line numbers matter: tests name them in the messages they expect.
inline const std::string kValidScript = R"(keyrite: 1
ceremony: {id: roots-2015, description: Root CA 1 and 3 key generation}
token: {module: softhsm2, label: root-hsm}
roles:
  administrator: Alex
  internal-auditor: Ivy
  custodians: [Cara, Dev, Eli, Fay, Gus]
quorum: {activation: 3-of-5, share-set: root-hsm.shares.json}
steps:
  - id: key-1
    generate-key: {label: root-ca-1, type: rsa, bits: 2048}
  - id: key-3
    description: EC root key
    generate-key: {label: root-ca-3, type: ec, curve: P-384}
  - id: cert-1
    self-sign:
      key: root-ca-1
      profile: root-ca
      subject: {C: US, O: Example Trust Services, CN: Example Root CA 1}
      validity: {not-before: 2015-05-26T00:00:00Z, not-after: 2038-01-17T00:00:00Z}
      signature-algorithm: sha256WithRSAEncryption
      output: root-ca-1.crt
  - id: cert-3
    self-sign:
      key: root-ca-3
      profile: root-ca
      subject:
        C: US
        O: Example Trust Services
        CN: Example Root CA 3
      validity:
        not-before: 2015-05-26T00:00:00Z
        not-after: 2040-05-26T00:00:00Z
      output: certs/root-ca-3.der
      format: der
  - id: pub-1
    export-public-key: {key: root-ca-1, output: root-ca-1.pub.pem, format: pem}
  - id: pub-old
    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}
)";

// The valid script with `from` (which must occur exactly once) replaced by `to`.
inline std::string with(std::string_view from, std::string_view to,
                        const std::string& script = kValidScript) {
  const auto at = script.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "not in the script: " << from);
  REQUIRE_MESSAGE(script.find(from, at + 1) == std::string::npos, "twice in the script: " << from);
  std::string out = script;
  out.replace(at, from.size(), to);
  return out;
}

// A fresh empty directory, removed with its contents at the end of the test.
class ScratchDir {
 public:
  ScratchDir() {
    const char* base = std::getenv("KR_TEST_TMP");
    const std::filesystem::path root = base ? base : std::filesystem::temp_directory_path();
    std::filesystem::create_directories(root);
    std::string pattern = (root / "script-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Parses `text` as "roots.yaml" with outputs going to an empty directory.
inline Script parse(std::string_view text) {
  ScratchDir out;
  return parse_script_text(text, "roots.yaml", {out.path()});
}

// Every diagnostic line the parser gives for `text`; fails the test if it parses cleanly.
inline std::vector<std::string> errors(std::string_view text,
                                       const ParseOptions* options = nullptr) {
  ScratchDir out;
  try {
    parse_script_text(text, "roots.yaml", options ? *options : ParseOptions{out.path()});
  } catch (const config::ConfigError& e) {
    std::vector<std::string> lines;
    for (const auto& d : e.diagnostics()) lines.push_back(d.text());
    return lines;
  }
  FAIL("the script parsed without errors");
  return {};
}

// The single diagnostic for `text`; fails the test when there are none or several.
inline std::string error(std::string_view text, const ParseOptions* options = nullptr) {
  const auto all = errors(text, options);
  std::string listing;
  for (const auto& line : all) listing += "\n" + line;
  REQUIRE_MESSAGE(all.size() == 1, "expected one error, got " << all.size() << ":" << listing);
  return all.front();
}

}  // namespace kr::script::test
