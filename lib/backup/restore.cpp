// The checks before unwrapping, the unwrap, and the checks after it.
#include "backup/restore.h"

#include <openssl/core_names.h>

#include "backup/descriptor.h"
#include "backup/proof.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "pkcs11/attributes.h"
#include "pkcs11/objects_import.h"
#include "pkcs11/public_key.h"
#include "pkcs11/rv.h"
#include "pkcs11/wrap.h"
#include "util/atomic_file.h"

namespace kr::backup {
using pkcs11::attr;

namespace {

std::string text_of(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

bool is_nss_softokn(const pkcs11::Session& session) {
  return std::filesystem::path(session.module()->path()).filename() == "libsoftokn3.so";
}

// The uncompressed point, as NSS keeps it in CKA_NSS_DB.
Bytes ec_public_point(const EVP_PKEY* key) {
  std::size_t len = 0;
  Bytes point(256);
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(),
                                      point.size(), &len) != 1)
    ossl::throw_error("reading the EC public point");
  point.resize(len);
  return point;
}

void check_blob(const Bytes& blob, const BackupDescriptor& d,
                const std::filesystem::path& blob_path,
                const std::filesystem::path& descriptor_path) {
  if (blob.size() != d.blob_size)
    throw Error(blob_path.string() + ": is " + std::to_string(blob.size()) +
                    " bytes, but blob.size in " + descriptor_path.string() + " says " +
                    std::to_string(d.blob_size),
                "the backup blob is truncated or altered; use another copy of the backup media");
  auto actual = to_hex(ossl::sha256(blob));
  if (actual != d.blob_sha256)
    throw Error(blob_path.string() + ": SHA-256 is " + actual + ", but blob.sha256 in " +
                    descriptor_path.string() + " says " + d.blob_sha256,
                "the backup blob is altered, or belongs to another descriptor");
}

void check_target_free(pkcs11::Session& session, const std::string& label, const Bytes& id) {
  if (!pkcs11::find_objects(session, {attr(CKA_LABEL, label.data(), label.size())}).empty())
    throw Error("a key labelled \"" + label + "\" already exists on the target token",
                "keyrite never replaces a key; restore under another label or destroy the old "
                "key first with destroy-key");
  // pkcs11-helper finds keys by CKA_ID alone, so a second object with this ID would be ambiguous.
  if (!pkcs11::find_objects(session, {attr(CKA_ID, id.data(), id.size())}).empty())
    throw Error(
        "an object with the backup's CKA_ID " + to_hex(id) + " already exists on the target token",
        "the key (or another copy of it) is already on this token");
}

// NSS softokn 3.87 ignores CKA_DECRYPT=false in an unwrap template for RSA keys and makes them
// decryption keys; a CA key must only sign, so the permission is taken away again.
void drop_decrypt(pkcs11::Session& session, CK_OBJECT_HANDLE key, const std::string& label) {
  if (!pkcs11::get_bool(session, key, CKA_DECRYPT, "CKA_DECRYPT")) return;
  // A refusal is reported below with the token's reason, as is a token that ignores the change.
  CK_RV rv = CKR_OK;
  try {
    pkcs11::set_bool(session, key, CKA_DECRYPT, false, "C_SetAttributeValue (CKA_DECRYPT)");
  } catch (const pkcs11::Pkcs11Error& e) {
    rv = e.rv();
  }
  if (rv != CKR_OK || pkcs11::get_bool(session, key, CKA_DECRYPT, "CKA_DECRYPT"))
    throw Error("restored key \"" + label +
                    "\" was given CKA_DECRYPT=true by the token and it "
                    "cannot be taken away (" +
                    pkcs11::rv_name(rv) + ")",
                "a CA key must only sign; this token cannot hold a restored CA key");
}

// Everything after the unwrap; throws with the reason, the caller destroys the objects.
void check_restored(pkcs11::Session& session, const RestoreResult& r, const ParsedDescriptor& p) {
  const auto& priv = r.pair.private_key;
  const std::string l = "restored key \"" + r.pair.label + "\" ";
  if (!pkcs11::get_bool(session, priv, CKA_TOKEN, "CKA_TOKEN") ||
      !pkcs11::get_bool(session, priv, CKA_PRIVATE, "CKA_PRIVATE") ||
      !pkcs11::get_bool(session, priv, CKA_SENSITIVE, "CKA_SENSITIVE") ||
      pkcs11::get_bool(session, priv, CKA_EXTRACTABLE, "CKA_EXTRACTABLE") ||
      pkcs11::get_bool(session, priv, CKA_DECRYPT, "CKA_DECRYPT") ||
      !pkcs11::get_bool(session, priv, CKA_SIGN, "CKA_SIGN"))
    throw Error(l + "does not have the attributes asked for (token, private, sensitive, not "
                    "extractable, sign, no decrypt)",
                "the token does not honour the unwrap template; do not use it for CA keys");
  if (r.spki_sha256 != p.descriptor.spki_sha256)
    throw Error(l + "has public key SHA-256 " + r.spki_sha256 + ", not the descriptor's " +
                p.descriptor.spki_sha256);
  if (r.pair.algorithm == pkcs11::KeyAlgorithm::rsa) {
    // The RSA private object carries its modulus: it must be the descriptor's.
    auto n = pkcs11::get_attribute(session, priv, CKA_MODULUS);
    auto e = pkcs11::get_attribute(session, priv, CKA_PUBLIC_EXPONENT);
    if (!n || !e || ossl::spki_der(pkcs11::rsa_public_key(*n, *e).get()) != p.descriptor.spki_der)
      throw Error(l + "has another RSA modulus than the descriptor's public key");
  }
  if (!token_key_matches(session, priv, r.pair.algorithm, p.public_key.get()))
    throw Error(l + "signs, but its signature does not verify under the descriptor's public key",
                "the descriptor's key.spki_der_base64 does not belong to the wrapped key");
}

}  // namespace

RestoreResult restore_key(pkcs11::Session& session, const std::filesystem::path& blob_path,
                          const std::filesystem::path& descriptor_path, const BackupKek& kek,
                          const std::string& label) {
  if (label.empty()) throw Error("a restored key needs a label");
  if (kek.use() != pkcs11::KekUse::unwrap)
    throw Error("the key-encryption key was imported for wrapping, not unwrapping",
                "import the KEK with KekUse::unwrap for a restore");
  ParsedDescriptor parsed = parse_descriptor(text_of(read_file(descriptor_path)), descriptor_path);
  const BackupDescriptor& d = parsed.descriptor;
  const Bytes blob = read_file(blob_path);
  check_blob(blob, d, blob_path, descriptor_path);
  if (kek.check_value() != d.kek_check_value)
    throw Error("wrong key-encryption key: its check value " + kek.check_value() +
                    " is not wrap.kek_check_value " + d.kek_check_value + " in " +
                    descriptor_path.string(),
                "the KEK reconstructed from these shares is not the one this backup was made "
                "under; present the recovery custodians' shares for this backup");
  if (kek.mac_hex(parsed.canonical_body) != parsed.mac)
    throw Error(
        descriptor_path.string() + ": descriptor_mac does not verify under the key-encryption key",
        "the descriptor has been altered since the backup; use the copy from the backup "
        "media");
  check_target_free(session, label, d.id);

  CK_MECHANISM_TYPE mechanism = pkcs11::rfc5649_mechanism(session);
  pkcs11::UnwrapTarget target{label, d.id, d.key_type == "RSA" ? CKK_RSA : CKK_EC, {}};
  if (target.key_type == CKK_EC && is_nss_softokn(session))
    target.nss_db_public_value = ec_public_point(parsed.public_key.get());
  RestoreResult r;
  r.pair.label = label;
  r.pair.id = d.id;
  try {
    r.pair.private_key = pkcs11::unwrap_private_key(session, kek.handle(), blob, mechanism, target);
  } catch (const pkcs11::Pkcs11Error& e) {
    if (e.rv() == CKR_WRAPPED_KEY_INVALID || e.rv() == CKR_ENCRYPTED_DATA_INVALID)
      throw Error(blob_path.string() + ": the token could not unwrap it (" +
                      pkcs11::rv_name(e.rv()) + "): RFC 5649's integrity check failed",
                  "the blob does not decrypt under this KEK");
    throw;
  }
  try {
    r.pair.public_key_object =
        pkcs11::create_public_key_object(session, parsed.public_key.get(), label, d.id);
    auto found = pkcs11::find_key_pair(session, label);
    if (!found || found->private_key != r.pair.private_key ||
        found->public_key_object != r.pair.public_key_object)
      throw Error("the restored key \"" + label + "\" is not found again by its label");
    r.pair = std::move(*found);
    drop_decrypt(session, r.pair.private_key, label);
    r.spki_sha256 = ossl::spki_sha256_hex(r.pair.public_key.get());
    check_restored(session, r, parsed);
  } catch (...) {
    pkcs11::destroy_key_pair(session, r.pair);
    throw;
  }
  r.blob_sha256 = d.blob_sha256;
  r.mechanism = pkcs11::mechanism_name(mechanism);
  return r;
}

}  // namespace kr::backup
