// The steps list and each step's envelope: ids, kinds, unknown and missing keys.
#include "script_fixture.h"

namespace kr::script::test {

TEST_SUITE("script::parser steps") {
  TEST_CASE("steps must be a non-empty list") {
    const std::string header = kValidScript.substr(0, kValidScript.find("steps:"));
    CHECK(error(header + "steps: []\n") == "roots.yaml:9:8: steps: must list at least one step");
    CHECK(error(header + "steps: {id: key-1}\n") ==
          "roots.yaml:9:8: steps: expected a list of steps, found a mapping");
    CHECK(error(header) == "roots.yaml:1:1: steps: required field is missing");
  }

  TEST_CASE("a step id is required") {
    CHECK(error(with("  - id: pub-old\n    export", "  - export")) ==
          "roots.yaml:38:5: steps[5].id: required field is missing");
  }

  TEST_CASE("a step id follows the id rules") {
    CHECK(error(with("id: pub-old", "id: Pub_old")) ==
          "roots.yaml:38:9: steps[5].id: \"Pub_old\" is not a valid id; use lower-case letters, "
          "digits, '.', '_' and '-', starting with a letter or digit");
  }

  TEST_CASE("duplicate step ids") {
    CHECK(error(with("id: pub-old", "id: key-1")) ==
          "roots.yaml:38:9: steps[5].id: \"key-1\" is already the id of steps[0]");
  }

  TEST_CASE("a step with no kind") {
    CHECK(error(with("    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}\n",
                     "    description: nothing to do\n")) ==
          "roots.yaml:38:5: steps[5]: the step has no kind; add one of generate-key, self-sign, "
          "export-public-key, issue, cross-sign, make-csr, sign-crl, sign-ocsp-response, "
          "backup-key, restore-key, destroy-key");
  }

  TEST_CASE("a step with two kinds") {
    CHECK(error(with("    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}\n",
                     "    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}\n"
                     "    generate-key: {label: other, type: ec, curve: P-256}\n")) ==
          "roots.yaml:40:5: steps[5].generate-key: a second step kind (after export-public-key); "
          "a step does exactly one thing, so split it into two steps");
  }

  TEST_CASE("a misspelt kind gets a suggestion") {
    const auto all = errors(
        with("    export-public-key: {key: legacy-root", "    export-pubkey: {key: legacy-root"));
    REQUIRE(all.size() == 2);
    CHECK(all[0] ==
          "roots.yaml:39:5: steps[5].export-pubkey: unknown key \"export-pubkey\"; "
          "allowed keys: id, description, generate-key, self-sign, export-public-key, issue, "
          "cross-sign, make-csr, sign-crl, sign-ocsp-response, backup-key, restore-key, "
          "destroy-key");
    CHECK(all[1] ==
          "roots.yaml:38:5: steps[5]: the step has no kind; add one of generate-key, "
          "self-sign, export-public-key, issue, cross-sign, make-csr, sign-crl, "
          "sign-ocsp-response, backup-key, restore-key, destroy-key");
  }

  TEST_CASE("a misspelt new kind gets a suggestion too") {
    const auto all =
        errors(with("    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}\n",
                    "    cross-sing: {}\n"));
    REQUIRE(all.size() == 2);
    CHECK(all[0] ==
          "roots.yaml:39:5: steps[5].cross-sing: unknown key \"cross-sing\"; did you "
          "mean \"cross-sign\"?");
    const auto kee =
        errors(with("    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}\n",
                    "    destroy-kee: {key: legacy-root}\n"));
    REQUIRE(kee.size() == 2);
    CHECK(kee[0] ==
          "roots.yaml:39:5: steps[5].destroy-kee: unknown key \"destroy-kee\"; did you mean "
          "\"destroy-key\"?");
  }

  TEST_CASE("an unknown key in a body with a near miss") {
    // The misspelt key leaves the real one missing, and both are said.
    const auto all = errors(with("bits: 2048}", "bit: 2048}"));
    REQUIRE(all.size() == 2);
    CHECK(all[0] ==
          "roots.yaml:11:49: steps[0].generate-key.bit: unknown key \"bit\"; did you "
          "mean \"bits\"?");
    CHECK(all[1] == "roots.yaml:11:19: steps[0].generate-key.bits: required for RSA keys");
  }

  TEST_CASE("an underscore for a dash is a near miss") {
    const auto all = errors(
        with("        not-after: 2040-05-26T00:00:00Z", "        not_after: 2040-05-26T00:00:00Z"));
    REQUIRE(all.size() == 2);
    CHECK(all[0] ==
          "roots.yaml:33:9: steps[3].self-sign.validity.not_after: unknown key "
          "\"not_after\"; did you mean \"not-after\"?");
    CHECK(all[1] ==
          "roots.yaml:32:9: steps[3].self-sign.validity.not-after: required field is "
          "missing");
  }

  TEST_CASE("a missing field in a step body") {
    CHECK(error(with("key: root-ca-3\n      profile: root-ca\n", "key: root-ca-3\n")) ==
          "roots.yaml:25:7: steps[3].self-sign.profile: required field is missing");
  }

  TEST_CASE("a step body that is not a mapping") {
    CHECK(
        error(with("    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}",
                   "    export-public-key: legacy-root")) ==
        "roots.yaml:39:24: steps[5].export-public-key: expected a mapping, found \"legacy-root\"");
  }

  TEST_CASE("a step that is not a mapping") {
    CHECK(error(with("  - id: pub-old\n    export-public-key: {key: legacy-root, output: "
                     "legacy-root.pub.pem}\n",
                     "  - pub-old\n")) ==
          "roots.yaml:38:5: steps[5]: expected a mapping, found \"pub-old\"");
  }
}

}  // namespace kr::script::test
