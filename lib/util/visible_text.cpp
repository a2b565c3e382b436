// The character classes that reorder or hide text.
#include "util/visible_text.h"

#include <cstdio>

namespace kr {
namespace {

// Decodes one UTF-8 sequence at text[i]; returns the code point and advances i, or U+FFFD and
// advances by one byte for an invalid, overlong or surrogate sequence.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  const int length = b0 >= 0xF0 ? (b0 <= 0xF4 ? 4 : 0) : b0 >= 0xE0 ? 3 : b0 >= 0xC2 ? 2 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return U'\uFFFD';
  }
  char32_t c = b0 & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return U'\uFFFD';
    }
    c = (c << 6) | (b & 0x3F);
  }
  const bool overlong = (length == 3 && c < 0x800) || (length == 4 && c < 0x10000);
  if (overlong || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    ++i;
    return U'\uFFFD';
  }
  i += length;
  return c;
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

}  // namespace

bool is_hidden_code_point(char32_t c, Newlines newlines) {
  if (c == '\n' || c == '\t') return newlines == Newlines::replace;
  if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;       // C0, DEL, C1 controls
  if (c == 0x061C || c == 0x200E || c == 0x200F) return true;  // bidi marks
  if (c >= 0x202A && c <= 0x202E) return true;                 // embeddings and overrides
  if (c >= 0x2066 && c <= 0x2069) return true;                 // isolates
  if (c >= 0x200B && c <= 0x200D) return true;                 // zero-width space and joiners
  if (c == 0x2028 || c == 0x2029 || c == 0xFEFF || c == 0x2060) return true;
  return false;
}

std::string visible_text(std::string_view text, Newlines newlines) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = next_code_point(text, i);
    if (is_hidden_code_point(c, newlines)) {
      char name[16];
      std::snprintf(name, sizeof name, "<U+%04X>", static_cast<unsigned>(c));
      out += name;
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

}  // namespace kr
