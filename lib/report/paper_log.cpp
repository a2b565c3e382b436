// Values from the transcript's closing checkpoint and root certificate events.
#include "report/paper_log.h"

#include "replay/transcript_lines.h"
#include "transcript/checkpoint.h"
#include "transcript/note.h"
#include "util/bytes.h"
#include "util/pgp_words.h"

namespace kr::report {
namespace {

struct Closing {
  std::string root_hex, root_words, tree_size;
};

Closing closing_checkpoint(const replay::TranscriptLines& lines) {
  if (lines.lines.empty() || lines.lines.back().type != "checkpoint")
    return {"(no closing checkpoint)", "", ""};
  const auto& j = lines.lines.back().json;
  const auto body = transcript::parse_checkpoint_body(
      transcript::parse_note(j.value("note", ""), "closing checkpoint").text, "closing checkpoint");
  std::string words;
  for (const auto& w : pgp_words(body.root)) words += (words.empty() ? "" : " ") + w;
  return {to_hex(body.root), words, std::to_string(body.tree_size)};
}

const nlohmann::json* certificate_event(const replay::TranscriptLines& lines,
                                        const std::string& step) {
  for (const auto& line : lines.lines)
    if (line.type == "certificate-signed" && line.step == step) return &line.json;
  return nullptr;
}

std::string detail(const nlohmann::json* event, const char* key) {
  if (!event || !event->contains("details")) return "(not in the transcript)";
  const auto& d = (*event)["details"];
  return d.contains(key) && d[key].is_string() ? d[key].get<std::string>()
                                               : "(not in the transcript)";
}

}  // namespace

PaperLog paper_log(const script::Script& script, const std::filesystem::path* transcript) {
  std::optional<replay::TranscriptLines> lines;
  Closing closing;
  if (transcript) {
    lines = replay::load_transcript_lines(*transcript);
    closing = closing_checkpoint(*lines);
  }
  PaperLog log;
  log.lines.push_back({"final transcript root (hex)", closing.root_hex, false});
  log.lines.push_back({"final transcript root (PGP words)", closing.root_words, true});
  log.lines.push_back(
      {"tree size (lines the closing checkpoint covers)", closing.tree_size, false});
  for (const auto& step : script.steps) {
    const auto* root = std::get_if<script::SelfSign>(&step.body);
    if (!root) continue;
    const nlohmann::json* event = lines ? certificate_event(*lines, step.id) : nullptr;
    log.lines.push_back({"root " + root->output + ": certificate SHA-256 (of the DER)",
                         lines ? detail(event, "certificate_sha256") : "", false});
    log.lines.push_back({"root " + root->output + ": SPKI SHA-256",
                         lines ? detail(event, "spki_sha256") : "", false});
  }
  log.signatures.push_back("administrator: " + script.roles.administrator);
  log.signatures.push_back("internal auditor: " + script.roles.internal_auditor);
  log.signatures.push_back("witness");
  log.signatures.push_back("witness");
  return log;
}

std::string paper_log_text(const PaperLog& log) {
  std::string out = "paper log (copy each line onto the run-sheet's paper log page):\n";
  for (std::size_t i = 0; i < log.lines.size(); ++i) {
    const auto& line = log.lines[i];
    const std::string number = std::to_string(i + 1);
    out += std::string(number.size() < 2 ? 2 - number.size() : 0, ' ') + number + "  " +
           line.label + ":";
    if (!line.words) {
      out += " " + (line.value.empty() ? std::string("____") : line.value) + "\n";
      continue;
    }
    out += "\n";
    std::size_t column = 0;
    std::string row;
    std::size_t start = 0;
    while (start < line.value.size()) {
      std::size_t end = line.value.find(' ', start);
      if (end == std::string::npos) end = line.value.size();
      row += (column ? "  " : "      ") + line.value.substr(start, end - start);
      if (++column == 4) {
        out += row + "\n";
        row.clear();
        column = 0;
      }
      start = end + 1;
    }
    if (!row.empty()) out += row + "\n";
  }
  out += "then signed by:";
  for (const auto& s : log.signatures) out += (s == log.signatures.front() ? " " : "; ") + s;
  return out + "\n";
}

}  // namespace kr::report
