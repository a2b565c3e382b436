// Loading the transcript's lines for replay.
#include "replay/transcript_lines.h"

#include "util/atomic_file.h"
#include "util/bytes.h"
#include "util/error.h"

namespace kr::replay {

std::string TranscriptLines::tree_head_hex(std::uint64_t size) const {
  if (size > leaves.size())
    throw Error("tree size " + std::to_string(size) + " is beyond the transcript's " +
                std::to_string(leaves.size()) + " lines");
  std::vector<transcript::Hash> prefix(leaves.begin(),
                                       leaves.begin() + static_cast<std::ptrdiff_t>(size));
  return to_hex(transcript::merkle_root(prefix));
}

TranscriptLines load_transcript_lines(const std::filesystem::path& file) {
  const Bytes data = read_file(file);
  const std::string_view text(reinterpret_cast<const char*>(data.data()), data.size());
  TranscriptLines out;
  std::size_t start = 0;
  while (true) {
    const auto end = text.find('\n', start);
    if (end == text.npos) break;  // an unfinished last line is not a line
    const std::string_view raw = text.substr(start, end - start);
    Line line;
    line.seq = out.lines.size();
    line.json = nlohmann::json::parse(raw, nullptr, false);
    if (!line.json.is_object())
      throw Error(file.string() + ": line " + std::to_string(line.seq) + " is not a JSON object");
    line.type = line.json.value("type", "");
    line.time = line.json.value("time", "");
    line.step = line.json.value("step", "");
    out.leaves.push_back(transcript::leaf_hash(raw));
    out.lines.push_back(std::move(line));
    start = end + 1;
  }
  return out;
}

}  // namespace kr::replay
