// generate-key and export-public-key: the key the token made, as the transcript records it, and
// the exported file against it.
#include "ossl/der.h"
#include "ossl/digest.h"
#include "replay/artifact_replay.h"

namespace kr::replay {

void replay_generate_key(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict) {
  const auto& g = std::get<script::GenerateKey>(step.body);
  const Line* event = require_event(c, step.id, "key-generated", verdict);
  if (!event) return;
  if (event->json.value("target", "") != "key:" + g.label)
    verdict.fail("the key-generated event (line " + std::to_string(event->seq) + ") is for " +
                 event->json.value("target", "") + ", not key:" + g.label);
  if (auto key = generated_key(c, g.label, event->seq + 1, verdict))
    verdict.checked.push_back("key " + g.label + ": public key recorded, SPKI SHA-256 " +
                              ossl::spki_sha256_hex(key.get()));
}

void replay_public_key(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict) {
  const auto& x = std::get<script::ExportPublicKey>(step.body);
  const Line* event = require_event(c, step.id, "public-key-exported", verdict);
  if (!event) return;
  const auto file = read_artifact(c, *event, x.output, verdict);
  if (!file) return;
  auto exported = ossl::read_public_key(*file, x.output);
  const std::string sha = ossl::spki_sha256_hex(exported.get());
  if (sha != detail(*event, "spki_sha256") || sha != recorded_key_sha256(*event, x.key))
    verdict.fail(x.output + " holds a key with SPKI SHA-256 " + sha + ", not the recorded key " +
                 x.key);
  if (auto key = generated_key(c, x.key, event->seq, verdict)) {
    if (EVP_PKEY_eq(key.get(), exported.get()) == 1)
      verdict.checked.push_back(x.output + " is the public key generated as " + x.key);
    else
      verdict.fail(x.output + " is not the public key generated as " + x.key);
  }
}

}  // namespace kr::replay
