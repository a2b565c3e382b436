// Formatting and collecting configuration-file diagnostics.
#include "config/diagnostics.h"

namespace kr::config {
namespace {

std::string join_lines(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.text();
  }
  return out;
}

}  // namespace

std::string Diagnostic::text() const {
  std::string out = position.file + ':' + std::to_string(position.line) + ':' +
                    std::to_string(position.column) + ": ";
  if (!position.path.empty()) out += position.path + ": ";
  return out + message;
}

ConfigError::ConfigError(std::vector<Diagnostic> diagnostics)
    : Error(join_lines(diagnostics)), diagnostics_(std::move(diagnostics)) {}

void Diagnostics::add(int line, int column, std::string path, std::string message) {
  add(position(line, column, std::move(path)), std::move(message));
}

void Diagnostics::add(const Position& at, std::string message) {
  if (kept_.size() >= kMaxKept) {
    ++dropped_;
    return;
  }
  kept_.push_back({at, std::move(message)});
}

void Diagnostics::throw_if_any() const {
  if (kept_.empty()) return;
  auto all = kept_;
  if (dropped_ > 0) {
    // Stand on the last kept problem's line, so the summary still reads FILE:LINE:COLUMN: ...
    Position at = all.back().position;
    at.path.clear();
    all.push_back({at, std::to_string(dropped_) + " more problems not shown; fix these first"});
  }
  throw ConfigError(std::move(all));
}

}  // namespace kr::config
