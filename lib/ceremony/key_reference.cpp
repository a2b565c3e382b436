// Key references: generated or restored earlier in the script, or present on the token before the
// run.
#include "ceremony/key_reference.h"

#include "ceremony/key_checks.h"

namespace kr::ceremony {

void check_key_available(Context& ctx, const script::Step& step, const std::string& label,
                         std::vector<Finding>& findings) {
  for (const auto& earlier : ctx.script.steps) {
    if (&earlier == &step) break;
    if (auto* g = std::get_if<script::GenerateKey>(&earlier.body); g && g->label == label) return;
    if (auto* r = std::get_if<script::RestoreKey>(&earlier.body); r && r->label == label) return;
  }
  if (!pkcs11::find_key_pair(*ctx.session, label))
    findings.push_back({step.position_of("key"), "no key labelled \"" + label + "\" on token \"" +
                                                     ctx.token.label +
                                                     "\" and no earlier step generates it"});
}

void check_signing_key_available(Context& ctx, const script::Step& step, const std::string& label,
                                 const std::string& field, std::vector<Finding>& findings) {
  const std::size_t before = findings.size();
  check_key_available(ctx, step, label, findings);
  if (findings.size() != before) return;
  for (const auto& earlier : ctx.script.steps) {
    if (&earlier == &step) break;
    if (auto* g = std::get_if<script::GenerateKey>(&earlier.body); g && g->label == label) return;
    if (auto* r = std::get_if<script::RestoreKey>(&earlier.body); r && r->label == label) return;
  }
  check_signing_key_findings(ctx, step, label, field, findings);
}

}  // namespace kr::ceremony
