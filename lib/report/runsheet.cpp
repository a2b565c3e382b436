// The run-sheet model from the parsed script.
#include "report/runsheet.h"

#include <sstream>

#include "ossl/digest.h"
#include "report/paper_log.h"
#include "report/step_words.h"
#include "report/templates.h"
#include "util/bytes.h"
#include "util/pgp_words.h"
#include "util/plural.h"

namespace kr::report {
namespace {

using Json = nlohmann::ordered_json;

std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string quorum_text(const script::ShareSetRef& set,
                        const std::vector<std::string>& custodians) {
  return std::to_string(set.m) + " of the " + std::to_string(set.n) + " custodians " +
         names(custodians);
}

bool needs_recovery(const script::Step& step) {
  return std::holds_alternative<script::BackupKey>(step.body) ||
         std::holds_alternative<script::RestoreKey>(step.body);
}

Json roles(const script::Script& s) {
  Json out = Json::array();
  out.push_back({{"role", "administrator"}, {"name", s.roles.administrator}});
  out.push_back({{"role", "internal auditor"}, {"name", s.roles.internal_auditor}});
  for (const auto& c : s.roles.custodians) out.push_back({{"role", "custodian"}, {"name", c}});
  for (const auto& c : s.roles.recovery_custodians)
    out.push_back({{"role", "recovery custodian"}, {"name", c}});
  for (int i = 1; i <= 3; ++i) out.push_back({{"role", "witness"}, {"name", ""}});
  return out;
}

Json equipment(const script::Script& s) {
  Json out = Json::array();
  out.push_back({{"item", "token label"}, {"value", s.token.label}});
  out.push_back({{"item", "PKCS#11 module"}, {"value", s.token.module}});
  if (!s.token.init_params.empty())
    out.push_back({{"item", "module parameters"}, {"value", s.token.init_params}});
  if (s.quorum) {
    out.push_back(
        {{"item", "activation share-set descriptor"}, {"value", s.quorum->activation.descriptor}});
    out.push_back({{"item", "a share file for each activation custodian"},
                   {"value", names(s.roles.custodians)}});
    if (s.quorum->key_backup) {
      out.push_back({{"item", "key-backup share-set descriptor"},
                     {"value", s.quorum->key_backup->descriptor}});
      out.push_back({{"item", "a share file for each recovery custodian"},
                     {"value", names(s.roles.recovery_custodians)}});
    }
  }
  out.push_back({{"item", "the ceremony script"}, {"value", s.file}});
  out.push_back({{"item", "reference clock (the attested time)"}, {"value", ""}});
  return out;
}

Json present(const script::Script& s, const script::Step& step) {
  Json out = Json::array();
  out.push_back("administrator " + s.roles.administrator);
  out.push_back("internal auditor " + s.roles.internal_auditor);
  if (!s.quorum) {
    out.push_back("no custodian quorum: a test ceremony, the token opened with one PIN");
    return out;
  }
  out.push_back(quorum_text(s.quorum->activation, s.roles.custodians));
  if (needs_recovery(step) && s.quorum->key_backup)
    out.push_back("and " + quorum_text(*s.quorum->key_backup, s.roles.recovery_custodians) +
                  " (recovery)");
  return out;
}

Json paper_log_model(const script::Script& s) {
  const PaperLog log = paper_log(s);
  Json lines = Json::array();
  for (std::size_t i = 0; i < log.lines.size(); ++i) {
    Json rows = Json::array();
    if (log.lines[i].words)  // 32 words: eight rows of four
      for (int r = 1; r <= 29; r += 4) rows.push_back({{"number", std::to_string(r)}});
    lines.push_back({{"number", std::to_string(i + 1)},
                     {"label", log.lines[i].label},
                     {"words", log.lines[i].words},
                     {"rows", rows}});
  }
  Json signatures = Json::array();
  for (const auto& sig : log.signatures) signatures.push_back({{"who", sig}});
  return {{"lines", lines}, {"signatures", signatures}};
}

}  // namespace

Json word_rows(const std::string& hex) {
  Json rows = Json::array();
  const auto bytes = from_hex(hex);
  if (!bytes) return rows;
  std::istringstream in(pgp_word_rows(*bytes));
  for (std::string line; std::getline(in, line);) rows.push_back(line);
  return rows;
}

Json runsheet_model(const script::Script& s, const RunSheetPlan& plan) {
  const std::string script_sha256 = ossl::sha256_file_hex(s.file);
  Json m;
  m["document"] = "run-sheet";
  m["title"] = "Run-sheet: " + s.ceremony_id;
  m["ceremony"] = {{"id", s.ceremony_id},
                   {"description", s.description},
                   {"test", s.test_ceremony},
                   {"script_file", s.file},
                   {"script_sha256", script_sha256},
                   {"script_words", word_rows(script_sha256)}};
  m["roles"] = roles(s);
  if (s.quorum) {
    m["quorum"] = {{"activation", quorum_text(s.quorum->activation, s.roles.custodians)},
                   {"key_backup", s.quorum->key_backup ? quorum_text(*s.quorum->key_backup,
                                                                     s.roles.recovery_custodians)
                                                       : ""}};
  } else {
    m["quorum"] = false;
  }
  m["equipment"] = equipment(s);
  m["plan"] = plan.file.empty() ? Json(false)
                                : Json{{"file", plan.file},
                                       {"planned", plan.tbs_sha256.size()},
                                       {"planned_text", count_of(plan.tbs_sha256.size(), "step")}};
  m["step_count"] = s.steps.size();
  Json steps = Json::array();
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    const auto& step = s.steps[i];
    auto words = describe_step(step);
    Json block{{"number", std::to_string(i + 1)},
               {"id", step.id},
               {"kind", script::step_kind(step.body)},
               {"description", step.description},
               {"action", words.front()},
               {"particulars", Json(std::vector<std::string>(words.begin() + 1, words.end()))},
               {"present", present(s, step)}};
    if (auto it = plan.tbs_sha256.find(step.id); it != plan.tbs_sha256.end())
      block["planned"] = {{"tbs_sha256", it->second}, {"tbs_words", word_rows(it->second)}};
    else
      block["planned"] = false;
    steps.push_back(block);
  }
  m["steps"] = steps;
  m["paper_log"] = paper_log_model(s);
  return m;
}

std::string render_runsheet(const Json& model, const std::filesystem::path& templates_dir) {
  return render_document(templates_dir, "runsheet.html.mustache", model);
}

}  // namespace kr::report
