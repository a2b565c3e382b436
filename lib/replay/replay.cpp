// The replay in order: verify, the embedded script, the quorum, the artifacts.
#include "replay/replay.h"

#include <system_error>

#include "profile/profile.h"
#include "replay/artifact_replay.h"
#include "replay/embedded_script.h"
#include "replay/exceptions.h"
#include "replay/quorum_check.h"
#include "replay/transcript_lines.h"
#include "transcript/roster.h"
#include "util/error.h"

namespace kr::replay {

ReplayReport replay_transcript(const std::filesystem::path& transcript, const EVP_PKEY* audit_key,
                               const ReplayOptions& options) {
  std::error_code error;
  if (!std::filesystem::is_directory(options.artifacts_dir, error))
    throw Error("--artifacts " + options.artifacts_dir.string() + ": not a directory");
  ReplayReport report;
  report.verify = transcript::verify_transcript(transcript, audit_key);
  report.ceremony_id = report.verify.ceremony_id;
  if (report.verify.verdict == transcript::Verdict::failed) {
    report.problems.push_back("the transcript does not verify: " + report.verify.reason);
    report.overall = overall_verdict(report);
    return report;
  }
  const TranscriptLines lines = load_transcript_lines(transcript);
  report.exceptions = collect_exceptions(lines);
  const auto& line0 = lines.lines.at(0).json;
  report.script_file = line0.value("details", nlohmann::json::object()).value("script_file", "");

  EmbeddedScript script;
  try {
    script = load_embedded_script(line0, options.artifacts_dir);
  } catch (const Error& e) {
    report.problems.push_back(e.what());
    report.overall = overall_verdict(report);
    return report;
  }
  const auto& steps = script.script.steps;
  for (const auto& step : steps)
    report.steps.push_back({step.id, script::step_kind(step.body), StepStatus::ok, {}, {}, {}});

  std::optional<transcript::Roster> roster;
  try {
    roster = transcript::read_roster(line0);
  } catch (const Error& e) {
    report.problems.push_back(std::string("line 0: ") + e.what());
  }
  report.quorum = check_quorum(lines, script, roster, report.steps, report.problems);

  const ArtifactContext context{
      lines, script,
      options.profiles_dir.empty() ? profile::default_profiles_dir() : options.profiles_dir};
  for (std::size_t i = 0; i < steps.size(); ++i) replay_step(context, steps[i], report.steps[i]);
  report.overall = overall_verdict(report);
  return report;
}

}  // namespace kr::replay
