// The timeline rows.
#include "transcript/timeline.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "transcript/checkpoint.h"
#include "transcript/json_scan.h"
#include "transcript/line_reader.h"
#include "transcript/note.h"
#include "util/error.h"
#include "util/regular_file.h"

namespace kr::transcript {
namespace {

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string describe_event(const nlohmann::json& j) {
  std::string type = str(j, "type");
  const auto& d = j.contains("details") && j["details"].is_object() ? j["details"] : nlohmann::json::object();
  std::string out;
  if (type == "ceremony-started") {
    out = str(j, "target");
    if (d.contains("roster") && d["roster"].is_object()) {
      const auto& r = d["roster"];
      out += ", roster " + r.value("m", nlohmann::json(0)).dump() + "-of-" + r.value("n", nlohmann::json(0)).dump() + " (";
      bool first = true;
      if (r.contains("custodians") && r["custodians"].is_object())
        for (auto& [name, _] : r["custodians"].items()) out += (first ? "" : ", ") + name, first = false;
      out += ")";
    }
  } else if (type == "approval-recorded") {
    out = "approved by " + str(d, "custodian");
  } else if (d.contains("approvals") && d["approvals"].is_array()) {
    out = "approvals:";
    for (const auto& a : d["approvals"]) out += " " + (a.is_string() ? a.get<std::string>() : str(a, "custodian"));
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
    return "lines 0-" + std::to_string(body.tree_size - 1) + ", root " + to_hex(body.root).substr(0, 16) +
           "..., signed by " + signers;
  } catch (const Error& e) {
    return std::string("unreadable checkpoint: ") + e.what();
  }
}

}  // namespace

void write_timeline(const std::filesystem::path& transcript, std::ostream& out) {
  int fd = open_regular_file(transcript, "the transcript");
  struct Closer { int fd; ~Closer() { ::close(fd); } } closer{fd};
  LineReader reader(fd, 8 * 1024 * 1024, transcript.string());
  JsonLimits limits;
  std::vector<JsonField> fields;
  out << "# " << transcript.string() << " (not verified; run kr-transcript verify)\n";
  out << std::left << std::setw(6) << "seq" << std::setw(26) << "time" << std::setw(22) << "type"
      << std::setw(12) << "step" << std::setw(10) << "who" << std::setw(9) << "outcome" << "what\n";
  std::string_view line;
  std::uint64_t n = 0;
  for (;; ++n) {
    auto st = reader.next(line);
    if (st == LineReader::Status::end) break;
    std::string where = transcript.string() + ": line " + std::to_string(n);
    if (st == LineReader::Status::too_long) throw Error(where + " is longer than 8 MiB");
    try {
      scan_json_object(line, limits, fields);
    } catch (const JsonError& e) {
      throw Error(where + ": invalid JSON at byte " + std::to_string(e.offset()) + ": " + e.what());
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded()) throw Error(where + ": unreadable JSON");
    std::string type = str(j, "type");
    bool checkpoint = type == "checkpoint";
    std::string who = str(j, "operator");
    if (type == "approval-recorded" && j.contains("details") && j["details"].is_object())
      who = str(j["details"], "custodian");
    out << std::setw(6) << (j.contains("seq") ? j["seq"].dump() : "?") << std::setw(26) << str(j, "time")
        << std::setw(22) << type << std::setw(12) << (checkpoint ? "" : str(j, "step")) << std::setw(10) << who
        << std::setw(9) << (checkpoint ? "" : str(j, "outcome"))
        << (checkpoint ? describe_checkpoint(j) : describe_event(j)) << "\n";
  }
  if (reader.trailing_bytes())
    out << "# the last " << reader.trailing_bytes() << " bytes have no newline: a write was cut short\n";
}

}  // namespace kr::transcript
