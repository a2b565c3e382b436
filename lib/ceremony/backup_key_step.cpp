// backup-key (CPS 6.2.4): the key wrapped with RFC 5649 under the KEK the recovery custodians
// rebuilt, written to the backup media as <label>.key-backup.bin and .json. Three controls: the
// security officer marks the KEK trusted (the key carries CKA_WRAP_WITH_TRUSTED), the recovery
// quorum supplies the KEK, the user (activation quorum) wraps.
#include <filesystem>

#include "backup/backup.h"
#include "ceremony/key_reference.h"
#include "ossl/digest.h"
#include "pkcs11/rv.h"
#include "util/error.h"

namespace kr::ceremony {
namespace {

const script::BackupKey& body(const script::Step& step) {
  return std::get<script::BackupKey>(step.body);
}

std::filesystem::path media_dir(const Context& ctx, const script::BackupKey& b) {
  return ctx.output_path(b.output);
}

void check_offline(const script::Script&, const script::Step& step, const RunOptions& options,
                   std::vector<Finding>& findings) {
  const auto& b = body(step);
  const auto dir = options.output_dir / b.output;
  for (const char* suffix : {".key-backup.bin", ".key-backup.json"}) {
    const auto file = dir / (b.key + suffix);
    std::error_code error;
    if (std::filesystem::symlink_status(file, error).type() !=
        std::filesystem::file_type::not_found)
      findings.push_back(
          {step.position_of("output"),
           "\"" + file.string() + "\" already exists; keyrite never overwrites a file"});
  }
}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  check_key_available(ctx, step, body(step).key, findings);
}

// The trusted KEK is made by the security officer; SoftHSM lets only the SO set CKA_TRUSTED. The
// SO login logs the user out, and SoftHSM invalidates private handles at logout, so every cached
// handle goes first and the user logs in again afterwards (lib/backup/README.md "Flow").
// C_Login as SO fails with CKR_SESSION_READ_ONLY_EXISTS while any read-only session of this
// process is open, and pkcs11-helper (the signing provider) opens read-only sessions that outlive
// the keys that used them (measured: the audit key's checkpoint signature leaves one). So every
// session of the process on this slot is closed and the ceremony's session opened again.
backup::BackupKek import_trusted_kek(Context& ctx) {
  ctx.signing_keys.clear();
  ctx.keys.clear();
  ctx.login.reset();
  ctx.session.reset();
  pkcs11::check_rv(ctx.module->fn()->C_CloseAllSessions(ctx.token.slot), "C_CloseAllSessions");
  ctx.session.emplace(ctx.module, ctx.token.slot, pkcs11::Access::read_write);
  std::optional<backup::BackupKek> kek;
  {
    pkcs11::Login so(*ctx.session, pkcs11::UserType::security_officer, *ctx.so_pin);
    kek.emplace(backup::BackupKek::import(*ctx.session, *ctx.backup_kek, pkcs11::KekUse::wrap,
                                          pkcs11::KekTrust::trusted));
  }
  ctx.login.emplace(*ctx.session, pkcs11::UserType::user, *ctx.user_pin);
  return std::move(*kek);
}

void run(Context& ctx, const script::Step& step) {
  const auto& b = body(step);
  if (!ctx.backup_kek || !ctx.so_pin || !ctx.user_pin)
    throw Error("step " + step.id + ": backup-key runs only under the recovery custodians' quorum",
                "add quorum.key-backup to the script");
  const auto dir = media_dir(ctx, b);
  std::filesystem::create_directories(dir);
  backup::BackupKek kek = import_trusted_kek(ctx);
  const auto media = std::filesystem::path(b.output);
  record_intent(ctx, step, "key backup", "key:" + b.key,
                {{"files",
                  {(media / (b.key + ".key-backup.bin")).lexically_normal().string(),
                   (media / (b.key + ".key-backup.json")).lexically_normal().string()}}});
  const auto result = backup::backup_key(*ctx.session, b.key, kek, dir);
  const auto& pair = ctx.key(b.key);

  auto e = ctx.event(transcript::EventType::key_backed_up, &step);
  e.target = "key:" + b.key;
  e.inputs.push_back({"key:" + b.key + " (SubjectPublicKeyInfo)", result.spki_sha256});
  // Names relative to the output directory, as every other step's outputs.
  auto relative = [&](const std::filesystem::path& file) {
    return (std::filesystem::path(b.output) / file.filename()).lexically_normal().string();
  };
  e.outputs.push_back({relative(result.blob_path), result.blob_sha256});
  e.outputs.push_back({relative(result.descriptor_path), result.descriptor_sha256});
  e.details["cka_id"] = to_hex(pair.id);
  e.details["spki_sha256"] = result.spki_sha256;
  e.details["algorithm"] = pair.describe();
  e.details["mechanism"] = result.mechanism;
  e.details["kek_check_value"] = kek.check_value();
  e.details["kek_trusted"] = true;
  ctx.log->append(e);
  ctx.out << "key " << b.key << " backed up (" << result.mechanism << ")\n  "
          << result.blob_path.string() << "\n    SHA-256 " << result.blob_sha256 << "\n  "
          << result.descriptor_path.string() << "\n    SHA-256 " << result.descriptor_sha256
          << "\n";
}

}  // namespace

const StepHandler kBackupKey{"backup-key", check_offline, check_on_token, run};

}  // namespace kr::ceremony
