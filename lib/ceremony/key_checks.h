// A key is checked before every signature, not only when keyrite generates it: the attributes a CA
// key must have (pkcs11/key_checks.h), and its public key against the transcript's record of it.
// A key not generated on the token is refused unless the step's key reference says
// `imported: true`; then the use is recorded as imported.
#pragma once

#include <nlohmann/json.hpp>

#include "ceremony/step_registry.h"

namespace kr::ceremony {

// Throws naming the key and every problem. Returns what the artifact-intent event records.
nlohmann::ordered_json check_signing_key(Context& ctx, const script::Step& step,
                                         const pkcs11::KeyPair& pair);

// The same checks as findings, for the token checks before the first step (keys already on the
// token; keys made earlier in the script are checked when they are used).
// `field` is the reference's path in the step body ("key", "issuer.key") for the position.
void check_signing_key_findings(Context& ctx, const script::Step& step, const std::string& label,
                                const std::string& field, std::vector<Finding>& findings);

}  // namespace kr::ceremony
