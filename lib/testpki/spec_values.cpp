// The spec's small value syntaxes: key names, durations, output kinds.
#include <charconv>

#include "testpki/spec.h"

namespace kr::testpki {

const char* node_kind_name(NodeKind kind) {
  switch (kind) {
    case NodeKind::root:
      return "root";
    case NodeKind::intermediate:
      return "intermediate";
    case NodeKind::cross:
      return "cross";
    case NodeKind::leaf:
      return "leaf";
  }
  return "?";
}

std::string KeySpec::text() const {
  return family == Family::rsa ? "RSA-" + std::to_string(bits) : curve;
}

std::optional<KeySpec> parse_key_spec(const std::string& text) {
  KeySpec key;
  if (text == "P-256" || text == "P-384" || text == "P-521") {
    key.curve = text;
    return key;
  }
  for (int bits : {2048, 3072, 4096})
    if (text == "RSA-" + std::to_string(bits)) {
      key.family = KeySpec::Family::rsa;
      key.bits = bits;
      return key;
    }
  return std::nullopt;
}

std::optional<long long> parse_duration(const std::string& text) {
  if (text.size() < 2) return std::nullopt;
  std::size_t start = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  long long unit = 0;
  switch (text.back()) {
    case 's':
      unit = 1;
      break;
    case 'm':
      unit = 60;
      break;
    case 'h':
      unit = 3600;
      break;
    case 'd':
      unit = 86400;
      break;
    case 'w':
      unit = 7 * 86400;
      break;
    case 'y':
      unit = 365 * 86400;
      break;
    default:
      return std::nullopt;
  }
  const char* first = text.data() + start;
  const char* last = text.data() + text.size() - 1;
  if (first == last) return std::nullopt;
  long long n = 0;
  auto [end, ec] = std::from_chars(first, last, n);
  // 1000 years is far beyond any profile: a larger number is a typo, not a wish.
  if (ec != std::errc() || end != last || n > 1000LL * 365) return std::nullopt;
  return (text[0] == '-' ? -1 : 1) * n * unit;
}

const std::vector<std::string>& output_kinds() {
  static const std::vector<std::string> kinds{"crt", "der", "key", "chain", "fullchain", "p12"};
  return kinds;
}

}  // namespace kr::testpki
