// Every bad input to backup and restore is refused with a message naming the file and field, and
// the target token is left without the key.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "backup/backup.h"
#include "backup/descriptor.h"
#include "backup/restore.h"
#include "backup_support.h"
#include "ossl/digest.h"
#include "pkcs11/attributes.h"
#include "util/atomic_file.h"
#include "util/error.h"

using namespace kr;
using namespace kr::pkcs11;
using namespace kr::backup;

namespace {

// A P-256 backup made on `source`, and a logged-in session on `target` with the right KEK.
struct Fixture {
  test::TempSoftHsm source{"source"};
  test::TempSoftHsm target{"target"};
  test::TempDir media{"media"};
  test::TempDir bad{"bad"};
  Secret kek_bytes = test::random_kek_bytes();
  BackupResult files;
  std::optional<Session> t;
  std::optional<Login> login;

  explicit Fixture(const KeySpec& spec = {"ca", KeyAlgorithm::ec, 0, "P-256",
                                          Backup::trusted_wrap_only}) {
    {
      Session s(source.module(), source.token().slot, Access::read_write);
      {
        Login user(s, UserType::user, source.user_pin());
        generate_key_pair(s, spec);
      }
      BackupKek kek = test::trusted_wrap_kek(s, source, kek_bytes);
      Login user(s, UserType::user, source.user_pin());
      files = backup_key(s, spec.label, kek, media.path());
    }
    t.emplace(target.module(), target.token().slot, Access::read_write);
    login.emplace(*t, UserType::user, target.user_pin());
  }
  BackupKek unwrap_kek(const Secret& bytes) {
    return BackupKek::import(*t, bytes, KekUse::unwrap, KekTrust::untrusted);
  }
  std::string descriptor_text() {
    auto b = read_file(files.descriptor_path);
    return std::string(b.begin(), b.end());
  }
  std::filesystem::path write_bad(const std::string& name, ByteView bytes) {
    write_new_file(bad / name, bytes);
    return bad / name;
  }
  std::filesystem::path write_bad_json(const nlohmann::json& doc) {
    return write_bad("altered.json", as_bytes(doc.dump(2)));
  }
  std::size_t objects_labelled(const std::string& label) {
    return find_objects(*t, {{CKA_LABEL, const_cast<char*>(label.data()), label.size()}}).size();
  }
};

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_SUITE("backup refusals") {
  TEST_CASE("a wrong KEK is named by its check value before anything is unwrapped") {
    Fixture fx;
    auto wrong = fx.unwrap_kek(test::random_kek_bytes());
    auto msg = message_of(
        [&] { restore_key(*fx.t, fx.files.blob_path, fx.files.descriptor_path, wrong, "ca"); });
    CHECK(msg == "wrong key-encryption key: its check value " + wrong.check_value() +
                     " is not wrap.kek_check_value " + kek_check_value(fx.kek_bytes) + " in " +
                     fx.files.descriptor_path.string());
    CHECK(fx.objects_labelled("ca") == 0);
  }

  TEST_CASE("a truncated or altered blob is refused, naming the blob and the descriptor field") {
    Fixture fx;
    auto kek = fx.unwrap_kek(fx.kek_bytes);
    Bytes blob = read_file(fx.files.blob_path);
    auto truncated = fx.write_bad("truncated.bin", ByteView(blob.data(), blob.size() - 8));
    CHECK(message_of([&] { restore_key(*fx.t, truncated, fx.files.descriptor_path, kek, "ca"); }) ==
          truncated.string() + ": is " + std::to_string(blob.size() - 8) +
              " bytes, but blob.size in " + fx.files.descriptor_path.string() + " says " +
              std::to_string(blob.size()));
    Bytes flipped = blob;
    flipped[blob.size() / 2] ^= 0x01;
    auto altered = fx.write_bad("altered.bin", flipped);
    CHECK(message_of([&] { restore_key(*fx.t, altered, fx.files.descriptor_path, kek, "ca"); }) ==
          altered.string() + ": SHA-256 is " + to_hex(ossl::sha256(flipped)) +
              ", but blob.sha256 in " + fx.files.descriptor_path.string() + " says " +
              fx.files.blob_sha256);
    CHECK(fx.objects_labelled("ca") == 0);
  }

  TEST_CASE("an altered descriptor is refused, naming the field where the form tells") {
    Fixture fx;
    auto kek = fx.unwrap_kek(fx.kek_bytes);
    const auto doc = nlohmann::json::parse(fx.descriptor_text());
    auto restore_with = [&](const std::filesystem::path& d) {
      return message_of([&] { restore_key(*fx.t, fx.files.blob_path, d, kek, "ca"); });
    };
    SUBCASE("a field changed consistently: only the MAC can tell") {
      auto d = doc;
      d["key"]["label"] = "someone-else";
      auto p = fx.write_bad_json(d);
      CHECK(restore_with(p) == p.string() +
                                   ": descriptor_mac does not verify under the "
                                   "key-encryption key");
    }
    SUBCASE("the public key hash no longer matches the public key") {
      auto d = doc;
      d["key"]["spki_sha256"] = std::string(64, '0');
      auto p = fx.write_bad_json(d);
      CHECK(restore_with(p).rfind(p.string() + ": key.spki_sha256: does not match "
                                               "key.spki_der_base64 (whose SHA-256 is ",
                                  0) == 0);
    }
    SUBCASE("the curve contradicts the public key") {
      auto d = doc;
      d["key"]["curve"] = "P-384";
      auto p = fx.write_bad_json(d);
      CHECK(restore_with(p) == p.string() +
                                   ": key.curve: says \"P-384\" but the public key is a 256-bit "
                                   "curve");
    }
    SUBCASE("an unknown field") {
      auto d = doc;
      d["wrap"]["iv"] = "00";
      auto p = fx.write_bad_json(d);
      CHECK(restore_with(p) == p.string() + ": wrap.iv: unknown field");
    }
    SUBCASE("a missing field") {
      auto d = doc;
      d["blob"].erase("sha256");
      auto p = fx.write_bad_json(d);
      CHECK(restore_with(p) == p.string() + ": blob.sha256: missing");
    }
    SUBCASE("a truncated descriptor") {
      auto text = fx.descriptor_text();
      auto p = fx.write_bad("cut.json", as_bytes(std::string_view(text).substr(0, 100)));
      CHECK(restore_with(p).rfind(p.string() + ": not JSON: ", 0) == 0);
    }
    CHECK(fx.objects_labelled("ca") == 0);
  }

  TEST_CASE("a descriptor with a valid MAC but another public key: unwrapped, caught, destroyed") {
    // Only someone holding the KEK can forge this; the check after the unwrap still catches it.
    Fixture fx;
    auto kek = fx.unwrap_kek(fx.kek_bytes);
    auto parsed = parse_descriptor(fx.descriptor_text(), fx.files.descriptor_path);
    ossl::EvpPkeyPtr other(EVP_EC_gen("P-256"));
    REQUIRE(other);
    parsed.descriptor.spki_der = ossl::spki_der(other.get());
    parsed.descriptor.spki_sha256 = to_hex(ossl::sha256(parsed.descriptor.spki_der));
    auto p = fx.write_bad("forged.json", as_bytes(descriptor_json(parsed.descriptor, kek)));
    CHECK(message_of([&] { restore_key(*fx.t, fx.files.blob_path, p, kek, "ca"); }) ==
          "restored key \"ca\" signs, but its signature does not verify under the descriptor's "
          "public key");
    CHECK(fx.objects_labelled("ca") == 0);
    CAPTURE(to_hex(parsed.descriptor.id));
    CHECK(find_objects(*fx.t, {{CKA_ID, parsed.descriptor.id.data(), parsed.descriptor.id.size()}})
              .empty());
  }

  TEST_CASE("a label or CKA_ID already on the target token is refused") {
    Fixture fx;
    auto kek = fx.unwrap_kek(fx.kek_bytes);
    restore_key(*fx.t, fx.files.blob_path, fx.files.descriptor_path, kek, "ca");
    CHECK(message_of([&] {
            restore_key(*fx.t, fx.files.blob_path, fx.files.descriptor_path, kek, "ca");
          }) == "a key labelled \"ca\" already exists on the target token");
    auto parsed = parse_descriptor(fx.descriptor_text(), fx.files.descriptor_path);
    CHECK(message_of([&] {
            restore_key(*fx.t, fx.files.blob_path, fx.files.descriptor_path, kek, "ca-copy");
          }) == "an object with the backup's CKA_ID " + to_hex(parsed.descriptor.id) +
                    " already exists on the target token");
    CHECK(fx.objects_labelled("ca") == 2);  // the first restore's private and public objects
    CHECK(fx.objects_labelled("ca-copy") == 0);
  }

  TEST_CASE("a KEK imported for the other direction is refused") {
    Fixture fx;
    auto wrapping = BackupKek::import(*fx.t, fx.kek_bytes, KekUse::wrap, KekTrust::untrusted);
    CHECK(message_of([&] {
            restore_key(*fx.t, fx.files.blob_path, fx.files.descriptor_path, wrapping, "ca");
          }) == "the key-encryption key was imported for wrapping, not unwrapping");
  }

  TEST_CASE("backup refuses a key not marked for backup, and an untrusted KEK on SoftHSM") {
    test::TempSoftHsm hsm;
    test::TempDir media("media");
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    auto bytes = test::random_kek_bytes();
    {
      Login user(s, UserType::user, hsm.user_pin());
      generate_key_pair(s, {"plain", KeyAlgorithm::rsa, 2048, ""});
      generate_key_pair(s, {"marked", KeyAlgorithm::rsa, 2048, "", Backup::trusted_wrap_only});
    }
    {
      BackupKek trusted = test::trusted_wrap_kek(s, hsm, bytes);
      Login user(s, UserType::user, hsm.user_pin());
      CHECK(message_of([&] { backup_key(s, "plain", trusted, media.path()); }) ==
            "key \"plain\" is not marked for backup: it is not extractable");
      CHECK(message_of([&] { backup_key(s, "absent", trusted, media.path()); }) ==
            "there is no key labelled \"absent\" on the token");
      CHECK(message_of([&] { backup_key(s, "../marked", trusted, media.path()); }) ==
            "key label \"../marked\" cannot name a backup file");
    }
    Login user(s, UserType::user, hsm.user_pin());
    auto untrusted = BackupKek::import(s, bytes, KekUse::wrap, KekTrust::untrusted);
    CHECK(message_of([&] { backup_key(s, "marked", untrusted, media.path()); }) ==
          "the token refused to wrap key \"marked\" (CKR_KEY_NOT_WRAPPABLE): it may be wrapped "
          "only by a trusted key");
    CHECK(std::filesystem::is_empty(media.path()));  // nothing written for any refusal
  }
}
