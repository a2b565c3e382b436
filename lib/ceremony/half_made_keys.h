// Half a key pair: what a process that died inside C_GenerateKeyPair can leave. SoftHSM writes the
// private key before the public one, and a private key is invisible without a login, so resume
// finds it by the CKA_ID the step's artifact-intent recorded before generation began.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ceremony/context.h"
#include "script/model.h"

namespace kr::ceremony {

struct UnsettledKeyIntent {
  std::uint64_t seq = 0;  // the artifact-intent's line
  std::string cka_id;     // hex, as recorded
};

// The key generations an interrupted run began for `step` and never settled: an artifact-intent
// for a key with no artifact-abandoned naming it (the process died inside C_GenerateKeyPair, or
// between it and key-generated).
std::vector<UnsettledKeyIntent> unsettled_key_intents(const std::vector<nlohmann::json>& lines,
                                                      const script::Step& step);

// After the first login of the resumed run: objects with an unsettled intent's CKA_ID that are
// not a whole pair are destroyed, and each destruction recorded (key-destroyed with
// details.half_made). Half a pair was never recorded or used and can never be adopted. A whole
// pair stays the room's decision (--adopt-key or --discard-key, asked for before anyone typed).
void remove_half_made_keys(Context& ctx, const script::Step& step,
                           const std::vector<UnsettledKeyIntent>& intents);

}  // namespace kr::ceremony
