// The report model: verdict first, then the sections, then the rendering.
#include "report/audit_report.h"

#include "ossl/der.h"
#include "ossl/digest.h"
#include "replay/transcript_lines.h"
#include "report/audit_sections.h"
#include "report/expect_root.h"
#include "report/hierarchy.h"
#include "report/runsheet.h"
#include "report/svg.h"
#include "report/templates.h"
#include "util/bytes.h"
#include "util/error.h"
#include "util/plural.h"

namespace kr::report {
namespace {

using Json = nlohmann::ordered_json;

Json exceptions(const replay::ReplayReport& r) {
  Json rows = Json::array();
  for (const auto& e : r.exceptions)
    rows.push_back({{"seq", e.seq},
                    {"time", e.time},
                    {"kind", e.kind},
                    {"type", e.type},
                    {"step", e.step},
                    {"custodian", e.custodian},
                    {"reason", e.reason}});
  return rows;
}

Json step_rows(const replay::ReplayReport& r) {
  Json rows = Json::array();
  for (const auto& s : r.steps)
    rows.push_back({{"id", s.step},
                    {"kind", s.kind},
                    {"verdict", replay::to_string(s.status)},
                    {"problems", s.problems},
                    {"checked", s.checked},
                    {"notes", s.notes}});
  return rows;
}

// Where the transcript records the ceremony failing: the failed step, "" when no step failed
// first; nullopt when the ceremony did not fail.
std::optional<std::string> ceremony_failure(const replay::ReplayReport& r) {
  std::optional<std::string> step;
  for (const auto& e : r.exceptions) {
    if (e.kind == "step failed" && !step) step = e.step;
    if (e.kind == "ceremony failed") return step.value_or("");
  }
  return std::nullopt;
}

// The headline and the reasons under it: what failed first, in the auditor's words.
Json verdict(const replay::ReplayReport& r, const std::optional<RootComparison>& root) {
  std::string status = replay::to_string(r.overall);
  Json reasons = Json::array();
  std::string headline;
  if (r.verify.verdict == transcript::Verdict::failed) {
    headline = "FAILED: the transcript does not verify. Nothing in it is shown as fact.";
    reasons.push_back("line " + std::to_string(r.verify.failed_line.value_or(0)) + ": " +
                      r.verify.reason);
  } else {
    for (const auto& p : r.problems) reasons.push_back(p);
    for (const auto& s : r.steps)
      for (const auto& p : s.problems) reasons.push_back("step " + s.step + ": " + p);
    if (r.verify.verdict == transcript::Verdict::incomplete)
      reasons.insert(reasons.begin(), "the transcript is incomplete: " + r.verify.reason);
    headline = r.overall == replay::Overall::ok
                   ? "OK: the transcript verifies and every step replays"
               : r.overall == replay::Overall::failed
                   ? "FAILED: the replay found steps that do not hold"
                   : "INCOMPLETE: nothing failed, but not everything could be checked";
    // A ceremony that failed is not "nothing failed": the replay found nothing wrong with what the
    // transcript records, and the ceremony itself stopped at a failure.
    if (const auto step = ceremony_failure(r); step && r.overall == replay::Overall::incomplete)
      headline = "INCOMPLETE: the ceremony failed" + (step->empty() ? "" : " at step " + *step) +
                 " (see the exceptions); nothing the replay could check is wrong";
  }
  if (root && !root->matches) {
    status = "failed";
    if (r.verify.verdict == transcript::Verdict::failed) {
      reasons.push_back(root->message);
    } else {
      headline = "FAILED: " + root->message;
      if (r.overall != replay::Overall::ok)
        reasons.push_back("the replay verdict is " + std::string(replay::to_string(r.overall)));
    }
  }
  return {{"status", status}, {"headline", headline}, {"reasons", reasons}};
}

}  // namespace

AuditReport build_audit_report(const std::filesystem::path& transcript, const EVP_PKEY* audit_key,
                               const AuditReportOptions& options) {
  const replay::ReplayReport r = replay::replay_transcript(transcript, audit_key, options.replay);
  const bool verified = r.verify.verdict != transcript::Verdict::failed;
  std::optional<Bytes> final_root;
  if (r.verify.verdict == transcript::Verdict::ok && r.verify.last_checkpoint)
    final_root =
        Bytes(r.verify.last_checkpoint->root.begin(), r.verify.last_checkpoint->root.end());
  std::optional<RootComparison> root;
  if (options.expected_root) root = compare_root(*options.expected_root, final_root);

  AuditReport out;
  Json& m = out.model;
  m["document"] = "audit-report";
  m["title"] =
      "Audit report: " + (r.ceremony_id.empty() ? transcript.filename().string() : r.ceremony_id);
  m["verdict"] = verdict(r, root);
  m["transcript"] = {{"file", transcript.string()}, {"sha256", ossl::sha256_file_hex(transcript)}};
  m["audit_key"] = {{"file", options.audit_key_file},
                    {"spki_sha256", ossl::spki_sha256_hex(audit_key)}};
  m["verified"] = verified;
  m["verify"] = {
      {"verdict", transcript::to_string(r.verify.verdict)},
      {"reason", r.verify.reason},
      {"failed_line", r.verify.failed_line ? Json(*r.verify.failed_line) : Json(nullptr)},
      {"lines", r.verify.lines},
      {"events", r.verify.events},
      {"checkpoints", r.verify.checkpoints},
      {"counts",
       count_of(r.verify.events, "event") + ", " + count_of(r.verify.checkpoints, "checkpoint")}};
  if (r.verify.last_checkpoint) {
    const auto& c = *r.verify.last_checkpoint;
    const std::string hex = to_hex(c.root);
    m["last_checkpoint"] = {{"seq", c.seq},
                            {"time", c.time},
                            {"root", hex},
                            {"root_words", word_rows(hex)},
                            {"final", r.verify.verdict == transcript::Verdict::ok}};
  } else {
    m["last_checkpoint"] = false;
  }
  m["expect_root"] = root ? Json{{"matches", root->matches},
                                 {"expected", root->expected_hex},
                                 {"expected_words", word_rows(root->expected_hex)},
                                 {"actual", root->actual_hex},
                                 {"message", root->message}}
                          : Json(false);
  out.exit_status =
      r.overall == replay::Overall::ok && (!root || root->matches) ? kExitOk : kExitFoundWrong;
  if (!verified) return out;  // nothing unverified is presented

  const replay::TranscriptLines lines = replay::load_transcript_lines(transcript);
  std::map<std::string, StepFacts> steps;
  for (const auto& s : r.steps) steps[s.step] = {s.kind, replay::to_string(s.status)};
  const Hierarchy h = build_hierarchy(lines, steps);
  m["ceremony"] = ceremony_facts(lines);
  m["quorum"] = r.quorum;
  m["hierarchy"] = {{"nodes", h.nodes}, {"edges", h.edges}};
  m["artifacts"] = artifact_rows(lines, r);
  m["steps"] = step_rows(r);
  m["step_count"] = r.steps.size();
  m["approvals"] = approval_matrix(lines, r);
  m["exceptions"] = exceptions(r);
  m["checkpoints"] = checkpoint_rows(lines, r.verify);
  // Without Graphviz the report is still worth having: the picture's absence is said plainly.
  m["hierarchy_problem"] = "";
  try {
    if (!h.nodes.empty()) out.svg = render_svg(hierarchy_dot(h));
  } catch (const Error& e) {
    m["hierarchy_problem"] = std::string("no picture: ") + e.what();
  }
  return out;
}

std::string render_audit_html(const AuditReport& report,
                              const std::filesystem::path& templates_dir) {
  return render_document(templates_dir, "audit-report.html.mustache", report.model, report.svg);
}

std::string render_audit_json(const AuditReport& report) {
  return report.model.dump(2) + "\n";
}

}  // namespace kr::report
