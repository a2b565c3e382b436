// Text and JSON renderings of a replay report.
#include "replay/report.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "util/exit_status.h"
#include "util/visible_text.h"

namespace kr::replay {

std::string render_text(const ReplayReport& r, const std::string& file) {
  std::ostringstream out;
  out << "transcript: " << file << "\n"
      << "verify:     " << transcript::to_string(r.verify.verdict)
      << (r.verify.reason.empty() ? "" : " (" + r.verify.reason + ")") << "\n";
  if (!r.ceremony_id.empty()) out << "ceremony:   " << r.ceremony_id << "\n";
  if (!r.script_file.empty()) out << "script:     " << r.script_file << " (embedded in line 0)\n";
  if (!r.quorum.empty()) out << "quorum:     " << r.quorum << "\n";
  for (const auto& p : r.problems) out << "problem:    " << p << "\n";
  if (r.verify.verdict != transcript::Verdict::failed)
    out << "exceptions: "
        << (r.exceptions.empty() ? "none (no refusal, lockout, failure or pause)"
                                 : std::to_string(r.exceptions.size()))
        << "\n";
  for (const auto& e : r.exceptions) out << "  " << visible_text(describe(e)) << "\n";
  for (const auto& s : r.steps) {
    out << "step " << s.step << " (" << s.kind << "): " << to_string(s.status) << "\n";
    for (const auto& p : s.problems)
      out << "  " << (s.status == StepStatus::failed ? "FAILED: " : "not checked: ") << p << "\n";
    for (const auto& c : s.checked) out << "  ok: " << c << "\n";
    for (const auto& n : s.notes) out << "  note: " << n << "\n";
  }
  out << "verdict:    " << to_string(r.overall) << "\n";
  return out.str();
}

std::string render_json(const ReplayReport& r, const std::string& file) {
  nlohmann::ordered_json j;
  j["file"] = file;
  j["verdict"] = to_string(r.overall);
  j["verify"] = {{"verdict", transcript::to_string(r.verify.verdict)}, {"reason", r.verify.reason}};
  if (r.verify.failed_line) j["verify"]["failed-line"] = *r.verify.failed_line;
  j["ceremony-id"] = r.ceremony_id;
  j["script-file"] = r.script_file;
  j["quorum"] = r.quorum;
  j["problems"] = r.problems;
  j["exceptions"] = nlohmann::ordered_json::array();
  for (const auto& e : r.exceptions)
    j["exceptions"].push_back({{"seq", e.seq},
                               {"time", e.time},
                               {"kind", e.kind},
                               {"type", e.type},
                               {"step", e.step},
                               {"custodian", e.custodian},
                               {"reason", e.reason}});
  j["steps"] = nlohmann::ordered_json::array();
  for (const auto& s : r.steps)
    j["steps"].push_back({{"id", s.step},
                          {"kind", s.kind},
                          {"verdict", to_string(s.status)},
                          {"problems", s.problems},
                          {"checked", s.checked},
                          {"notes", s.notes}});
  return j.dump(2) + "\n";
}

int exit_status(const ReplayReport& report) {
  return report.overall == Overall::ok ? kExitOk : kExitFoundWrong;
}

}  // namespace kr::replay
