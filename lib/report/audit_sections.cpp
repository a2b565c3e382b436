// Facts, artifacts, approvals and checkpoints, each read from the transcript lines that verify
// accepted. Values are copied as the transcript has them; the templates escape them.
#include "report/audit_sections.h"

#include <algorithm>
#include <map>
#include <set>

#include "report/artifact_kind.h"
#include "transcript/checkpoint.h"
#include "transcript/note.h"
#include "util/bytes.h"
#include "util/error.h"

namespace kr::report {
namespace {

using Json = nlohmann::ordered_json;

std::string text(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  return it->is_string() ? it->get<std::string>() : it->is_null() ? "" : it->dump();
}

const nlohmann::json& object(const nlohmann::json& j, const char* key) {
  static const nlohmann::json empty = nlohmann::json::object();
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

std::string first(const nlohmann::json& j, const char* list, const char* key) {
  auto it = j.find(list);
  if (it == j.end() || !it->is_array() || it->empty() || !(*it)[0].is_object()) return "";
  return text((*it)[0], key);
}

const replay::StepVerdict* step_of(const replay::ReplayReport& r, const std::string& step) {
  for (const auto& s : r.steps)
    if (s.step == step) return &s;
  return nullptr;
}

std::string step_verdict(const replay::ReplayReport& r, const std::string& step) {
  const auto* s = step_of(r, step);
  return s ? replay::to_string(s->status) : step.empty() ? "" : "not checked";
}

std::vector<std::string> roster_names(const nlohmann::json& details, const char* key) {
  std::vector<std::string> out;
  const auto& roster = object(details, key);
  for (const auto& [name, _] : object(roster, "custodians").items()) out.push_back(name);
  return out;
}

}  // namespace

Json ceremony_facts(const replay::TranscriptLines& lines) {
  const auto& line0 = lines.lines.at(0).json;
  const auto& d = object(line0, "details");
  const auto& token = object(d, "token");
  Json f = Json::array();
  auto add = [&](const std::string& name, const std::string& value, bool mono = false) {
    if (!value.empty()) f.push_back({{"name", name}, {"value", value}, {"mono", mono}});
  };
  add("ceremony", text(d, "ceremony").empty() ? text(line0, "target") : text(d, "ceremony"));
  add("description", text(d, "description"));
  add("test ceremony", text(d, "test_ceremony") == "true" ? "yes: a rehearsal" : "");
  add("script file", text(d, "script_file"), true);
  add("script SHA-256", first(line0, "inputs", "sha256"), true);
  add("kr-ceremony binary SHA-256", text(d, "binary_sha256"), true);
  add("tool version", text(d, "tool_version"));
  add("attested time (reference clock)", text(d, "attested_time"));
  add("system time", text(d, "system_time"));
  add("operator (administrator)", text(line0, "operator"));
  add("internal auditor", text(d, "internal_auditor"));
  add("token", text(token, "label") +
                   (text(token, "serial").empty() ? "" : ", serial " + text(token, "serial")) +
                   (text(token, "model").empty()
                        ? ""
                        : ", " + text(token, "manufacturer") + " " + text(token, "model")));
  add("PKCS#11 module", text(d, "module"), true);
  const auto& roster = object(d, "roster");
  if (!roster.empty()) {
    std::string names;
    for (const auto& n : roster_names(d, "roster")) names += (names.empty() ? "" : ", ") + n;
    add("activation quorum", text(roster, "m") + " of " + text(roster, "n") + " (set " +
                                 text(roster, "set-id") + "): " + names);
  } else {
    add("activation quorum", text(d, "quorum"));
  }
  const auto& recovery = object(d, "key_backup_roster");
  if (!recovery.empty()) {
    std::string names;
    for (const auto& n : roster_names(d, "key_backup_roster"))
      names += (names.empty() ? "" : ", ") + n;
    add("key-backup quorum", text(recovery, "m") + " of " + text(recovery, "n") + " (set " +
                                 text(recovery, "set-id") + "): " + names);
  }
  return f;
}

Json artifact_rows(const replay::TranscriptLines& lines, const replay::ReplayReport& r) {
  static const std::set<std::string> artifact_events{
      "key-generated", "certificate-signed",   "csr-signed",
      "crl-signed",    "ocsp-response-signed", "public-key-exported",
      "key-backed-up", "key-restored",         "key-destroyed"};
  Json rows = Json::array();
  for (const auto& line : lines.lines) {
    if (!artifact_events.count(line.type) || text(line.json, "outcome") == "failure") continue;
    const auto& d = object(line.json, "details");
    const auto* step = step_of(r, line.step);
    const std::string kind =
        artifact_kind(line.type, step ? step->kind : "", d.contains("ca") && d["ca"] == true);
    Json row{{"seq", line.seq}, {"step", line.step}, {"kind", kind}};
    std::string name = first(line.json, "outputs", "name");
    if (name.empty() || line.type == "key-generated") name = text(line.json, "target");
    row["name"] = name;
    std::string subject = text(d, "subject");
    if (line.type == "crl-signed") subject = "issuer " + text(d, "issuer");
    if (line.type == "ocsp-response-signed")
      subject = text(d, "status") + " for " + text(d, "certificate");
    if (line.type == "key-generated" || line.type == "key-destroyed")
      subject = text(d, "algorithm");
    row["subject"] = subject;
    row["serial"] =
        line.type == "crl-signed" ? "CRL number " + text(d, "crl_number") : text(d, "serial");
    std::string from =
        text(d, "not_before").empty() ? text(d, "this_update") : text(d, "not_before");
    std::string to = text(d, "not_after").empty() ? text(d, "next_update") : text(d, "not_after");
    row["validity"] = from.empty() ? "" : from + " to " + to;
    row["sha256"] =
        line.type == "key-generated" || line.type == "key-destroyed" || line.type == "key-backed-up"
            ? text(d, "spki_sha256")
            : first(line.json, "outputs", "sha256");
    row["sha256_of"] =
        line.type == "key-generated" || line.type == "key-destroyed" || line.type == "key-backed-up"
            ? "SPKI"
            : "file";
    row["verdict"] = step_verdict(r, line.step);
    rows.push_back(row);
  }
  return rows;
}

Json approval_matrix(const replay::TranscriptLines& lines, const replay::ReplayReport& r) {
  const auto& d = object(lines.lines.at(0).json, "details");
  std::vector<std::string> custodians = roster_names(d, "roster");
  for (const auto& n : roster_names(d, "key_backup_roster"))
    if (std::find(custodians.begin(), custodians.end(), n) == custodians.end())
      custodians.push_back(n);
  if (custodians.empty() && d.contains("custodians") && d["custodians"].is_array())
    for (const auto& n : d["custodians"])
      if (n.is_string()) custodians.push_back(n.get<std::string>());
  Json header = Json::array();
  for (const auto& c : custodians) header.push_back(c);
  Json rows = Json::array();
  for (const auto& step : r.steps) {
    Json cells = Json::array();
    for (const auto& c : custodians) {
      std::vector<std::string> marks;
      std::string css = "";
      for (const auto& line : lines.lines) {
        if (line.step != step.step) continue;
        const std::string target = text(line.json, "target");
        if (line.type == "approval-recorded" &&
            text(object(line.json, "details"), "custodian") == c) {
          marks.push_back("approved " + line.time.substr(11, 8));
          if (css.empty()) css = "approved";
        } else if (line.type == "quorum-failed" && target == "custodian:" + c) {
          marks.push_back("refused");
          css = "refused";
        } else if (line.type == "custodian-locked-out" && target == "custodian:" + c) {
          marks.push_back("locked out");
          css = "locked";
        }
      }
      std::string cell;
      for (const auto& m : marks) cell += (cell.empty() ? "" : ", ") + m;
      cells.push_back({{"text", cell}, {"class", css.empty() ? "none" : css}});
    }
    std::string quorum;
    for (const auto& c : step.checked)
      if (c.rfind("quorum", 0) == 0) quorum = c;
    for (const auto& p : step.problems)
      if (p.rfind("quorum", 0) == 0) quorum = p;
    for (const auto& n : step.notes)
      if (quorum.empty() && n.rfind("quorum", 0) == 0) quorum = n;
    rows.push_back({{"step", step.step},
                    {"cells", cells},
                    {"quorum", quorum},
                    {"verdict", replay::to_string(step.status)}});
  }
  return {{"custodians", header}, {"rows", rows}};
}

Json checkpoint_rows(const replay::TranscriptLines& lines, const transcript::VerifyResult& v) {
  Json rows = Json::array();
  const std::uint64_t verified_up_to = v.last_checkpoint ? v.last_checkpoint->seq : 0;
  for (const auto& line : lines.lines) {
    if (line.type != "checkpoint") continue;
    Json row{{"seq", line.seq},
             {"time", line.time},
             {"verified", v.last_checkpoint && line.seq <= verified_up_to}};
    try {
      const auto body = transcript::parse_checkpoint_body(
          transcript::parse_note(text(line.json, "note"), "checkpoint").text, "checkpoint");
      row["tree_size"] = std::to_string(body.tree_size);
      row["root"] = to_hex(body.root);
      std::string signers;
      for (const auto& s : body.signers) signers += (signers.empty() ? "" : ", ") + s;
      row["signers"] = signers;
    } catch (const Error& e) {
      row["root"] = std::string("unreadable: ") + e.what();
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace kr::report
