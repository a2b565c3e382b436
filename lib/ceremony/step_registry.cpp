// The registry: one row per step kind. Adding a kind means adding a file and a row here.
#include "ceremony/step_registry.h"

#include <cstring>

#include "util/error.h"

namespace kr::ceremony {

const StepHandler& handler_for(const script::Step& step) {
  static const StepHandler* const kTable[] = {
      &kGenerateKey, &kSelfSign,         &kExportPublicKey, &kIssue,      &kCrossSign, &kMakeCsr,
      &kSignCrl,     &kSignOcspResponse, &kBackupKey,       &kRestoreKey, &kDestroyKey};
  const char* kind = script::step_kind(step.body);
  for (const StepHandler* h : kTable)
    if (std::strcmp(h->kind, kind) == 0) return *h;
  throw Error(std::string("no handler for step kind ") + kind);
}

}  // namespace kr::ceremony

namespace kr::ceremony {

config::Position position_for(const script::Step& step, const std::string& field) {
  std::string name = field;
  for (;;) {
    for (const auto& [recorded, pos] : step.field_positions)
      if (recorded == name) return pos;
    auto dot = name.rfind('.');
    if (dot == std::string::npos) break;
    name.resize(dot);
  }
  return step.position;
}

}  // namespace kr::ceremony
