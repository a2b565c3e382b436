// The timeline rows.
#include "transcript/timeline.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "transcript/checkpoint.h"
#include "transcript/json_scan.h"
#include "transcript/line_reader.h"
#include "transcript/note.h"
#include "util/error.h"
#include "util/regular_file.h"
#include "util/utf8.h"
#include "util/visible_text.h"

namespace kr::transcript {
namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string describe_event(const nlohmann::json& j) {
  std::string type = str(j, "type");
  const auto& d =
      j.contains("details") && j["details"].is_object() ? j["details"] : nlohmann::json::object();
  std::string out;
  if (type == "ceremony-started") {
    out = str(j, "target");
    if (d.contains("roster") && d["roster"].is_object()) {
      const auto& r = d["roster"];
      out += ", roster " + r.value("m", nlohmann::json(0)).dump() + "-of-" +
             r.value("n", nlohmann::json(0)).dump() + " (";
      bool first = true;
      if (r.contains("custodians") && r["custodians"].is_object())
        for (auto& [name, _] : r["custodians"].items())
          out += (first ? "" : ", ") + name, first = false;
      out += ")";
    }
  } else if (type == "approval-recorded") {
    out = "approved by " + str(d, "custodian");
  } else if (d.contains("approvals") && d["approvals"].is_array()) {
    out = "approvals:";
    for (const auto& a : d["approvals"])
      out += " " + (a.is_string() ? a.get<std::string>() : str(a, "custodian"));
  } else {
    out = str(j, "target");
  }
  if (j.contains("outputs") && j["outputs"].is_array())
    for (const auto& o : j["outputs"]) out += "; wrote " + str(o, "name");
  if (str(j, "outcome") == "failure") out += "; cause: " + str(j, "cause");
  return out;
}

std::string describe_checkpoint(const nlohmann::json& j) {
  std::string note = str(j, "note");
  try {
    auto body = parse_checkpoint_body(parse_note(note, "checkpoint").text, "checkpoint");
    std::string signers;
    for (const auto& s : body.signers) signers += (signers.empty() ? "" : ", ") + s;
    return "lines 0-" + std::to_string(body.tree_size - 1) + ", root " +
           to_hex(body.root).substr(0, 16) + "..., signed by " + signers;
  } catch (const Error& e) {
    return std::string("unreadable checkpoint: ") + e.what();
  }
}

using Row = std::array<std::string, 7>;

// Columns count characters, not bytes: a name in UTF-8 is as wide as its letters.
std::size_t display_width(const std::string& s) {
  return utf8_characters(s);
}

// A custodian refused or locked out is named in the who column, with the reason in what.
Row row_of(const nlohmann::json& j) {
  const std::string type = str(j, "type");
  const bool checkpoint = type == "checkpoint";
  const std::string target = str(j, "target");
  std::string who = str(j, "operator");
  if (type == "approval-recorded" && j.contains("details") && j["details"].is_object())
    who = str(j["details"], "custodian");
  else if (target.rfind("custodian:", 0) == 0)
    who = target.substr(10);
  std::string what;
  if (checkpoint)
    what = describe_checkpoint(j);
  else if (type == "quorum-failed" && target.rfind("custodian:", 0) == 0)
    what = "refused: " + str(j, "cause");
  else if (type == "custodian-locked-out")
    what = "locked out: " + str(j, "cause");
  else
    what = describe_event(j);
  return {visible_text(j.contains("seq") ? j["seq"].dump() : "?"),
          visible_text(str(j, "time")),
          visible_text(type),
          visible_text(checkpoint ? "" : str(j, "step")),
          visible_text(who),
          visible_text(checkpoint ? "" : str(j, "outcome")),
          visible_text(what)};
}

}  // namespace

void write_timeline(const std::filesystem::path& transcript, std::ostream& out) {
  UniqueFd fd = open_regular_file(transcript, "the transcript");
  LineReader reader(fd.get(), 8 * 1024 * 1024, transcript.string());
  JsonLimits limits;
  std::vector<JsonField> fields;
  // Every row first, then the columns as wide as their widest cell, so that a long custodian name
  // never runs into the next column. A transcript is a few hundred lines.
  std::vector<Row> rows{{"seq", "time", "type", "step", "who", "outcome", "what"}};
  std::string_view line;
  std::optional<Error> error;
  for (std::uint64_t n = 0;; ++n) {
    auto st = reader.next(line);
    if (st == LineReader::Status::end) break;
    std::string where = transcript.string() + ": line " + std::to_string(n);
    if (st == LineReader::Status::too_long) {
      error.emplace(where + " is longer than 8 MiB");
      break;
    }
    try {
      scan_json_object(line, limits, fields);
    } catch (const JsonError& e) {
      error.emplace(where + ": invalid JSON at byte " + std::to_string(e.offset()) + ": " +
                    e.what());
      break;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) {
      error.emplace(where + ": unreadable JSON");
      break;
    }
    rows.push_back(row_of(j));
  }
  out << "# " << visible_text(transcript.string()) << " (not verified; run kr-transcript verify)\n";
  std::array<std::size_t, 6> width{};
  for (const auto& row : rows)
    for (std::size_t c = 0; c < width.size(); ++c)
      width[c] = std::max(width[c], display_width(row[c]));
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < width.size(); ++c)
      out << row[c] << std::string(width[c] - display_width(row[c]) + 2, ' ');
    out << row[6] << "\n";
  }
  if (error) throw *error;
  if (reader.trailing_bytes())
    out << "# the last " << reader.trailing_bytes()
        << " bytes have no newline: a write was cut short\n";
}

}  // namespace kr::transcript
