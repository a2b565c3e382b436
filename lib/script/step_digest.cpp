#include "script/step_digest.h"

#include <openssl/evp.h>

#include <vector>

#include "util/bytes.h"
#include "util/error.h"

namespace kr::script {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == text.npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool blank_or_comment(std::string_view line) {
  const auto first = line.find_first_not_of(" \t\r");
  return first == line.npos || line[first] == '#';
}

}  // namespace

std::string step_text(std::string_view script_text, const Script& script, std::size_t index) {
  if (index >= script.steps.size())
    throw Error("step index " + std::to_string(index) + " out of range");
  const auto lines = split_lines(script_text);
  const auto first = static_cast<std::size_t>(script.steps[index].position.line);
  if (first < 1 || first > lines.size())
    throw Error("step " + script.steps[index].id + " is not at a line of the script text");
  std::size_t end = lines.size();  // one past the last line, 0-based
  if (index + 1 < script.steps.size())
    end = static_cast<std::size_t>(script.steps[index + 1].position.line) - 1;
  // The last step ends where a top-level key follows the steps list.
  for (std::size_t i = first; i < end; ++i)
    if (!lines[i].empty() && lines[i][0] != ' ' && lines[i][0] != '-' && lines[i][0] != '#') {
      end = i;
      break;
    }
  while (end > first && blank_or_comment(lines[end - 1])) --end;
  // The first line is the list item's own ("  - id: key-1"), since the step's mapping starts there.
  std::string out;
  for (std::size_t i = first - 1; i < end; ++i) {
    out.append(lines[i]);
    out.push_back('\n');
  }
  return out;
}

std::string step_sha256(std::string_view script_text, const Script& script, std::size_t index) {
  const std::string text = "keyrite step v1\n" + script.ceremony_id + "\n" +
                           script.steps[index].id + "\n" + step_text(script_text, script, index);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw Error("SHA-256 failed");
  return to_hex(ByteView(digest, length));
}

}  // namespace kr::script
