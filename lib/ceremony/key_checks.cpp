// Key checks at the point of use (key_checks.h).
#include "ceremony/key_checks.h"

#include <algorithm>

#include "ossl/der.h"
#include "pkcs11/key_checks.h"
#include "util/error.h"

namespace kr::ceremony {
namespace {

bool declared_imported(const script::Step& step, const std::string& label) {
  return std::find(step.imported_keys.begin(), step.imported_keys.end(), label) !=
         step.imported_keys.end();
}

// The restore-key step before `step` that put `label` on the token: a restored key is unwrapped,
// so it cannot look generated here; the recovery quorum that restored it is its provenance.
const script::Step* restored_earlier(const script::Script& s, const script::Step& step,
                                     const std::string& label) {
  for (const auto& earlier : s.steps) {
    if (&earlier == &step) break;
    if (auto* r = std::get_if<script::RestoreKey>(&earlier.body); r && r->label == label)
      return &earlier;
  }
  return nullptr;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// Every problem with the key for this step, and the record when there is none.
std::vector<std::string> problems(Context& ctx, const script::Step& step,
                                  const pkcs11::KeyPair& pair, nlohmann::ordered_json& record) {
  auto check = pkcs11::check_ca_key(*ctx.session, pair);
  std::vector<std::string> out = check.refused;
  record["label"] = pair.label;
  record["attributes"] = check.summary;
  if (!check.not_generated_here.empty()) {
    if (declared_imported(step, pair.label)) {
      record["imported"] = true;
      record["not_generated_here"] = check.not_generated_here;
    } else if (const auto* r = restored_earlier(ctx.script, step, pair.label)) {
      record["restored_by_step"] = r->id;
    } else {
      for (const auto& p : check.not_generated_here) out.push_back(p);
    }
  }
  // The public key must be the one this run recorded when it made the key.
  if (auto it = ctx.recorded_spki.find(pair.label); it != ctx.recorded_spki.end()) {
    auto now = ossl::spki_sha256_hex(pair.public_key.get());
    if (now != it->second)
      out.push_back("its public key (SPKI SHA-256 " + now +
                    ") is not the one this ceremony "
                    "recorded for it (" +
                    it->second + "): the key was replaced");
    else
      record["matches_transcript_record"] = true;
  }
  return out;
}

const char* kImportedHint =
    "if the organisation must use a key that was not generated on this token, say so in the "
    "script: key: {label: LABEL, imported: true}";

}  // namespace

nlohmann::ordered_json check_signing_key(Context& ctx, const script::Step& step,
                                         const pkcs11::KeyPair& pair) {
  nlohmann::ordered_json record;
  auto found = problems(ctx, step, pair, record);
  if (!found.empty())
    throw Error("key \"" + pair.label + "\" is not used: " + joined(found), kImportedHint);
  return record;
}

void check_signing_key_findings(Context& ctx, const script::Step& step, const std::string& label,
                                const std::string& field, std::vector<Finding>& findings) {
  auto pair = pkcs11::find_key_pair(*ctx.session, label);
  if (!pair) return;
  nlohmann::ordered_json record;
  auto found = problems(ctx, step, *pair, record);
  if (!found.empty())
    findings.push_back(
        {step.position_of(field),
         "key \"" + label + "\" is not used: " + joined(found) + " (hint: " + kImportedHint + ")"});
}

}  // namespace kr::ceremony
