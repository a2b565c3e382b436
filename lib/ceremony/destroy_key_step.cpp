// destroy-key (CPS 6.2.10): a key pair's objects removed from the token, and the event log says
// exactly which key (CKA_ID, SPKI SHA-256) is gone.
#include "backup/destroy.h"
#include "ceremony/key_reference.h"
#include "util/error.h"
#include "util/plural.h"

namespace kr::ceremony {
namespace {

const script::DestroyKey& body(const script::Step& step) {
  return std::get<script::DestroyKey>(step.body);
}

void check_offline(const script::Script&, const script::Step&, const RunOptions&,
                   std::vector<Finding>&) {}

void check_on_token(Context& ctx, const script::Step& step, std::vector<Finding>& findings) {
  check_key_available(ctx, step, body(step).key, findings);
}

void run(Context& ctx, const script::Step& step) {
  const auto& d = body(step);
  // Provider keys and cached handles of this key go before its objects do.
  ctx.signing_keys.erase(d.key);
  ctx.keys.erase(d.key);
  const auto destroyed = backup::destroy_key(*ctx.session, d.key);

  auto e = ctx.event(transcript::EventType::key_destroyed, &step);
  e.target = "key:" + d.key;
  e.inputs.push_back({"key:" + d.key + " (SubjectPublicKeyInfo)", destroyed.spki_sha256});
  e.details["cka_id"] = destroyed.id_hex;
  e.details["spki_sha256"] = destroyed.spki_sha256;
  e.details["algorithm"] = destroyed.description;
  e.details["objects_destroyed"] = destroyed.objects_destroyed;
  ctx.log->append(e);
  ctx.out << "key " << d.key << " destroyed: " << destroyed.description << ", CKA_ID "
          << destroyed.id_hex << ", " << count_of(destroyed.objects_destroyed, "object")
          << "\n  SPKI SHA-256 " << destroyed.spki_sha256 << "\n";
}

}  // namespace

const StepHandler kDestroyKey{"destroy-key", check_offline, check_on_token, run};

}  // namespace kr::ceremony
