// backup-key, restore-key, destroy-key and generate-key's backup flag: the fields, the paths, and
// the recovery quorum that backup-key and restore-key need.
#include <fstream>

#include "script_fixture.h"

namespace kr::script::test {
namespace {

const std::string kPubOld =
    "    export-public-key: {key: legacy-root, output: legacy-root.pub.pem}\n";

// The valid script with a key-backup quorum held by three recovery custodians; the roles gain a
// line, so every step is one line further down (pub-old's kind is on line 40).
std::string with_recovery(const std::string& script = kValidScript) {
  return with("quorum: {activation: 3-of-5, share-set: root-hsm.shares.json}\n",
              "quorum: {activation: 3-of-5, share-set: root-hsm.shares.json, key-backup: 3-of-3, "
              "key-backup-share-set: recovery.shares.json}\n",
              with("  custodians: [Cara, Dev, Eli, Fay, Gus]\n",
                   "  custodians: [Cara, Dev, Eli, Fay, Gus]\n  recovery-custodians: [Rae, Sam, "
                   "Tom]\n",
                   script));
}

// A backup descriptor to restore from: restore-key's input must exist when the script is parsed.
struct BackupFile {
  ScratchDir dir;
  std::filesystem::path path = dir.path() / "root-ca-1.key-backup.json";
  BackupFile() { std::ofstream(path) << "{}\n"; }
};

}  // namespace

TEST_SUITE("script::parser backup-key, restore-key, destroy-key") {
  TEST_CASE("the three kinds and generate-key's backup flag parse") {
    BackupFile file;
    const std::string script = with_recovery(
        with(kPubOld,
             "    backup-key: {key: root-ca-1, output: backups}\n"
             "  - id: restore-1\n"
             "    restore-key: {backup: " +
                 file.path.string() +
                 ", label: root-ca-1-copy}\n"
                 "  - id: destroy-1\n"
                 "    destroy-key: {key: root-ca-3}\n",
             with("generate-key: {label: root-ca-1, type: rsa, bits: 2048}",
                  "generate-key: {label: root-ca-1, type: rsa, bits: 2048, backup: true}")));
    const Script s = parse(script);
    REQUIRE(s.steps.size() == 8);
    CHECK(std::get<GenerateKey>(s.steps[0].body).backup);
    CHECK_FALSE(std::get<GenerateKey>(s.steps[1].body).backup);
    const auto& b = std::get<BackupKey>(s.steps[5].body);
    CHECK(b.key == "root-ca-1");
    CHECK(b.output == "backups");
    CHECK(std::string(step_kind(s.steps[5].body)) == "backup-key");
    const auto& r = std::get<RestoreKey>(s.steps[6].body);
    CHECK(r.label == "root-ca-1-copy");
    CHECK(r.backup.resolved == file.path);
    CHECK(std::get<DestroyKey>(s.steps[7].body).key == "root-ca-3");
    // The restored label is made by the script, so it is no external key; legacy-root no longer
    // is either (pub-old now backs up root-ca-1).
    CHECK(s.external_keys.empty());
  }

  TEST_CASE("backup-key and restore-key need quorum.key-backup") {
    BackupFile file;
    const auto all = errors(with(kPubOld,
                                 "    backup-key: {key: root-ca-1, output: .}\n"
                                 "  - id: restore-1\n"
                                 "    restore-key: {backup: " +
                                     file.path.string() + ", label: copy}\n"));
    REQUIRE(all.size() == 2);
    const std::string why =
        " needs the recovery custodians' quorum: add quorum.key-backup (M-of-N) and "
        "quorum.key-backup-share-set (the descriptor kr-quorum new-set wrote), with "
        "roles.recovery-custodians";
    CHECK(all[0] == "roots.yaml:39:5: steps[5].backup-key: backup-key" + why);
    CHECK(all[1] == "roots.yaml:41:5: steps[6].restore-key: restore-key" + why);
  }

  TEST_CASE("a single-PIN test ceremony may destroy a key but not back one up") {
    const std::string test =
        with("ceremony: {id: roots-2015, description: Root CA 1 and 3 key generation}",
             "ceremony: {id: roots-2015, test: true}",
             with("quorum: {activation: 3-of-5, share-set: root-hsm.shares.json}\n", "\n"));
    const Script s = parse(with(kPubOld, "    destroy-key: {key: legacy-root}\n", test));
    CHECK(std::get<DestroyKey>(s.steps[5].body).key == "legacy-root");
    CHECK(error(with(kPubOld, "    backup-key: {key: legacy-root, output: media}\n", test)) ==
          "roots.yaml:39:5: steps[5].backup-key: backup-key needs the recovery custodians' "
          "quorum: add quorum.key-backup (M-of-N) and quorum.key-backup-share-set (the "
          "descriptor kr-quorum new-set wrote), with roles.recovery-custodians");
  }

  TEST_CASE("backup-key output stays inside the output directory") {
    CHECK(error(with_recovery(
              with(kPubOld, "    backup-key: {key: legacy-root, output: ../media}\n"))) ==
          "roots.yaml:40:44: steps[5].backup-key.output: \"../media\" leaves the output "
          "directory; \"..\" is not allowed in an output path");
    CHECK(error(with_recovery(
              with(kPubOld, "    backup-key: {key: legacy-root, output: /media}\n"))) ==
          "roots.yaml:40:44: steps[5].backup-key.output: \"/media\" is absolute; give a "
          "directory relative to the output directory");
    CHECK(error(with_recovery(with(kPubOld, "    backup-key: {key: legacy-root}\n"))) ==
          "roots.yaml:40:17: steps[5].backup-key.output: required field is missing");
  }

  TEST_CASE("restore-key reads an existing descriptor and makes a new label") {
    CHECK(error(with_recovery(
              with(kPubOld, "    restore-key: {backup: nowhere.json, label: copy}\n"))) ==
          "roots.yaml:40:27: steps[5].restore-key.backup: \"nowhere.json\" does not exist "
          "(resolved to " +
              (std::filesystem::current_path() / "nowhere.json").string() + ")");
    BackupFile file;
    const std::string restore =
        "    restore-key: {backup: " + file.path.string() + ", label: root-ca-3}\n";
    CHECK(
        error(with_recovery(with(kPubOld, restore))) ==
        "roots.yaml:40:" + std::to_string(27 + file.path.string().size() + 9) +
            ": steps[5].restore-key.label: \"root-ca-3\" is already generated by steps[1] (key-3)");
    CHECK(error(with_recovery(with(kPubOld, "    restore-key: {label: copy}\n"))) ==
          "roots.yaml:40:18: steps[5].restore-key.backup: required field is missing");
  }

  TEST_CASE("generate-key backup is true or false; destroy-key has only key") {
    CHECK(error(with("bits: 2048}", "bits: 2048, backup: yes}")) ==
          "roots.yaml:11:69: steps[0].generate-key.backup: must be true or false");
    CHECK(error(with(kPubOld, "    destroy-key: {key: legacy-root, output: x}\n")) ==
          "roots.yaml:39:37: steps[5].destroy-key.output: unknown key \"output\"; allowed keys: "
          "key");
  }
}

}  // namespace kr::script::test
