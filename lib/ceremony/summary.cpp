#include "ceremony/summary.h"

#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <system_error>

#include "ceremony/crl_state.h"
#include "ceremony/inventory.h"
#include "report/artifact_kind.h"

namespace kr::ceremony {
namespace {

namespace fs = std::filesystem;

struct Row {
  std::vector<std::string> cells;
};

// Columns padded to their widest cell; the last column is not padded.
void table(std::ostream& out, const std::vector<std::string>& head, const std::vector<Row>& rows) {
  std::vector<std::size_t> width(head.size());
  for (std::size_t i = 0; i < head.size(); ++i) width[i] = head[i].size();
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.cells.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], r.cells[i].size());
  auto line = [&](const std::vector<std::string>& cells) {
    out << " ";
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out << " " << cells[i];
      if (i + 1 < cells.size()) out << std::string(width[i] - cells[i].size(), ' ');
    }
    out << "\n";
  };
  line(head);
  for (const auto& r : rows) line(r.cells);
}

// The names the audit report uses (report/artifact_kind.h), from the step that wrote the file.
std::string kind_of(const Context& ctx, const nlohmann::json& event) {
  const std::string step = event.value("step", "");
  std::string step_kind;
  for (const auto& s : ctx.script.steps)
    if (s.id == step) step_kind = script::step_kind(s.body);
  const auto details = event.value("details", nlohmann::json::object());
  return report::artifact_kind(event.value("type", ""), step_kind,
                               details.contains("ca") && details["ca"] == true);
}

std::string subject_of(const std::string& type, const nlohmann::json& d, const std::string& label) {
  if (type == "crl-signed")
    return "issuer " + d.value("issuer", "") + ", CRL number " + d.value("crl_number", "");
  if (type == "ocsp-response-signed")
    return d.value("status", "") + " for " + d.value("certificate", "");
  if (type == "public-key-exported") return "key " + label;
  return d.value("subject", "");
}

std::string absolute_text(const fs::path& p) {
  std::error_code error;
  auto a = fs::absolute(p, error);
  return (error ? p : a.lexically_normal()).string();
}

}  // namespace

void print_summary(Context& ctx, RunStatus status) {
  std::ifstream in(ctx.log->path(), std::ios::binary);
  std::vector<Row> keys, artifacts;
  std::set<std::string> destroyed;
  std::string line;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || j.value("outcome", "") != "success") continue;
    const std::string type = j.value("type", "");
    const auto details = j.value("details", nlohmann::json::object());
    const std::string target = j.value("target", "");
    const std::string label = target.rfind("key:", 0) == 0 ? target.substr(4) : target;
    if (type == "key-generated" || type == "key-restored") {
      destroyed.erase(label);
      keys.push_back({{label, details.value("algorithm", ""), details.value("spki_sha256", ""),
                       j.value("step", "")}});
      continue;
    }
    if (type == "key-destroyed") {
      destroyed.insert(label);
      continue;
    }
    for (const auto& o : j.value("outputs", nlohmann::json::array())) {
      const std::string name = o.value("name", "");
      // The CRL state file is no artifact; the summary's files table names it.
      if (name.empty() || name.rfind("key:", 0) == 0 || names_crl_state(name)) continue;
      artifacts.push_back(
          {{name, kind_of(ctx, j), subject_of(type, details, label), o.value("sha256", "")}});
    }
  }
  for (auto& k : keys)
    if (destroyed.count(k.cells[0])) k.cells[1] += " (destroyed)";
  for (auto& k : keys) k.cells.pop_back();

  auto& out = ctx.out;
  out << "\n== summary: ceremony " << ctx.script.ceremony_id << ", "
      << (status == RunStatus::finished ? "finished" : "paused (resumable)") << " ==\n";
  out << "keys (" << keys.size() << ")\n";
  if (!keys.empty()) table(out, {"label", "type", "SPKI SHA-256"}, keys);
  out << "artifacts (" << artifacts.size() << ") in " << absolute_text(ctx.options.output_dir)
      << "\n";
  if (!artifacts.empty()) table(out, {"file", "kind", "subject", "SHA-256"}, artifacts);

  std::vector<Row> files{{{"transcript", absolute_text(ctx.log->path())}}};
  std::error_code error;
  const auto inventory = inventory_path(ctx.script, ctx.options);
  if (fs::exists(inventory, error))
    files.push_back({{"disclosure inventory", absolute_text(inventory)}});
  std::set<std::string> states;
  for (const auto& step : ctx.script.steps)
    if (const auto* crl = std::get_if<script::SignCrl>(&step.body))
      if (states.insert(absolute_text(crl->state.resolved)).second)
        files.push_back(
            {{"CRL-number state (beside the script)", absolute_text(crl->state.resolved)}});
  if (ctx.script.quorum)
    files.push_back(
        {{"share-set descriptor", absolute_text(ctx.script.quorum->activation.resolved)}});
  out << "files\n";
  table(out, {"what", "where"}, files);
  out << std::flush;
}

}  // namespace kr::ceremony
