// UTF-8 validation, byte by byte, following the well-formed byte sequences table of Unicode 3.9.
#include "util/utf8.h"

namespace kr {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) -> unsigned {
    return k < s.size() ? static_cast<unsigned char>(s[k]) : 0x100;
  };
  auto cont = [](unsigned c) { return c >= 0x80 && c <= 0xBF; };
  unsigned c = at(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(at(i + 1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned c1 = at(i + 1);
    bool ok1 = c == 0xE0   ? (c1 >= 0xA0 && c1 <= 0xBF)
               : c == 0xED ? (c1 >= 0x80 && c1 <= 0x9F)
                           : cont(c1);
    return ok1 && cont(at(i + 2)) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned c1 = at(i + 1);
    bool ok1 = c == 0xF0   ? (c1 >= 0x90 && c1 <= 0xBF)
               : c == 0xF4 ? (c1 >= 0x80 && c1 <= 0x8F)
                           : cont(c1);
    return ok1 && cont(at(i + 2)) && cont(at(i + 3)) ? 4 : 0;
  }
  return 0;
}

std::size_t utf8_characters(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace kr
