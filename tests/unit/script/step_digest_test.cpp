// The text a custodian approves for a step, and its digest.
#include "script/step_digest.h"

#include "script_fixture.h"

namespace kr::script::test {

TEST_SUITE("script::step_digest") {
  TEST_CASE("each step's text runs from its list item to the next, comments at the end dropped") {
    const std::string text = with("  - id: cert-1\n", "  # the root certificate\n  - id: cert-1\n");
    const Script s = parse(text);
    CHECK(step_text(text, s, 0) ==
          "  - id: key-1\n    generate-key: {label: root-ca-1, type: rsa, bits: 2048}\n");
    CHECK(step_text(text, s, 1) ==
          "  - id: key-3\n    description: EC root key\n"
          "    generate-key: {label: root-ca-3, type: ec, curve: P-384}\n");
    CHECK(step_text(text, s, 5) ==
          "  - id: pub-old\n    export-public-key: {key: legacy-root, output: "
          "legacy-root.pub.pem}\n");
    CHECK_THROWS(step_text(text, s, 6));
  }

  TEST_CASE("the digest changes with the step's text, its id and the ceremony, and nothing else") {
    const Script s = parse(kValidScript);
    const std::string d0 = step_sha256(kValidScript, s, 0);
    CHECK(d0.size() == 64);
    CHECK(step_sha256(kValidScript, s, 0) == d0);
    CHECK(step_sha256(kValidScript, s, 1) != d0);
    // Another step's change leaves this one's digest alone.
    const std::string other = with("curve: P-384", "curve: P-256");
    CHECK(step_sha256(other, parse(other), 0) == d0);
    CHECK(step_sha256(other, parse(other), 1) != step_sha256(kValidScript, s, 1));
    const std::string bits = with("bits: 2048", "bits: 3072");
    CHECK(step_sha256(bits, parse(bits), 0) != d0);
    const std::string renamed = with("id: roots-2015,", "id: roots-2016,");
    CHECK(step_sha256(renamed, parse(renamed), 0) != d0);
  }
}

}  // namespace kr::script::test
