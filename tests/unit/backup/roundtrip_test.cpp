// Backup on one SoftHSM token, restore into a second SoftHSM token and into NSS softokn, sign
// with the restored key and verify under the ORIGINAL public key; then destroy.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "backup/backup.h"
#include "backup/destroy.h"
#include "backup/proof.h"
#include "backup/restore.h"
#include "backup_support.h"
#include "ossl/digest.h"
#include "pkcs11/attributes.h"
#include "support/temp_nss.h"
#include "util/atomic_file.h"

using namespace kr;
using namespace kr::pkcs11;
using namespace kr::backup;

namespace {

struct Made {
  KeyPair pair;
  BackupResult files;
};

// Generates a backup-marked key on `hsm`, imports the KEK trusted (SO flow) and backs it up.
Made make_backup(test::TempSoftHsm& hsm, const KeySpec& spec, const Secret& kek_bytes,
                 const std::filesystem::path& media) {
  Session s(hsm.module(), hsm.token().slot, Access::read_write);
  KeyPair pair;
  {
    Login user(s, UserType::user, hsm.user_pin());
    pair = generate_key_pair(s, spec);
  }
  BackupKek kek = test::trusted_wrap_kek(s, hsm, kek_bytes);
  Login user(s, UserType::user, hsm.user_pin());
  auto files = backup_key(s, spec.label, kek, media);
  return {std::move(pair), std::move(files)};
}

void check_restored_signs_for_original(Session& target, const RestoreResult& r,
                                       const KeyPair& original) {
  CHECK(r.spki_sha256 == ossl::spki_sha256_hex(original.public_key.get()));
  CHECK(r.pair.id == original.id);
  const auto p = r.pair.private_key;
  CHECK(get_bool(target, p, CKA_TOKEN, "") == true);
  CHECK(get_bool(target, p, CKA_PRIVATE, "") == true);
  CHECK(get_bool(target, p, CKA_SENSITIVE, "") == true);
  CHECK(get_bool(target, p, CKA_EXTRACTABLE, "") == false);
  CHECK(get_bool(target, p, CKA_SIGN, "") == true);
  CHECK(get_bool(target, p, CKA_DECRYPT, "") == false);
  const std::string_view text = "tbsCertificate stand-in for the restore test";
  const Bytes data(text.begin(), text.end());
  Bytes sig = sign_sha256_on_token(target, p, original.algorithm, data);
  CHECK(verify_sha256(original.public_key.get(), data, sig));
  Bytes other = data;
  other[0] ^= 1;
  CHECK_FALSE(verify_sha256(original.public_key.get(), other, sig));
}

}  // namespace

TEST_SUITE("backup round trip") {
  TEST_CASE("RSA-2048/3072 and P-256/P-384 from one SoftHSM token into another") {
    test::TempSoftHsm source("source");
    test::TempSoftHsm target("target");
    test::TempDir media("media");
    const std::vector<KeySpec> specs = {
        {"ca-rsa-2048", KeyAlgorithm::rsa, 2048, "", Backup::trusted_wrap_only},
        {"ca-rsa-3072", KeyAlgorithm::rsa, 3072, "", Backup::trusted_wrap_only},
        {"ca-p256", KeyAlgorithm::ec, 0, "P-256", Backup::trusted_wrap_only},
        {"ca-p384", KeyAlgorithm::ec, 0, "P-384", Backup::trusted_wrap_only}};
    auto kek_bytes = test::random_kek_bytes();
    for (const auto& spec : specs) {
      CAPTURE(spec.label);
      Made made = make_backup(source, spec, kek_bytes, media.path());
      CHECK(made.files.mechanism == "CKM_AES_KEY_WRAP_PAD");
      CHECK(made.files.blob_path == media / (spec.label + ".key-backup.bin"));
      CHECK(made.files.blob_sha256 == ossl::sha256_file_hex(made.files.blob_path));
      CHECK(made.files.descriptor_sha256 == ossl::sha256_file_hex(made.files.descriptor_path));
      struct stat st {};
      REQUIRE(::stat(made.files.blob_path.c_str(), &st) == 0);
      CHECK((st.st_mode & 0777) == 0600);

      // The descriptor says what the README says it says.
      auto text = read_file(made.files.descriptor_path);
      auto doc = nlohmann::json::parse(text.begin(), text.end());
      CHECK(doc["format"] == "keyrite-key-backup");
      CHECK(doc["key"]["label"] == spec.label);
      CHECK(doc["key"]["id"] == to_hex(made.pair.id));
      CHECK(doc["key"]["spki_sha256"] == ossl::spki_sha256_hex(made.pair.public_key.get()));
      CHECK(doc["wrap"]["kek_check_value"] == kek_check_value(kek_bytes));
      CHECK(doc["wrap"]["kek_trusted"] == true);
      CHECK(doc["blob"]["sha256"] == made.files.blob_sha256);

      // The blob is the key: an independent RFC 5649 unwrap gives its PKCS#8.
      auto pkcs8 = test::openssl_unwrap(kek_bytes, read_file(made.files.blob_path), true);
      REQUIRE(pkcs8);
      CHECK(test::spki_of_pkcs8(*pkcs8) == ossl::spki_der(made.pair.public_key.get()));

      Session t(target.module(), target.token().slot, Access::read_write);
      Login user(t, UserType::user, target.user_pin());
      auto kek = BackupKek::import(t, kek_bytes, KekUse::unwrap, KekTrust::untrusted);
      auto restored =
          restore_key(t, made.files.blob_path, made.files.descriptor_path, kek, spec.label);
      CHECK(restored.pair.describe() == made.pair.describe());
      check_restored_signs_for_original(t, restored, made.pair);
      CHECK(find_key_pair(t, spec.label));
    }
  }

  TEST_CASE("a second backup of the same key refuses to overwrite the first") {
    test::TempSoftHsm source;
    test::TempDir media("media");
    auto kek_bytes = test::random_kek_bytes();
    Made made = make_backup(source, {"k", KeyAlgorithm::ec, 0, "P-256", Backup::trusted_wrap_only},
                            kek_bytes, media.path());
    const auto before = read_file(made.files.blob_path);
    Session s(source.module(), source.token().slot, Access::read_write);
    BackupKek kek = test::trusted_wrap_kek(s, source, kek_bytes);
    Login user(s, UserType::user, source.user_pin());
    CHECK_THROWS_WITH(backup_key(s, "k", kek, media.path()),
                      (made.files.blob_path.string() + " already exists").c_str());
    CHECK(read_file(made.files.blob_path) == before);
  }

  TEST_CASE("destroy-key removes both objects and reports what it destroyed") {
    test::TempSoftHsm hsm;
    Session s(hsm.module(), hsm.token().slot, Access::read_write);
    Login user(s, UserType::user, hsm.user_pin());
    auto pair = generate_key_pair(s, {"doomed", KeyAlgorithm::rsa, 2048, ""});
    auto keep = generate_key_pair(s, {"kept", KeyAlgorithm::ec, 0, "P-256"});
    auto gone = destroy_key(s, "doomed");
    CHECK(gone.label == "doomed");
    CHECK(gone.id_hex == to_hex(pair.id));
    CHECK(gone.spki_sha256 == ossl::spki_sha256_hex(pair.public_key.get()));
    CHECK(gone.description == "RSA 2048");
    CHECK(gone.objects_destroyed == 2);
    CHECK_FALSE(find_key_pair(s, "doomed"));
    CHECK(find_key_pair(s, "kept"));
    CHECK_THROWS_WITH(destroy_key(s, "doomed"), "there is no key labelled \"doomed\" on the token");
  }
}

TEST_SUITE("backup restore into NSS softokn") {
  TEST_CASE("SoftHSM backups restore into NSS with CKM_AES_KEY_WRAP_KWP, where possible") {
    test::TempSoftHsm source("source");
    test::TempNss nss;
    test::TempDir media("media");
    auto kek_bytes = test::random_kek_bytes();
    for (const KeySpec& spec :
         {KeySpec{"nss-rsa-2048", KeyAlgorithm::rsa, 2048, "", Backup::trusted_wrap_only},
          KeySpec{"nss-rsa-3072", KeyAlgorithm::rsa, 3072, "", Backup::trusted_wrap_only},
          KeySpec{"nss-p256", KeyAlgorithm::ec, 0, "P-256", Backup::trusted_wrap_only},
          KeySpec{"nss-p384", KeyAlgorithm::ec, 0, "P-384", Backup::trusted_wrap_only}}) {
      CAPTURE(spec.label);
      Made made = make_backup(source, spec, kek_bytes, media.path());
      Session t(nss.module(), nss.token().slot, Access::read_write);
      Login user(t, UserType::user, nss.user_pin());
      auto kek = BackupKek::import(t, kek_bytes, KekUse::unwrap, KekTrust::untrusted);
      auto restored =
          restore_key(t, made.files.blob_path, made.files.descriptor_path, kek, spec.label);
      CHECK(restored.mechanism == "CKM_AES_KEY_WRAP_KWP");
      check_restored_signs_for_original(t, restored, made.pair);
    }
  }
}
