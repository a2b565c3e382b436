// Presenting shares: the happy path, and every refusal named before anything is combined.
#include "quorum/unlock.h"

#include <doctest/doctest.h>

#include <fstream>

#include "fixture.h"
#include "ossl/digest.h"
#include "util/atomic_file.h"

using namespace kr;
using namespace kr::quorum;

namespace {

void overwrite(const std::filesystem::path& p, const std::string& text) {
  std::filesystem::remove(p);
  std::ofstream(p, std::ios::binary) << text;
}

template <class E>
std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_SUITE("quorum::unlock") {
  TEST_CASE("each custodian's share unlocks alone, and any 3 of 5 combine to the secret") {
    test::ShareSetFixture set;
    std::vector<UnlockedShare> unlocked;
    for (int i = 0; i < 5; ++i) {
      unlocked.push_back(set.unlock(i));
      CHECK(unlocked.back().header.custodian == set.names[static_cast<std::size_t>(i)]);
      CHECK(unlocked.back().share.index == i + 1);
      CHECK(unlocked.back().key.public_key() ==
            set.descriptor.custodians[static_cast<std::size_t>(i)].custodian_public_key);
    }
    int combos = 0;
    for (int a = 0; a < 5; ++a)
      for (int b = a + 1; b < 5; ++b)
        for (int c = b + 1; c < 5; ++c) {
          auto s = combine_shares(set.descriptor, {&unlocked[static_cast<std::size_t>(a)],
                                                   &unlocked[static_cast<std::size_t>(b)],
                                                   &unlocked[static_cast<std::size_t>(c)]});
          CHECK(s.view() == set.secret.view());
          ++combos;
        }
    CHECK(combos == 10);
    CHECK(derive_user_pin(set.secret).size() == 32);
  }

  TEST_CASE("the descriptor reads back as written") {
    test::ShareSetFixture set;
    auto d = read_descriptor(set.descriptor_path);
    CHECK(descriptor_text(d) == descriptor_text(set.descriptor));
    CHECK(d.threshold == 3);
    CHECK(d.shares == 5);
    CHECK(d.custodians.size() == 5);
    CHECK(d.custodians[2].custodian == "Eli");
    CHECK(d.custodians[2].file_sha256 == ossl::sha256_file_hex(set.files[2]));
    CHECK(d.secret_check == secret_check(set.secret));
    CHECK_THROWS_WITH(
        write_descriptor(set.descriptor_path, d),
        (set.descriptor_path.string() + ": already exists; keyrite never overwrites a file")
            .c_str());
  }

  TEST_CASE("a wrong passphrase is its own error and names the custodian") {
    test::ShareSetFixture set;
    CHECK(error_of<WrongPassphrase>([&] {
            unlock_share(set.files[3], set.descriptor, Secret("passphrase of custodian 0"));
          }) == "wrong passphrase for custodian Fay (" + set.files[3].string() + ")");
  }

  TEST_CASE("a share of another set, another token or a custodian off the roster is rejected") {
    test::ShareSetFixture set;
    test::ShareSetFixture other;  // same token, same names, different set
    CHECK(error_of<ShareRejected>([&] {
            unlock_share(other.files[0], set.descriptor, other.passphrase(0));
          }) == other.files[0].string() + " (custodian Cara): belongs to share set " +
                    other.descriptor.set_id + ", not to set " + set.descriptor.set_id +
                    " of the descriptor");

    auto foreign = set.descriptor;
    foreign.set_id = other.descriptor.set_id;
    foreign.token_serial = "ffffffffffffffff";
    CHECK(error_of<ShareRejected>([&] {
            unlock_share(other.files[0], foreign, other.passphrase(0));
          }) == other.files[0].string() +
                    " (custodian Cara): is for token \"root-hsm\" (serial 1234abcd5678ef00), not "
                    "\"root-hsm\" (serial ffffffffffffffff)");

    auto shrunk = set.descriptor;
    shrunk.custodians.erase(shrunk.custodians.begin() + 1);
    CHECK(error_of<ShareRejected>([&] { unlock_share(set.files[1], shrunk, set.passphrase(1)); }) ==
          set.files[1].string() +
              " (custodian Dev): custodian Dev is not on the descriptor's roster");
  }

  TEST_CASE("a modified file is named before decryption: every header field and payload byte") {
    test::ShareSetFixture set;
    const auto original = set.text(2);
    const auto path = set.files[2];
    const auto file_hash_error =
        path.string() +
        " (custodian Eli): the file has been modified since the share set was "
        "made (its SHA-256 differs from the descriptor's file-sha256)";
    // A wrong passphrase shows that the KDF never ran: a modified file is refused regardless.
    Secret wrong("certainly not the passphrase");
    for (const char* key : {"kdf-memory-kib", "kdf-iterations", "kdf-salt", "nonce"}) {
      CAPTURE(key);
      auto line = original.find(std::string("\n") + key + ": ");
      auto last = original.find('\n', line + 1) - 1;  // the value's last digit stays in range
      auto changed = original;
      changed[last] = changed[last] == '3' ? '4' : '3';
      overwrite(path, changed);
      CHECK(error_of<ShareRejected>([&] { unlock_share(path, set.descriptor, wrong); }) ==
            file_hash_error);
    }
    auto payload_start = original.find("\n\n") + 2;
    int checked = 0;
    for (auto i = payload_start; i < original.size(); ++i) {
      if (original[i] == '\n') continue;
      auto changed = original;
      changed[i] = changed[i] == 'A' ? 'B' : 'A';
      overwrite(path, changed);
      std::string err;
      try {
        unlock_share(path, set.descriptor, set.passphrase(2));
      } catch (const ShareRejected& e) {
        err = e.what();
      } catch (const Error& e) {
        err = e.what();  // a change that breaks the base64 is a parse error naming the line
      }
      CHECK((err == file_hash_error || err.find(path.string() + ":19: payload:") == 0 ||
             err.find(path.string() + ":20: payload:") == 0));
      ++checked;
    }
    CHECK(checked > 100);
    overwrite(path, original);
    CHECK(unlock_share(path, set.descriptor, set.passphrase(2)).share.index == 3);
  }

  TEST_CASE("header fields that disagree with the descriptor are named as such") {
    test::ShareSetFixture set;
    const auto original = set.text(0);
    auto replace = [&](const std::string& from, const std::string& to) {
      auto changed = original;
      changed.replace(changed.find(from), from.size(), to);
      overwrite(set.files[0], changed);
      return error_of<ShareRejected>(
          [&] { unlock_share(set.files[0], set.descriptor, set.passphrase(0)); });
    };
    auto prefix = set.files[0].string() + " (custodian ";
    CHECK(replace("purpose: activation", "purpose: key-backup") ==
          prefix + "Cara): is a key-backup share; the descriptor is for activation");
    CHECK(replace("threshold: 3", "threshold: 2") ==
          prefix + "Cara): says 2-of-5; the descriptor says 3-of-5");
    CHECK(replace("custodian: Cara", "custodian: Mallory") ==
          prefix + "Mallory): custodian Mallory is not on the descriptor's roster");
    CHECK(replace("custodian: Cara", "custodian: Dev") ==
          prefix + "Dev): index or custodian public key differs from the descriptor's entry");
    CHECK(replace("index: 1", "index: 2") ==
          prefix + "Cara): index or custodian public key differs from the descriptor's entry");
  }

  TEST_CASE("a share that decrypts but does not match its commitment is rejected") {
    test::ShareSetFixture set;
    auto d = set.descriptor;
    d.custodians[0].share_commitment = d.custodians[1].share_commitment;
    CHECK(error_of<ShareRejected>([&] { unlock_share(set.files[0], d, set.passphrase(0)); }) ==
          set.files[0].string() +
              " (custodian Cara): the decrypted share does not match the descriptor's "
              "share-commitment");
  }

  TEST_CASE("combining refuses fewer than m, a custodian or index twice, and a wrong result") {
    test::ShareSetFixture set;
    auto cara = set.unlock(0);
    auto dev = set.unlock(1);
    auto eli = set.unlock(2);
    CHECK(error_of<QuorumNotMet>([&] {
            combine_shares(set.descriptor, {&cara, &dev});
          }) == "2 of the 3 shares needed were presented");
    CHECK(error_of<ShareRejected>([&] {
            combine_shares(set.descriptor, {&cara, &dev, &cara});
          }) == "custodian Cara presented a share twice");
    auto cara_again = set.unlock(0);
    cara_again.header.custodian = "Impostor";
    CHECK(error_of<ShareRejected>([&] {
            combine_shares(set.descriptor, {&cara, &dev, &cara_again});
          }) == "share index 1 was presented twice (custodians Cara and Impostor)");

    test::ShareSetFixture other;
    auto stranger = other.unlock(2);
    CHECK(error_of<ShareRejected>([&] {
            combine_shares(set.descriptor, {&cara, &dev, &stranger});
          }) == "the share of custodian Eli belongs to set " + other.descriptor.set_id + ", not " +
                    set.descriptor.set_id);

    auto forged = set.unlock(2);
    forged.share.value.data()[0] ^= 1;
    CHECK(error_of<QuorumNotMet>([&] {
            combine_shares(set.descriptor, {&cara, &dev, &forged});
          }) == "the presented shares do not combine to the secret the descriptor commits to");
    CHECK(combine_shares(set.descriptor, {&eli, &cara, &dev}).view() == set.secret.view());
  }

  TEST_CASE("descriptor parsing is strict and names the field") {
    test::ShareSetFixture set;
    auto j = nlohmann::json::parse(descriptor_text(set.descriptor));
    auto err = [&](nlohmann::json changed) {
      try {
        descriptor_from_json(changed, "set.json");
      } catch (const Error& e) {
        return std::string(e.what());
      }
      return std::string("(parsed)");
    };
    auto k = j;
    k["extra"] = 1;
    CHECK(err(k) == "set.json: extra: unknown key");
    k = j;
    k.erase("secret-check");
    CHECK(err(k) == "set.json: secret-check: missing");
    k = j;
    k["threshold"] = "3";
    CHECK(err(k) == "set.json: threshold: expected an integer");
    k = j;
    k["custodians"][2]["file-sha256"] = "00";
    CHECK(err(k) == "set.json: custodians[2].file-sha256: expected 64 lower-case hex digits");
    k = j;
    k["custodians"][3]["custodian"] = "Cara";
    CHECK(err(k) == "set.json: custodians[3].custodian: custodian Cara appears twice");
    k = j;
    k["custodians"].erase(4);
    CHECK(err(k) == "set.json: custodians: lists 4 custodians but shares is 5");
    k = j;
    k["created"] = "yesterday";
    CHECK(err(k) == "set.json: created: \"yesterday\" is not YYYY-MM-DDTHH:MM:SSZ");
    CHECK(err(j) == "(parsed)");
  }
}

TEST_SUITE("quorum::share_set") {
  TEST_CASE("plans are refused before anything is written") {
    test::TempDir dir;
    auto p = [&](const char* n) { return dir / n; };
    KdfParams kdf = test::fast_kdf();
    CHECK_THROWS_WITH(check_share_set_plan(1, {"A", "B"}, {p("a"), p("b")}, kdf),
                      "a quorum of 1 is not a quorum");
    CHECK_THROWS_WITH(check_share_set_plan(3, {"A", "B"}, {p("a"), p("b")}, kdf),
                      "3-of-2: the threshold is larger than the number of custodians");
    CHECK_THROWS_WITH(check_share_set_plan(2, {"A", "A"}, {p("a"), p("b")}, kdf),
                      "custodian A is named twice");
    CHECK_THROWS_WITH(check_share_set_plan(2, {"A", "B"}, {p("a"), dir.path() / "x/../a"}, kdf),
                      ((dir.path() / "x/../a").string() + " is named as an output twice").c_str());
    std::ofstream(p("b")) << "taken";
    CHECK_THROWS_WITH(
        check_share_set_plan(2, {"A", "B"}, {p("a"), p("b")}, kdf),
        (p("b").string() + ": already exists; keyrite never overwrites a file").c_str());
    CHECK_THROWS_WITH(check_share_set_plan(2, {"A", "C"}, {p("a"), p("c")}, {4096, 1, 1}),
                      "kdf-memory-kib: 4096 is below the minimum 8192");
    // A share on a stick that is not mounted: refused before anyone types, not after C_InitToken.
    CHECK_THROWS_WITH(
        check_share_set_plan(2, {"A", "C"}, {p("a"), p("stick/c")}, kdf),
        (p("stick/c").string() + ": the directory " + p("stick").string() + " does not exist")
            .c_str());
    std::vector<std::string> many;
    std::vector<std::filesystem::path> outs;
    for (int i = 0; i < 256; ++i) {
      many.push_back("c" + std::to_string(i));
      outs.push_back(p(many.back().c_str()));
    }
    CHECK_THROWS_WITH(check_share_set_plan(2, many, outs, kdf),
                      "at most 255 custodians can share a secret, not 256");
  }

  TEST_CASE("a short passphrase is refused; a set whose commit fails leaves no file behind") {
    test::TempDir dir;
    ShareSetSpec spec;
    spec.token_label = "t";
    spec.token_serial = "1";
    spec.threshold = 2;
    spec.kdf = test::fast_kdf();
    spec.custodians.push_back({"A", dir / "a.share", Secret("long enough passphrase")});
    spec.custodians.push_back({"B", dir / "b.share", Secret("short")});
    CHECK_THROWS_WITH(prepare_share_set(test::random_test_secret(), spec, dir / "d.json"),
                      "custodian B: a passphrase must have at least 8 characters");
    spec.custodians[1].passphrase = Secret("another long passphrase");
    {
      auto pending = prepare_share_set(test::random_test_secret(), spec, dir / "d.json");
      std::ofstream(dir / "d.json") << "someone else's file";  // appears after the check
      CHECK_THROWS_WITH(pending.commit(), ((dir / "d.json").string() +
                                           ": already exists; keyrite never overwrites a file")
                                              .c_str());
    }
    CHECK_FALSE(std::filesystem::exists(dir / "a.share"));
    CHECK_FALSE(std::filesystem::exists(dir / "b.share"));
    int entries = 0;
    for ([[maybe_unused]] auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
    CHECK(entries == 1);  // only the other file; no temporary files either
  }
}
