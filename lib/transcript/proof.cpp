// Building and checking proof files.
#include "transcript/proof.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>

#include "transcript/json_scan.h"
#include "transcript/line_reader.h"
#include "transcript/trust.h"
#include "util/error.h"
#include "util/regular_file.h"

namespace kr::transcript {
namespace {

constexpr std::size_t kMaxLine = 8 * 1024 * 1024;

// One pass over the transcript: leaf hashes of the first `limit` lines and the text of the lines
// asked for.
struct Collected {
  std::vector<Hash> leaves;
  std::map<std::uint64_t, std::string> lines;
  std::uint64_t total = 0;
  std::optional<std::uint64_t> last_checkpoint;
};

Collected collect(const std::filesystem::path& path, std::vector<std::uint64_t> wanted,
                  bool want_last_checkpoint) {
  UniqueFd fd = open_regular_file(path, "the transcript");
  LineReader reader(fd.get(), kMaxLine, path.string());
  Collected c;
  std::string_view line;
  for (;;) {
    auto st = reader.next(line);
    if (st == LineReader::Status::end) break;
    if (st == LineReader::Status::too_long)
      throw Error(path.string() + ": line " + std::to_string(c.total) + " is longer than 8 MiB");
    c.leaves.push_back(leaf_hash(line));
    for (auto w : wanted)
      if (w == c.total) c.lines[w] = std::string(line);
    if (want_last_checkpoint && line.find("\"type\":\"checkpoint\"") != std::string_view::npos) {
      c.last_checkpoint = c.total;
      c.lines[c.total] = std::string(line);
    }
    ++c.total;
  }
  return c;
}

// The note of the checkpoint line at `seq`, checked to commit to the lines before it.
std::string checkpoint_note_at(const Collected& c, std::uint64_t seq, const std::string& what) {
  auto it = c.lines.find(seq);
  if (it == c.lines.end())
    throw Error(what + ": the transcript has no line " + std::to_string(seq));
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(it->second);
  } catch (const nlohmann::json::exception&) {
    throw Error(what + ": line " + std::to_string(seq) + " is not valid JSON");
  }
  if (j.value("type", "") != "checkpoint" || !j["note"].is_string())
    throw Error(what + ": line " + std::to_string(seq) + " is not a checkpoint");
  auto note = j["note"].get<std::string>();
  std::vector<Hash> prefix(c.leaves.begin(), c.leaves.begin() + static_cast<std::ptrdiff_t>(seq));
  auto text = note.substr(0, note.rfind("\n\n") + 1);
  auto body = parse_checkpoint_body(text, what);
  if (body.tree_size != seq || body.root != merkle_root(prefix))
    throw Error(what + ": the checkpoint at line " + std::to_string(seq) +
                " does not commit to the lines before it; run kr-transcript verify");
  return note;
}

nlohmann::ordered_json hex_list(const std::vector<Hash>& hashes) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& h : hashes) out.push_back(to_hex(h));
  return out;
}

}  // namespace

InclusionProof prove_inclusion(const std::filesystem::path& transcript, std::uint64_t index,
                               std::optional<std::uint64_t> checkpoint) {
  auto c = collect(transcript, {0, index, checkpoint.value_or(0)}, !checkpoint);
  std::string what = transcript.string();
  if (!checkpoint && !c.last_checkpoint) throw Error(what + ": the transcript has no checkpoint");
  std::uint64_t cp = checkpoint.value_or(c.last_checkpoint.value_or(0));
  if (index >= c.total) throw Error(what + ": there is no line " + std::to_string(index));
  if (index >= cp)
    throw Error(what + ": line " + std::to_string(index) +
                    " is not covered by the checkpoint at line " + std::to_string(cp),
                "choose a later --checkpoint");
  InclusionProof p;
  p.checkpoint = checkpoint_note_at(c, cp, what);
  p.line0 = c.lines.at(0);
  p.line0_hashes = inclusion_proof(c.leaves, 0, cp);
  p.index = index;
  p.line = c.lines.at(index);
  p.tree_size = cp;
  p.hashes = inclusion_proof(c.leaves, index, cp);
  return p;
}

ConsistencyProof prove_consistency(const std::filesystem::path& transcript, std::uint64_t first,
                                   std::uint64_t second) {
  std::string what = transcript.string();
  if (first >= second)
    throw Error(what + ": --from-checkpoint must be an earlier checkpoint than --to-checkpoint");
  auto c = collect(transcript, {0, first, second}, false);
  ConsistencyProof p;
  p.first_checkpoint = checkpoint_note_at(c, first, what);
  p.second_checkpoint = checkpoint_note_at(c, second, what);
  p.line0 = c.lines.at(0);
  p.line0_hashes = inclusion_proof(c.leaves, 0, second);
  p.first_size = first;
  p.second_size = second;
  p.hashes = consistency_proof(c.leaves, first, second);
  return p;
}

std::string to_json(const InclusionProof& p) {
  nlohmann::ordered_json j;
  j["keyrite-proof"] = "inclusion";
  j["line-0"] = p.line0;
  j["line-0-hashes"] = hex_list(p.line0_hashes);
  j["index"] = p.index;
  j["line"] = p.line;
  j["tree-size"] = p.tree_size;
  j["hashes"] = hex_list(p.hashes);
  j["checkpoint"] = p.checkpoint;
  return j.dump(2) + "\n";
}

std::string to_json(const ConsistencyProof& p) {
  nlohmann::ordered_json j;
  j["keyrite-proof"] = "consistency";
  j["line-0"] = p.line0;
  j["line-0-hashes"] = hex_list(p.line0_hashes);
  j["first-size"] = p.first_size;
  j["second-size"] = p.second_size;
  j["hashes"] = hex_list(p.hashes);
  j["first-checkpoint"] = p.first_checkpoint;
  j["second-checkpoint"] = p.second_checkpoint;
  return j.dump(2) + "\n";
}

}  // namespace kr::transcript
