// Classifying failure, pause and resumption events.
#include "replay/exceptions.h"

namespace kr::replay {
namespace {

std::string text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string kind_of(const std::string& type, const std::string& target) {
  if (type == "quorum-failed")
    return target.rfind("custodian:", 0) == 0 ? "refusal" : "quorum not met";
  if (type == "custodian-locked-out") return "lockout";
  if (type == "step-failed") return "step failed";
  if (type == "ceremony-failed") return "ceremony failed";
  if (type == "ceremony-paused") return "pause";
  if (type == "ceremony-resumed") return "resumption";
  return "failure";
}

}  // namespace

std::vector<ExceptionEvent> collect_exceptions(const TranscriptLines& lines) {
  std::vector<ExceptionEvent> out;
  for (const auto& line : lines.lines) {
    if (line.type == "checkpoint") continue;
    const bool pause = line.type == "ceremony-paused" || line.type == "ceremony-resumed";
    if (!pause && text(line.json, "outcome") != "failure") continue;
    ExceptionEvent e;
    e.seq = line.seq;
    e.time = line.time;
    e.type = line.type;
    e.step = line.step;
    const std::string target = text(line.json, "target");
    e.kind = kind_of(line.type, target);
    if (target.rfind("custodian:", 0) == 0) e.custodian = target.substr(10);
    e.reason = text(line.json, "cause");
    out.push_back(std::move(e));
  }
  return out;
}

std::string describe(const ExceptionEvent& e) {
  std::string out = "line " + std::to_string(e.seq) + " " + e.time + " " + e.kind;
  if (!e.custodian.empty()) out += " " + e.custodian;
  if (!e.step.empty()) out += " at step " + e.step;
  if (!e.reason.empty()) out += ": " + e.reason;
  return out;
}

}  // namespace kr::replay
