// Event value formats.
#include "transcript/value_formats.h"

#include <vector>

#include "transcript/json_scan.h"
#include "util/time.h"

namespace kr::transcript {

bool valid_time_millis(std::string_view s) {
  // 0123456789012345678 9012 3
  // YYYY-MM-DDTHH:MM:SS .mmm Z
  if (s.size() != 24 || s[19] != '.' || s[23] != 'Z') return false;
  for (std::size_t i = 20; i < 23; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return parse_utc(std::string(s.substr(0, 19)) + "Z").has_value();
}

bool valid_target(std::string_view target) {
  auto colon = target.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == target.size()) return false;
  for (char c : target.substr(0, colon))
    if ((c < 'a' || c > 'z') && c != '-') return false;
  return true;
}

bool valid_sha256_hex(std::string_view hex) {
  if (hex.size() != 64) return false;
  for (char c : hex)
    if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) return false;
  return true;
}

std::optional<std::string> digest_list_problem(std::string_view raw) {
  // The scanner validated the whole line, so this walk only needs to find the elements: each is
  // an object; scan_json_object checks it again on its own and returns its members.
  if (raw.size() < 2 || raw.front() != '[' || raw.back() != ']') return "is not a list";
  std::string_view rest = raw.substr(1, raw.size() - 2);
  auto skip_space = [&rest] {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t' || rest.front() == '\n' ||
                             rest.front() == '\r'))
      rest.remove_prefix(1);
  };
  skip_space();
  std::vector<JsonField> fields;
  JsonLimits limits;
  std::size_t index = 0;
  while (!rest.empty()) {
    if (rest.front() != '{') return "holds an element that is not an object";
    // Find the end of this object: strings may hold braces, so track them.
    std::size_t depth = 0, end = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      char c = rest[i];
      if (in_string) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          end = i + 1;
          break;
        }
      }
    }
    if (end == 0) return "is not a list of objects";
    try {
      scan_json_object(rest.substr(0, end), limits, fields);
    } catch (const JsonError&) {
      return "is not a list of objects";
    }
    std::string at = "[" + std::to_string(index) + "]";
    if (fields.size() != 2 || fields[0].name != "name" || fields[1].name != "sha256")
      return at + " must have exactly the members name,sha256 in that order";
    if (!json_to_string(fields[0].value)) return at + ".name is not a string";
    auto hex = json_to_string(fields[1].value);
    if (!hex || !valid_sha256_hex(*hex)) return at + ".sha256 is not 64 lower-case hex digits";
    rest.remove_prefix(end);
    skip_space();
    if (rest.empty()) break;
    if (rest.front() != ',') return "is not a list of objects";
    rest.remove_prefix(1);
    skip_space();
    ++index;
  }
  return std::nullopt;
}

}  // namespace kr::transcript
