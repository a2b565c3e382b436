// Transcript checkpoints: the tree head of everything logged so far, signed by the ceremony's
// audit key in the token (pkcs11/audit_key.h) and cosigned by every custodian present. Written
// after each step done under a quorum and at the close, while the token is still logged in.
#pragma once

#include <vector>

#include "ceremony/context.h"
#include "quorum/unlock.h"

namespace kr::ceremony {

// Appends a signed checkpoint line. Returns false, writing nothing, when the token has no audit
// key (a test token made without one); the caller says so to the operator. The audit key is
// looked up in `session` when given (a fresh one, when ctx.session may be stuck in a failed
// operation), else in ctx.session.
bool write_checkpoint(Context& ctx, const std::vector<const quorum::UnlockedShare*>& cosigners,
                      pkcs11::Session* session = nullptr);

}  // namespace kr::ceremony
