// keyrite, ceremony, token, roles and quorum: one test per rule, exact message and position.
#include "script_fixture.h"

namespace kr::script::test {

TEST_SUITE("script::parser sections") {
  TEST_CASE("format version") {
    CHECK(error(with("keyrite: 1", "keyrite: 2")) ==
          "roots.yaml:1:10: keyrite: unsupported format version 2; this keyrite reads version 1");
    CHECK(error(with("keyrite: 1", "keyrite: \"1\"")) ==
          "roots.yaml:1:10: keyrite: expected an integer, found the quoted string \"1\"; write "
          "it without quotes");
    CHECK(error(with("keyrite: 1\n", "")) == "roots.yaml:1:1: keyrite: required field is missing");
  }

  TEST_CASE("a missing required section") {
    CHECK(error(with("token: {module: softhsm2, label: root-hsm}\n", "")) ==
          "roots.yaml:1:1: token: required field is missing");
  }

  TEST_CASE("unknown top-level key with a near miss") {
    CHECK(error(with("quorum:", "quorom:")) ==
          "roots.yaml:8:1: quorom: unknown key \"quorom\"; did you mean \"quorum\"?");
  }

  TEST_CASE("ceremony id") {
    CHECK(error(with("id: roots-2015", "id: Roots 2015")) ==
          "roots.yaml:2:16: ceremony.id: \"Roots 2015\" is not a valid id; use lower-case "
          "letters, digits, '.', '_' and '-', starting with a letter or digit");
  }

  TEST_CASE("ceremony as a string instead of a mapping") {
    CHECK(error(with("{id: roots-2015, description: Root CA 1 and 3 key generation}",
                     "roots-2015")) ==
          "roots.yaml:2:11: ceremony: expected a mapping, found \"roots-2015\"");
  }

  TEST_CASE("token module") {
    CHECK(error(with("module: softhsm2", "module: libsofthsm2.so")) ==
          "roots.yaml:3:17: token.module: \"libsofthsm2.so\" is not a known module; write "
          "softhsm2, nss-softokn or the absolute path of a PKCS#11 library");
  }

  TEST_CASE("token label length") {
    CHECK(error(with("label: root-hsm", "label: " + std::string(33, 'x'))) ==
          "roots.yaml:3:34: token.label: is 33 bytes long; a PKCS#11 token label holds at most 32");
    CHECK(error(with("label: root-hsm", "label: \"\"")) ==
          "roots.yaml:3:34: token.label: must not be empty");
  }

  TEST_CASE("token unknown key lists the allowed ones") {
    CHECK(error(with("label: root-hsm}", "label: root-hsm, pin: 1234}")) ==
          "roots.yaml:3:44: token.pin: unknown key \"pin\"; allowed keys: module, label, "
          "module-params");
  }

  TEST_CASE("a list where a string is expected") {
    CHECK(error(with("administrator: Alex", "administrator: [Alex, Bob]")) ==
          "roots.yaml:5:18: roles.administrator: expected a string, found a list");
  }

  TEST_CASE("an empty value where a string is expected") {
    CHECK(error(with("administrator: Alex", "administrator:")) ==
          "roots.yaml:5:3: roles.administrator: expected a string, found an empty value");
  }

  TEST_CASE("the internal auditor may not be the administrator") {
    CHECK(error(with("internal-auditor: Ivy", "internal-auditor: alex")) ==
          "roots.yaml:6:21: roles.internal-auditor: \"alex\" is also the administrator; the "
          "internal auditor may hold no other role (CPS 5.2.4)");
  }

  TEST_CASE("the internal auditor may not be a custodian") {
    CHECK(error(with("internal-auditor: Ivy", "internal-auditor: Dev")) ==
          "roots.yaml:6:21: roles.internal-auditor: \"Dev\" is also a custodian; the internal "
          "auditor may hold no other role (CPS 5.2.4)");
  }

  TEST_CASE("custodians are distinct") {
    CHECK(error(with("[Cara, Dev, Eli, Fay, Gus]", "[Cara, Dev, Eli, Fay, cara]")) ==
          "roots.yaml:7:37: roles.custodians[4]: \"cara\" is listed twice");
  }

  TEST_CASE("quorum form") {
    CHECK(error(with("3-of-5", "3of5")) ==
          "roots.yaml:8:22: quorum.activation: \"3of5\" is not of the form M-of-N (for example "
          "3-of-5)");
  }

  TEST_CASE("quorum bounds") {
    CHECK(error(with("3-of-5", "6-of-5")) ==
          "roots.yaml:8:22: quorum.activation: 6-of-5 needs 2 <= M <= N <= 255");
    CHECK(error(with("3-of-5", "1-of-5")) ==
          "roots.yaml:8:22: quorum.activation: 1-of-5 needs 2 <= M <= N <= 255");
  }

  TEST_CASE("fewer than three custodians only in a test ceremony (CPS 5.2.2)") {
    CHECK(error(with("3-of-5", "2-of-5")) ==
          "roots.yaml:8:22: quorum.activation: 2-of-5: CPS 5.2.2 requires at least three people "
          "for key operations; only a test ceremony (ceremony.test: true) may use fewer");
    const Script s =
        parse(with("3-of-5", "2-of-5", with("id: roots-2015,", "id: roots-2015, test: true,")));
    CHECK(s.test_ceremony);
    CHECK(s.quorum->activation.m == 2);
    CHECK(error(with("id: roots-2015,", "id: roots-2015, test: yes,")) ==
          "roots.yaml:2:34: ceremony.test: must be true or false");
  }

  TEST_CASE("a quorum names its share set; without a quorum only a test ceremony runs") {
    CHECK(error(with(", share-set: root-hsm.shares.json", "")) ==
          "roots.yaml:8:9: quorum.share-set: required field is missing");
    CHECK(error(with("quorum: {activation: 3-of-5, share-set: root-hsm.shares.json}\n", "")) ==
          "roots.yaml:1:1: a ceremony needs a quorum (CPS 5.2.2): add \"quorum: {activation: "
          "M-of-N, share-set: FILE}\" naming the share set kr-token init wrote; only a test "
          "ceremony (ceremony.test: true) may unlock its token with a single PIN");
  }

  TEST_CASE("a key-backup quorum is held by the recovery custodians") {
    const std::string backup =
        "quorum: {activation: 3-of-5, share-set: root-hsm.shares.json, key-backup: 3-of-3, "
        "key-backup-share-set: backup.shares.json}\n";
    const std::string script =
        with("quorum: {activation: 3-of-5, share-set: root-hsm.shares.json}\n", backup,
             with("  custodians: [Cara, Dev, Eli, Fay, Gus]\n",
                  "  custodians: [Cara, Dev, Eli, Fay, Gus]\n  recovery-custodians: [Rae, Sam, "
                  "Cara]\n"));
    const Script s = parse(script);
    REQUIRE(s.quorum->key_backup.has_value());
    CHECK(s.quorum->key_backup->m == 3);
    CHECK(s.quorum->key_backup->descriptor == "backup.shares.json");
    CHECK(s.roles.recovery_custodians == std::vector<std::string>{"Rae", "Sam", "Cara"});
    CHECK(error(with("key-backup: 3-of-3", "key-backup: 3-of-4", script)) ==
          "roots.yaml:9:75: quorum.key-backup: 3-of-4 needs 4 custodians, but "
          "roles.recovery-custodians names 3");
    CHECK(error(with("[Rae, Sam, Cara]", "[Rae, Sam, Ivy]", script)) ==
          "roots.yaml:6:21: roles.internal-auditor: \"Ivy\" is also a recovery custodian; the "
          "internal auditor may hold no other role (CPS 5.2.4)");
  }

  TEST_CASE("quorum N is the number of custodians") {
    CHECK(error(with("3-of-5", "3-of-4")) ==
          "roots.yaml:8:22: quorum.activation: 3-of-4 needs 4 custodians, but roles.custodians "
          "names 5");
  }
}

}  // namespace kr::script::test
