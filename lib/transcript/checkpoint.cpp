// Checkpoint bodies, origins and checkpoint lines.
#include "transcript/checkpoint.h"

#include <nlohmann/json.hpp>

#include "ossl/digest.h"
#include "transcript/value_formats.h"
#include "util/base64.h"
#include "util/error.h"

namespace kr::transcript {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    auto eol = text.find('\n');
    if (eol == std::string_view::npos) break;
    lines.push_back(text.substr(0, eol));
    text.remove_prefix(eol + 1);
  }
  return lines;
}

bool parse_decimal(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 20 || (s.size() > 1 && s[0] == '0')) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

}  // namespace

std::string format_checkpoint_body(const CheckpointBody& body) {
  std::string out = body.origin + "\n" + std::to_string(body.tree_size) + "\n" +
                    base64_encode(body.root) + "\n" + "time " + body.time + "\nsigners";
  for (const auto& s : body.signers) out += " " + s;
  return out + "\n";
}

CheckpointBody parse_checkpoint_body(const std::string& text, const std::string& what) {
  if (text.empty() || text.back() != '\n')
    throw Error(what + ": the checkpoint text does not end in a newline");
  auto lines = split_lines(text);
  if (lines.size() != 5)
    throw Error(what + ": the checkpoint text has " + std::to_string(lines.size()) +
                " lines; keyrite writes 5 (origin, tree size, root hash, time, signers)");
  CheckpointBody b;
  b.origin = std::string(lines[0]);
  if (b.origin.empty()) throw Error(what + ": the checkpoint origin is empty");
  if (!parse_decimal(lines[1], b.tree_size))
    throw Error(what + ": the checkpoint tree size '" + std::string(lines[1]) +
                "' is not a decimal number");
  auto root = base64_decode(lines[2]);
  if (!root || root->size() != 32)
    throw Error(what + ": the checkpoint root hash is not base64 of 32 bytes");
  std::copy(root->begin(), root->end(), b.root.begin());
  if (lines[3].substr(0, 5) != "time " || lines[3].size() == 5)
    throw Error(what + ": the checkpoint's fourth line is not 'time <time>'");
  b.time = std::string(lines[3].substr(5));
  if (!valid_time_millis(b.time))
    throw Error(what + ": the checkpoint time '" + b.time +
                "' is not UTC with milliseconds (YYYY-MM-DDTHH:MM:SS.mmmZ)");
  std::string_view signers = lines[4];
  if (signers.substr(0, 8) != "signers ")
    throw Error(what + ": the checkpoint's fifth line is not 'signers <key name> ...'");
  signers.remove_prefix(8);
  while (!signers.empty()) {
    auto sp = signers.find(' ');
    auto name = signers.substr(0, sp);
    if (name.empty()) throw Error(what + ": the checkpoint's signers line has an empty name");
    b.signers.emplace_back(name);
    if (sp == std::string_view::npos) break;
    signers.remove_prefix(sp + 1);
    if (signers.empty()) throw Error(what + ": the checkpoint's signers line ends in a space");
  }
  if (b.signers.empty()) throw Error(what + ": the checkpoint names no signers");
  return b;
}

std::string checkpoint_origin(std::string_view ceremony_id, std::string_view line0) {
  return "keyrite/" + std::string(ceremony_id) + "/" +
         ossl::sha256_hex(as_bytes(line0)).substr(0, 16);
}

std::string ceremony_id_from_target(std::string_view target) {
  constexpr std::string_view prefix = "ceremony:";
  if (target.substr(0, prefix.size()) != prefix || target.size() == prefix.size())
    throw Error("line 0: \"target\" is not \"ceremony:<id>\"");
  auto id = target.substr(prefix.size());
  for (unsigned char c : id)
    if (c <= 0x20 || c == 0x7f || c == '+' || c == '/')
      throw Error(
          "line 0: the ceremony id in \"target\" contains a space, '+', '/' or a control "
          "character");
  return std::string(id);
}

std::string checkpoint_line(std::uint64_t seq, const std::string& time, const std::string& note) {
  nlohmann::ordered_json j;
  j["seq"] = seq;
  j["type"] = "checkpoint";
  j["time"] = time;
  j["tree-size"] = seq;
  j["note"] = note;
  return j.dump();
}

}  // namespace kr::transcript
