// The step-kind table of replay.
#include "replay/artifact_replay.h"

#include "util/error.h"

namespace kr::replay {

void replay_step(const ArtifactContext& c, const script::Step& step, StepVerdict& verdict) {
  try {
    std::visit(
        [&](const auto& body) {
          using T = std::decay_t<decltype(body)>;
          if constexpr (std::is_same_v<T, script::GenerateKey>)
            replay_generate_key(c, step, verdict);
          else if constexpr (std::is_same_v<T, script::SelfSign> ||
                             std::is_same_v<T, script::Issue> ||
                             std::is_same_v<T, script::CrossSign>)
            replay_certificate(c, step, verdict);
          else if constexpr (std::is_same_v<T, script::MakeCsr>)
            replay_csr(c, step, verdict);
          else if constexpr (std::is_same_v<T, script::SignCrl>)
            replay_crl(c, step, verdict);
          else if constexpr (std::is_same_v<T, script::SignOcspResponse>)
            replay_ocsp(c, step, verdict);
          else if constexpr (std::is_same_v<T, script::ExportPublicKey>)
            replay_public_key(c, step, verdict);
        },
        step.body);
  } catch (const std::exception& e) {
    // An artifact or input that does not even parse is a failure of this step, not of the replay.
    verdict.fail(e.what());
  }
}

}  // namespace kr::replay
