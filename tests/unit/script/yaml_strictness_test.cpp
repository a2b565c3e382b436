// The YAML layer: syntax errors, empty files, and the YAML features a ceremony script refuses
// (duplicate keys, anchors, aliases, tags, several documents, deep nesting).
#include "script_fixture.h"

namespace kr::script::test {

TEST_SUITE("script::parser YAML") {
  TEST_CASE("malformed YAML names line and column") {
    CHECK(
        error(with("{module: softhsm2, label: root-hsm}", "{module: softhsm2, label: root-hsm")) ==
        "roots.yaml:4:6: YAML syntax error: end of map flow not found");
  }

  TEST_CASE("a bad indent is a syntax error") {
    CHECK(error(with("  internal-auditor: Ivy", "   internal-auditor: Ivy")) ==
          "roots.yaml:6:20: YAML syntax error: illegal map value");
  }

  TEST_CASE("an empty file") {
    CHECK(error("") ==
          "roots.yaml:1:1: the file is empty; a ceremony script starts with "
          "\"keyrite: 1\"");
    CHECK(error("# only a comment\n\n") ==
          "roots.yaml:1:1: the file is empty; a ceremony script starts with \"keyrite: 1\"");
  }

  TEST_CASE("a document that is not a mapping") {
    CHECK(error("- keyrite: 1\n") ==
          "roots.yaml:1:1: a ceremony script is a mapping that starts with \"keyrite: 1\"; "
          "found a list");
    CHECK(error("---\n") ==
          "roots.yaml:2:1: a ceremony script is a mapping that starts with \"keyrite: 1\"; "
          "found an empty value");
  }

  TEST_CASE("duplicate keys") {
    CHECK(error(with("  administrator: Alex\n", "  administrator: Alex\n  administrator: Bob\n")) ==
          "roots.yaml:6:3: roles.administrator: duplicate key \"administrator\"; it is already "
          "set on line 5");
  }

  TEST_CASE("duplicate keys in a flow mapping") {
    CHECK(error(with("bits: 2048}", "bits: 2048, bits: 4096}")) ==
          "roots.yaml:11:61: steps[0].generate-key.bits: duplicate key \"bits\"; it is already "
          "set on line 11");
  }

  TEST_CASE("anchors and aliases") {
    const auto all =
        errors(with("{key: root-ca-1, output: root-ca-1.pub.pem, format: pem}",
                    "{key: *k, output: root-ca-1.pub.pem, format: pem}",
                    with("key: root-ca-1\n      profile", "key: &k root-ca-1\n      profile")));
    REQUIRE(all.size() == 2);
    CHECK(all[0] ==
          "roots.yaml:17:12: steps[2].self-sign.key: anchors (&k) are not allowed; "
          "write each value out in full");
    CHECK(all[1] ==
          "roots.yaml:37:30: steps[4].export-public-key.key: aliases (*name) are not "
          "allowed; write the value out in full");
  }

  TEST_CASE("tags") {
    CHECK(error(with("bits: 2048}", "bits: !!int 2048}")) ==
          "roots.yaml:11:55: steps[0].generate-key.bits: YAML tags (!!int) are not allowed; "
          "remove the tag");
    CHECK(error(with("label: root-hsm}", "label: !secret root-hsm}")) ==
          "roots.yaml:3:34: token.label: YAML tags (!secret) are not allowed; remove the tag");
  }

  TEST_CASE("a second document") {
    CHECK(error(kValidScript + "---\nkeyrite: 1\n") ==
          "roots.yaml:40:1: a script is one YAML document; remove the \"---\" that starts a "
          "second one");
  }

  TEST_CASE("a mapping key that is not a string") {
    CHECK(error(with("  administrator: Alex\n", "  administrator: Alex\n  [a, b]: c\n")) ==
          "roots.yaml:6:3: roles: mapping keys must be plain strings");
  }

  TEST_CASE("nesting deeper than the limit is refused, not a crash") {
    const std::string deep =
        "keyrite: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    std::string path = "keyrite";
    for (int i = 0; i < 63; ++i) path += "[0]";  // the root mapping is level 1
    CHECK(error(deep) == "roots.yaml:1:73: " + path +
                             ": nested deeper than 64 levels; a ceremony script needs only a few");
  }

  TEST_CASE("unterminated deep nesting is refused, not a crash") {
    const auto all = errors("keyrite: " + std::string(100000, '['));
    REQUIRE_FALSE(all.empty());
    CHECK(all.back().find(": nested deeper than 64 levels; a ceremony script needs only a few") !=
          std::string::npos);
  }

  TEST_CASE("deep block nesting") {
    std::string deep;
    for (int i = 0; i < 200; ++i) deep += std::string(2 * i, ' ') + "k:\n";
    std::string path = "k";
    for (int i = 1; i < 64; ++i) path += ".k";
    // Line 65 opens the 65th mapping (the root is the first), indented 128 columns.
    CHECK(error(deep) == "roots.yaml:65:129: " + path +
                             ": nested deeper than 64 levels; a ceremony script needs only a few");
  }

  TEST_CASE("a huge flat document gives a bounded report") {
    std::string huge = kValidScript;
    for (int i = 0; i < 20000; ++i) huge += "unknown-" + std::to_string(i) + ": x\n";
    const auto all = errors(huge);
    REQUIRE(all.size() == config::Diagnostics::kMaxKept + 1);
    CHECK(all[0] ==
          "roots.yaml:40:1: unknown-0: unknown key \"unknown-0\"; allowed keys: "
          "keyrite, ceremony, token, roles, quorum, steps");
    CHECK(all.back() == "roots.yaml:89:1: 19950 more problems not shown; fix these first");
  }
}

}  // namespace kr::script::test
