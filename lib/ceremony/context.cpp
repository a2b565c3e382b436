// Context helpers shared by every step.
#include "ceremony/context.h"

#include "ceremony/rehearsal_keys.h"
#include "pkcs11/public_lookup.h"
#include "provider/hsm_key.h"
#include "util/error.h"
#include "x509/serial.h"

namespace kr::ceremony {

const pkcs11::KeyPair& Context::key(const std::string& label) {
  auto it = keys.find(label);
  if (it != keys.end()) return it->second;
  if (rehearsal) return keys.emplace(label, rehearsal->stand_in(label)).first->second;
  // Without a login (a quorum script's plan) only public objects are visible, and enough: the
  // plan stops before anything is signed.
  auto found =
      login ? pkcs11::find_key_pair(*session, label) : pkcs11::find_public_key(*session, label);
  if (!found) throw Error("no key labelled \"" + label + "\" on token \"" + token.label + "\"");
  return keys.emplace(label, std::move(*found)).first->second;
}

EVP_PKEY* Context::signing_key(const pkcs11::KeyPair& pair) {
  if (rehearsal) return rehearsal->signing_key(pair.label);
  auto& slot = signing_keys[pair.label];
  if (!slot) slot = provider::load_hsm_key(module, token, pair, *user_pin);
  return slot.get();
}

Bytes Context::serial_for(const script::Step& step) {
  auto& serials = options.plan.serials;
  if (auto it = serials.find(step.id); it != serials.end()) return it->second;
  Bytes serial = x509::random_serial();
  if (options.plan.planning) serials[step.id] = serial;
  return serial;
}

transcript::Event Context::event(transcript::EventType type, const script::Step* step) const {
  transcript::Event e;
  e.type = type;
  e.operator_name = script.roles.administrator;
  if (step) {
    e.step = step->id;
    e.cause = "script step " + step->id;
  }
  return e;
}

}  // namespace kr::ceremony
