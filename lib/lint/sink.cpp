// Finding de-duplication against the primary lint, and the per-id cap.
#include "lint/sink.h"

namespace kr::lint {

void Sink::add(Severity severity, std::string id, std::string message, std::string_view same_as) {
  for (const auto& f : primary_)
    if ((!same_as.empty() && f.id == same_as) || (f.id == id && f.message == message)) return;
  if (++seen_[id] > max_per_id_) return;
  out_.push_back({std::move(id), severity, std::move(message)});
}

std::vector<Finding> Sink::take() {
  for (const auto& [id, count] : seen_) {
    if (count <= max_per_id_) continue;
    Severity severity = Severity::notice;
    for (const auto& f : out_)
      if (f.id == id) severity = f.severity;
    out_.push_back({id, severity,
                    std::to_string(count - max_per_id_) + " more " + id + " " +
                        (count - max_per_id_ == 1 ? "finding" : "findings") +
                        " like the ones above are not shown"});
  }
  seen_.clear();
  return std::move(out_);
}

}  // namespace kr::lint
