// The YAML names of the step kinds, kept next to the model so the two change together.
#include "script/model.h"

namespace kr::script {
namespace {

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};

}  // namespace

const char* step_kind(const StepBody& body) {
  return std::visit(Overloaded{[](const GenerateKey&) { return "generate-key"; },
                               [](const SelfSign&) { return "self-sign"; },
                               [](const ExportPublicKey&) { return "export-public-key"; }},
                    body);
}

}  // namespace kr::script
