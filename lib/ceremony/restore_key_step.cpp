// restore-key (CPS 6.2.6): a backup unwrapped into this token under the KEK the recovery
// custodians rebuilt, as a sensitive, never extractable key under a new label; the token then
// proves it holds the private key of the backed-up public key (lib/backup/restore.h).
#include <filesystem>

#include "backup/descriptor.h"
#include "backup/restore.h"
#include "ceremony/step_registry.h"
#include "ossl/der.h"
#include "ossl/digest.h"
#include "util/atomic_file.h"
#include "util/base64.h"
#include "util/error.h"

namespace kr::ceremony {
namespace {

const script::RestoreKey& body(const script::Step& step) {
  return std::get<script::RestoreKey>(step.body);
}

// The descriptor parses and names a blob beside it: found at the desk, not under the quorum.
void check_offline(const script::Script&, const script::Step& step, const RunOptions&,
                   std::vector<Finding>& findings) {
  const auto& r = body(step);
  try {
    const auto text = read_file(r.backup.resolved);
    const auto parsed = backup::parse_descriptor(
        std::string_view(reinterpret_cast<const char*>(text.data()), text.size()),
        r.backup.resolved);
    const auto blob = r.backup.resolved.parent_path() / parsed.descriptor.blob_file;
    if (!std::filesystem::is_regular_file(blob))
      findings.push_back(
          {step.position_of("backup"),
           r.backup.resolved.string() + ": blob.file: \"" + blob.string() + "\" does not exist"});
  } catch (const Error& e) {
    findings.push_back({step.position_of("backup"), e.what()});
  }
}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  const auto& r = body(step);
  if (pkcs11::find_key_pair(*ctx.session, r.label))
    findings.push_back({step.position_of("label"),
                        "a key labelled \"" + r.label + "\" already exists on token \"" +
                            ctx.token.label + "\"; keyrite never reuses or replaces a key"});
}

void run(Context& ctx, const script::Step& step) {
  const auto& r = body(step);
  if (!ctx.backup_kek)
    throw Error("step " + step.id + ": restore-key runs only under the recovery custodians' quorum",
                "add quorum.key-backup to the script");
  const auto text = read_file(r.backup.resolved);
  const auto parsed = backup::parse_descriptor(
      std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), r.backup.resolved);
  const auto blob = r.backup.resolved.parent_path() / parsed.descriptor.blob_file;

  auto kek = backup::BackupKek::import(*ctx.session, *ctx.backup_kek, pkcs11::KekUse::unwrap,
                                       pkcs11::KekTrust::untrusted);
  auto result = backup::restore_key(*ctx.session, blob, r.backup.resolved, kek, r.label);
  const auto& pair = result.pair;

  auto e = ctx.event(transcript::EventType::key_restored, &step);
  e.target = "key:" + r.label;
  e.inputs.push_back({r.backup.path, ossl::sha256_hex(text)});
  e.inputs.push_back({blob.string(), result.blob_sha256});
  e.outputs.push_back({"key:" + r.label + " (SubjectPublicKeyInfo)", result.spki_sha256});
  e.details["source_label"] = parsed.descriptor.label;
  e.details["cka_id"] = to_hex(pair.id);
  e.details["spki_sha256"] = result.spki_sha256;
  e.details["spki_der_base64"] = base64_encode(ossl::spki_der(pair.public_key.get()));
  e.details["algorithm"] = pair.describe();
  e.details["mechanism"] = result.mechanism;
  e.details["attributes"] = pair.attribute_summary;
  ctx.log->append(e);
  ctx.out << "key " << r.label << " restored from " << r.backup.path << ": " << pair.describe()
          << ", CKA_ID " << to_hex(pair.id) << "\n  SPKI SHA-256 " << result.spki_sha256 << "\n";
  ctx.keys.insert_or_assign(r.label, std::move(result.pair));
}

}  // namespace

const StepHandler kRestoreKey{"restore-key", check_offline, check_on_token, run};

}  // namespace kr::ceremony
