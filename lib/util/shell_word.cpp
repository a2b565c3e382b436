// Shell words for printed commands.
#include "util/shell_word.h"

namespace kr {
namespace {

bool plain(unsigned char c) {
  if (c >= 0x80) return true;  // UTF-8 of an accented name: a shell keeps it in the word
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '_':
    case '@':
    case '%':
    case '+':
    case '=':
    case ':':
    case ',':
    case '.':
    case '/':
    case '-':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string shell_word(std::string_view word) {
  bool quote = word.empty();
  for (unsigned char c : word) quote = quote || !plain(c);
  if (!quote) return std::string(word);
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace kr
