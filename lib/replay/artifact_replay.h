// Re-deriving each step's artifact from the embedded script and the recorded values, and checking
// it against the file: certificates (self-sign, issue, cross-sign), CSRs and CRLs byte for byte on
// the to-be-signed part; OCSP responses by signature and lint only (said in the verdict);
// exported public keys against the generated key. Signatures are verified with OpenSSL and,
// independently, with Botan (lib/crosscheck), and every artifact is linted again.
#pragma once

#include "replay/artifact_context.h"
#include "script/model.h"

namespace kr::replay {

// Adds the artifact checks of `step` to its verdict.
void replay_step(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict);

// The per-kind checks (one file each).
void replay_generate_key(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict);
void replay_certificate(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict);
void replay_csr(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict);
void replay_crl(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict);
void replay_ocsp(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict);
void replay_public_key(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict);

}  // namespace kr::replay
