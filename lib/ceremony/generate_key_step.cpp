// generate-key: a CA key pair made inside the token, with its fingerprint shown to the witnesses.
#include "ceremony/step_registry.h"
#include "ossl/der.h"
#include "util/base64.h"
#include "util/bytes.h"

namespace kr::ceremony {
namespace {

const script::GenerateKey& body(const script::Step& step) {
  return std::get<script::GenerateKey>(step.body);
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
  pkcs11::KeySpec spec{g.label,
                       g.type == script::KeyType::rsa ? pkcs11::KeyAlgorithm::rsa
                                                      : pkcs11::KeyAlgorithm::ec,
                       g.bits, g.curve,
                       g.backup ? pkcs11::Backup::trusted_wrap_only : pkcs11::Backup::never};
  auto pair = pkcs11::generate_key_pair(*ctx.session, spec);
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

  ctx.out << "key " << g.label << ": " << pair.describe() << ", CKA_ID " << to_hex(pair.id)
          << "\n  SPKI SHA-256 " << fingerprint << "\n";
  ctx.keys.insert_or_assign(g.label, std::move(pair));
}

}  // namespace

const StepHandler kGenerateKey{"generate-key", check_offline, check_on_token, run};

}  // namespace kr::ceremony
