// Display names and the tokens derived from them.
#include "util/display_name.h"

#include <cstdint>

namespace kr {
namespace {

// The code point starting at s[i] and its length in bytes; length 0 when the sequence is not
// well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
struct CodePoint {
  std::uint32_t value = 0;
  std::size_t length = 0;
};

CodePoint decode(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) -> std::uint32_t {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0x100;
  };
  auto cont = [&](std::size_t k) { return byte(k) >= 0x80 && byte(k) <= 0xBF; };
  std::uint32_t c = byte(i);
  if (c < 0x80) return {c, 1};
  if (c >= 0xC2 && c <= 0xDF && cont(i + 1)) return {((c & 0x1F) << 6) | (byte(i + 1) & 0x3F), 2};
  if (c >= 0xE0 && c <= 0xEF && cont(i + 1) && cont(i + 2)) {
    std::uint32_t v = ((c & 0x0F) << 12) | ((byte(i + 1) & 0x3F) << 6) | (byte(i + 2) & 0x3F);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return {};
    return {v, 3};
  }
  if (c >= 0xF0 && c <= 0xF4 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    std::uint32_t v = ((c & 0x07) << 18) | ((byte(i + 1) & 0x3F) << 12) |
                      ((byte(i + 2) & 0x3F) << 6) | (byte(i + 3) & 0x3F);
    if (v < 0x10000 || v > 0x10FFFF) return {};
    return {v, 4};
  }
  return {};
}

bool is_control(std::uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

// The Unicode White_Space property (PropList.txt), which the C2SP signed-note spec excludes
// from key names.
bool is_white_space(std::uint32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

}  // namespace

std::optional<std::string> display_name_problem(std::string_view name, std::string_view what) {
  const std::string quoted = std::string(what) + " \"" + std::string(name) + "\"";
  if (name.empty()) return std::string("a ") + std::string(what) + " may not be empty";
  for (std::size_t i = 0; i < name.size();) {
    auto cp = decode(name, i);
    if (cp.length == 0)
      return std::string("a ") + std::string(what) + " must be valid UTF-8 (byte " +
             std::to_string(i) + " is not)";
    if (is_control(cp.value))
      return std::string("a ") + std::string(what) + " may not contain control characters";
    i += cp.length;
  }
  auto first = decode(name, 0);
  std::size_t last_start = name.size() - 1;
  while (last_start > 0 && (static_cast<unsigned char>(name[last_start]) & 0xC0) == 0x80)
    --last_start;
  if (is_white_space(first.value) || is_white_space(decode(name, last_start).value))
    return quoted + " may not start or end with a blank";
  return std::nullopt;
}

std::string name_token(std::string_view name) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    auto cp = decode(name, i);
    std::size_t length = cp.length == 0 ? 1 : cp.length;  // a stray byte is escaped alone
    bool escape = cp.length == 0 || is_control(cp.value) || is_white_space(cp.value) ||
                  cp.value == '+' || cp.value == '%';
    for (std::size_t k = i; k < i + length; ++k) {
      auto b = static_cast<unsigned char>(name[k]);
      if (escape) {
        out += '%';
        out += kHex[b >> 4];
        out += kHex[b & 0x0F];
      } else {
        out += static_cast<char>(b);
      }
    }
    i += length;
  }
  return out;
}

}  // namespace kr
