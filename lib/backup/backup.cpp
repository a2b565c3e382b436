// Checks before wrapping, the wrap itself, and the two output files.
#include "backup/backup.h"

#include "backup/descriptor.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "pkcs11/attributes.h"
#include "pkcs11/rv.h"
#include "pkcs11/wrap.h"
#include "util/atomic_file.h"
#include "util/time.h"

namespace kr::backup {
namespace {

bool safe_file_stem(const std::string& s) {
  if (s.empty() || s[0] == '.') return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
      return false;
  return true;
}

bool attribute_true(pkcs11::Session& session, CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type) {
  // NSS softokn reports no CKA_WRAP_WITH_TRUSTED at all for a key made without it.
  auto value = pkcs11::get_attribute(session, object, type);
  return value && value->size() == sizeof(CK_BBOOL) && (*value)[0] != CK_FALSE;
}

void check_marked_for_backup(pkcs11::Session& session, const pkcs11::KeyPair& pair) {
  const std::string hint =
      "only keys generated for backup (extractable, and only under a trusted wrapping key) can be "
      "backed up; a key generated without it never leaves the token";
  if (!attribute_true(session, pair.private_key, CKA_EXTRACTABLE))
    throw Error("key \"" + pair.label + "\" is not marked for backup: it is not extractable", hint);
  if (!attribute_true(session, pair.private_key, CKA_WRAP_WITH_TRUSTED))
    throw Error("key \"" + pair.label +
                    "\" is not marked for backup: it lacks CKA_WRAP_WITH_TRUSTED, so any "
                    "wrapping key could take it out",
                hint);
  if (!attribute_true(session, pair.private_key, CKA_SENSITIVE))
    throw Error("key \"" + pair.label + "\" is not sensitive; keyrite does not back it up");
}

}  // namespace

BackupResult backup_key(pkcs11::Session& session, const std::string& label, const BackupKek& kek,
                        const std::filesystem::path& media_dir) {
  // Everything that can be checked without the token, first.
  if (kek.use() != pkcs11::KekUse::wrap)
    throw Error("the key-encryption key was imported for unwrapping, not wrapping",
                "import the KEK with KekUse::wrap for a backup");
  if (!safe_file_stem(label))
    throw Error("key label \"" + label + "\" cannot name a backup file",
                "backup file names are the label; use letters, digits, '.', '_' and '-'");
  if (!std::filesystem::is_directory(media_dir))
    throw Error("backup media directory " + media_dir.string() + " does not exist");
  BackupResult result;
  result.blob_path = media_dir / (label + ".key-backup.bin");
  result.descriptor_path = media_dir / (label + ".key-backup.json");
  for (const auto& p : {result.blob_path, result.descriptor_path})
    if (std::filesystem::exists(std::filesystem::symlink_status(p)))
      throw Error(p.string() + " already exists", "keyrite never overwrites a backup");

  auto found = pkcs11::find_key_pair(session, label);
  if (!found) throw Error("there is no key labelled \"" + label + "\" on the token");
  const pkcs11::KeyPair& pair = *found;

  check_marked_for_backup(session, pair);
  CK_MECHANISM_TYPE mechanism = pkcs11::rfc5649_mechanism(session);
  Bytes blob;
  try {
    blob = pkcs11::wrap_private_key(session, kek.handle(), pair.private_key, mechanism);
  } catch (const pkcs11::Pkcs11Error& e) {
    if (e.rv() == CKR_KEY_NOT_WRAPPABLE)
      throw Error("the token refused to wrap key \"" + pair.label +
                      "\" (CKR_KEY_NOT_WRAPPABLE): it may be wrapped only by a trusted key",
                  "import the KEK with KekTrust::trusted while the security officer is logged in");
    throw;
  }

  BackupDescriptor d;
  d.created = format_utc(utc_now());
  d.label = pair.label;
  d.id = pair.id;
  d.key_type = pair.algorithm == pkcs11::KeyAlgorithm::rsa ? "RSA" : "EC";
  d.bits = pair.bits;
  d.curve = pair.curve;
  d.spki_der = ossl::spki_der(pair.public_key.get());
  d.spki_sha256 = to_hex(ossl::sha256(d.spki_der));
  d.source_mechanism = pkcs11::mechanism_name(mechanism);
  d.kek_check_value = kek.check_value();
  d.kek_trusted = attribute_true(session, kek.handle(), CKA_TRUSTED);
  d.blob_file = result.blob_path.filename().string();
  d.blob_size = blob.size();
  d.blob_sha256 = to_hex(ossl::sha256(blob));
  const std::string descriptor = descriptor_json(d, kek);

  write_new_file(result.blob_path, blob, 0600);
  try {
    write_new_file(result.descriptor_path, as_bytes(descriptor), 0644);
  } catch (...) {
    std::filesystem::remove(result.blob_path);  // ours: written a moment ago, never a prior file
    throw;
  }
  result.blob_sha256 = d.blob_sha256;
  result.descriptor_sha256 = to_hex(ossl::sha256(as_bytes(descriptor)));
  result.spki_sha256 = d.spki_sha256;
  result.mechanism = d.source_mechanism;
  return result;
}

}  // namespace kr::backup
