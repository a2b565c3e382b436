// generate-key: a CA key pair made inside the token, with its fingerprint shown to the witnesses.
#include <optional>

#include "ceremony/progress.h"
#include "ceremony/step_registry.h"
#include "ossl/der.h"
#include "util/base64.h"
#include "util/bytes.h"
#include "util/plural.h"

namespace kr::ceremony {
namespace {

const script::GenerateKey& body(const script::Step& step) {
  return std::get<script::GenerateKey>(step.body);
}

// What a failed generation left with this CKA_ID, removed; the words go into artifact-abandoned.
std::string remove_objects(Context& ctx, const Bytes& id) {
  try {
    auto n = pkcs11::destroy_objects_with_id(*ctx.session, id);
    if (n == 0) return "no object with CKA_ID " + to_hex(id) + " is on the token";
    return "destroyed " + count_of(n, "object") + " with CKA_ID " + to_hex(id) +
           " that the failed generation left on the token";
  } catch (const std::exception& err) {
    return "objects with CKA_ID " + to_hex(id) + " may remain on the token (" + err.what() +
           "); kr-token list shows them";
  }
}

void check_offline(const script::Script&, const script::Step&, const RunOptions&,
                   std::vector<Finding>&) {
  // The parser already enforces CPS 6.1.5 key sizes and curves.
}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  const auto& g = body(step);
  if (pkcs11::find_key_pair(*ctx.session, g.label))
    findings.push_back({step.position_of("label"),
                        "a key labelled \"" + g.label + "\" already exists on token \"" +
                            ctx.token.label + "\"; keyrite never reuses or replaces a key"});
}

void run(Context& ctx, const script::Step& step) {
  const auto& g = body(step);
  pkcs11::KeySpec spec{
      g.label,
      g.type == script::KeyType::rsa ? pkcs11::KeyAlgorithm::rsa : pkcs11::KeyAlgorithm::ec, g.bits,
      g.curve, g.backup ? pkcs11::Backup::trusted_wrap_only : pkcs11::Backup::never};
  // The CKA_ID is chosen and recorded first: if generation reports an error, or the process dies
  // in it, whatever the module made can be found by that ID (and a resumed run can remove it).
  spec.id = pkcs11::fresh_key_id(*ctx.session);
  auto& intent =
      record_intent(ctx, step, "key", "key:" + g.label,
                    {{"cka_id", to_hex(spec.id)},
                     {"algorithm", g.type == script::KeyType::rsa ? "RSA " + std::to_string(g.bits)
                                                                  : "EC " + g.curve}});
  std::optional<pkcs11::KeyPair> made;
  try {
    Progress progress(
        ctx.out, ctx.options.terminal ? Display::ticker : Display::lines,
        "generating key " + g.label + " (" +
            (g.type == script::KeyType::rsa ? "RSA " + std::to_string(g.bits) : "EC " + g.curve) +
            ") in the token");
    made = pkcs11::generate_key_pair(*ctx.session, spec);
  } catch (const std::exception&) {
    intent.left_behind.push_back(remove_objects(ctx, spec.id));
    throw;
  }
  auto pair = std::move(*made);
  auto fingerprint = ossl::spki_sha256_hex(pair.public_key.get());

  auto e = ctx.event(transcript::EventType::key_generated, &step);
  e.target = "key:" + g.label;
  e.outputs.push_back({"key:" + g.label + " (SubjectPublicKeyInfo)", fingerprint});
  e.details["algorithm"] = pair.describe();
  e.details["cka_id"] = to_hex(pair.id);
  e.details["spki_sha256"] = fingerprint;
  // The public key itself, so an auditor's replay can rebuild what this key later signed.
  e.details["spki_der_base64"] = base64_encode(ossl::spki_der(pair.public_key.get()));
  e.details["attributes"] = pair.attribute_summary;
  ctx.log->append(e);
  ctx.recorded_spki[g.label] = fingerprint;

  ctx.out << "key " << g.label << ": " << pair.describe() << ", CKA_ID " << to_hex(pair.id)
          << "\n  SPKI SHA-256 " << fingerprint << "\n";
  ctx.keys.insert_or_assign(g.label, std::move(pair));
}

}  // namespace

const StepHandler kGenerateKey{"generate-key", check_offline, check_on_token, run};

}  // namespace kr::ceremony
