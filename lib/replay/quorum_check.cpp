// Approvals per gated step.
#include "replay/quorum_check.h"

#include <map>
#include <set>

#include "quorum/approval.h"
#include "script/step_digest.h"
#include "transcript/roster.h"
#include "util/error.h"
#include "util/time.h"

namespace kr::replay {
namespace {

// Event types that record a quorum, not the step's own work.
bool quorum_event(const std::string& type) {
  return type == "approval-recorded" || type == "quorum-reached" || type == "quorum-failed";
}

// "2026-11-22T23:45:51.123Z" -> seconds; nullopt when malformed.
std::optional<UtcTime> line_time(const std::string& time) {
  if (time.size() < 20) return std::nullopt;
  return parse_utc(time.substr(0, 19) + "Z");
}

// The last line of `step` that is its result (not a quorum event); nullopt when it did not run.
std::optional<std::uint64_t> result_line(const TranscriptLines& lines, const std::string& step) {
  std::optional<std::uint64_t> out;
  for (const auto& line : lines.lines)
    if (line.step == step && line.type != "checkpoint" && !quorum_event(line.type)) out = line.seq;
  return out;
}

// Which quorum an approval line belongs to: details.quorum, "activation" when absent (transcripts
// written before the key-backup quorum existed).
std::string line_quorum(const Line& line) {
  const auto details = line.json.find("details");
  if (details == line.json.end() || !details->is_object()) return "activation";
  const auto q = details->find("quorum");
  return q != details->end() && q->is_string() ? q->get<std::string>() : "activation";
}

// Steps that also need the recovery custodians' key-backup quorum.
bool needs_key_backup(const script::Step& step) {
  const std::string kind = script::step_kind(step.body);
  return kind == "backup-key" || kind == "restore-key";
}

struct StepContext {
  const TranscriptLines& lines;
  const EmbeddedScript& script;
  const transcript::Roster& roster;
  const std::string& quorum;  // "activation" or "key-backup"
  const std::string& step_id;
  const std::string& step_sha256;
  std::uint64_t after;  // log_size must exceed this (the previous gated step's result line)
};

// The reasons one approval line does not count; empty when it does.
std::vector<std::string> check_one(const StepContext& c, const Line& line,
                                   const quorum::Approval& a) {
  std::vector<std::string> why;
  auto key = c.roster.custodians.find(a.custodian);
  if (key == c.roster.custodians.end()) {
    why.push_back("is not on the roster of set " + c.roster.set_id);
    return why;
  }
  if (!quorum::verify_approval(a, key->second)) why.push_back("signature does not verify");
  if (a.request.ceremony_id != c.script.script.ceremony_id)
    why.push_back("approves ceremony " + a.request.ceremony_id + ", not " +
                  c.script.script.ceremony_id);
  if (a.request.step_id != c.step_id) why.push_back("approves step " + a.request.step_id);
  if (a.request.step_sha256 != c.step_sha256)
    why.push_back("approves step text with SHA-256 " + a.request.step_sha256 +
                  ", the script's step hashes to " + c.step_sha256);
  if (a.set_id != c.roster.set_id)
    why.push_back("is from share set " + a.set_id + ", the roster's is " + c.roster.set_id);
  if (a.request.log_size > line.seq) {
    why.push_back("names a log of " + std::to_string(a.request.log_size) +
                  " lines, more than precede its own line " + std::to_string(line.seq));
  } else {
    if (a.request.log_size <= c.after)
      why.push_back("names a log of " + std::to_string(a.request.log_size) +
                    " lines, which ends before the previous gated step's result (line " +
                    std::to_string(c.after) + "): an approval reused from earlier");
    if (c.lines.tree_head_hex(a.request.log_size) != a.request.log_root)
      why.push_back("log-root is not the Merkle head of the transcript's first " +
                    std::to_string(a.request.log_size) + " lines");
  }
  const auto signed_at = parse_utc(a.time);
  const auto recorded_at = line_time(line.time);
  if (!signed_at || !recorded_at)
    why.push_back("time \"" + a.time + "\" is not a UTC time");
  else if (*signed_at + kApprovalLifetime < *recorded_at)
    why.push_back("expired: signed at " + a.time + ", recorded at " + line.time + ", more than " +
                  std::to_string(kApprovalLifetime.count()) + " minutes later");
  return why;
}

void check_step(const StepContext& c, std::optional<std::uint64_t> result, StepVerdict& verdict) {
  std::set<std::string> approved;
  std::vector<std::string> counted;
  for (const auto& line : c.lines.lines) {
    // An attempt that ended before the step's result (the step failed, or the run paused or
    // crashed and was resumed) takes its approvals with it: the result counts only the approvals
    // of the attempt that made it.
    const bool attempt_ended =
        (line.type == "step-failed" && line.step == c.step_id) || line.type == "ceremony-resumed";
    if (attempt_ended && (!result || line.seq < *result)) {
      approved.clear();
      counted.clear();
      continue;
    }
    if (line.type != "approval-recorded" || line.step != c.step_id) continue;
    if (line_quorum(line) != c.quorum) continue;
    if (result && line.seq > *result) {
      verdict.fail("quorum: the approval on line " + std::to_string(line.seq) +
                   " comes after the step's result (line " + std::to_string(*result) + ")");
      continue;
    }
    const std::string where = "quorum: line " + std::to_string(line.seq) + ": ";
    quorum::Approval a;
    try {
      const auto& details = line.json.at("details");
      if (!details.contains("approval")) throw Error("details.approval is missing");
      a = quorum::approval_from_json(details.at("approval"), "details.approval");
    } catch (const std::exception& e) {
      verdict.fail(where + e.what());
      continue;
    }
    const auto why = check_one(c, line, a);
    for (const auto& reason : why)
      verdict.fail(where + "custodian " + a.custodian + ": approval " + reason);
    if (!why.empty()) continue;
    if (!approved.insert(a.custodian).second) {
      verdict.fail(where + "custodian " + a.custodian + " approved this step twice; counted once");
      continue;
    }
    counted.push_back(a.custodian);
  }
  std::string names;
  for (const auto& n : counted) names += (names.empty() ? "" : ", ") + n;
  const std::string of = (c.quorum == "activation" ? "" : c.quorum + " ") +
                         std::to_string(c.roster.m) + "-of-" + std::to_string(c.roster.n);
  if (counted.size() < c.roster.m)
    verdict.fail("quorum: " + std::to_string(counted.size()) +
                 " valid approvals from distinct custodians on the roster" +
                 (names.empty() ? "" : " (" + names + ")") + ", " + of + " needs " +
                 std::to_string(c.roster.m));
  else
    verdict.checked.push_back("quorum " + of + ": approved by " + names);
}

}  // namespace

std::string check_quorum(const TranscriptLines& lines, const EmbeddedScript& script,
                         const std::optional<transcript::Roster>& roster,
                         std::vector<StepVerdict>& verdicts, std::vector<std::string>& problems) {
  const auto& s = script.script;
  if (!s.quorum) {
    const std::string summary =
        s.test_ceremony ? "no quorum (test ceremony)" : "no quorum (the script declares none)";
    for (auto& v : verdicts) v.notes.push_back("quorum: not checked, " + summary);
    return summary;
  }
  if (!roster) {
    problems.push_back(
        "the script declares a quorum but line 0 has no roster (details.roster): "
        "no approval can be checked");
    return "quorum declared, no roster";
  }
  if (roster->m != static_cast<std::uint64_t>(s.quorum->activation.m))
    problems.push_back("the roster's m is " + std::to_string(roster->m) +
                       " but the script's quorum.activation is " +
                       std::to_string(s.quorum->activation.m) + "-of-" +
                       std::to_string(s.quorum->activation.n));
  // The recovery custodians' roster, for backup-key and restore-key (details.key_backup_roster).
  std::optional<transcript::Roster> recovery;
  if (!lines.lines.empty()) {
    const auto& line0 = lines.lines.front().json;
    const auto details = line0.find("details");
    if (details != line0.end() && details->is_object() && details->contains("key_backup_roster"))
      recovery = transcript::read_roster(
          nlohmann::json{{"details", {{"roster", details->at("key_backup_roster")}}}});
  }
  const std::string activation = "activation", key_backup = "key-backup";
  std::uint64_t after = 0;  // line 0 must be inside every approved prefix
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    const auto& step = s.steps[i];
    const auto result = result_line(lines, step.id);
    const std::string sha = script::step_sha256(script.text, s, i);
    StepContext c{lines, script, *roster, activation, step.id, sha, after};
    check_step(c, result, verdicts[i]);
    if (needs_key_backup(step)) {
      if (recovery) {
        StepContext r{lines, script, *recovery, key_backup, step.id, sha, after};
        check_step(r, result, verdicts[i]);
      } else {
        verdicts[i].fail("quorum: a " + std::string(script::step_kind(step.body)) +
                         " step needs the key-backup quorum, but line 0 has no "
                         "details.key_backup_roster to check its approvals against");
      }
    }
    if (result) after = *result;
  }
  return std::to_string(roster->m) + "-of-" + std::to_string(roster->n) + " (set " +
         roster->set_id + ")";
}

}  // namespace kr::replay
