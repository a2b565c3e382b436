// The validating scanner: recursive descent whose depth is bounded by JsonLimits, ASCII fast paths
// in strings, and per-object name sets that switch to hashing for large objects (so a hostile
// object with a million names costs linear time, not quadratic).
#include "transcript/json_scan.h"

#include <deque>
#include <memory>
#include <unordered_set>

#include "util/utf8.h"

namespace kr::transcript {
namespace {

constexpr std::size_t kLinearNameLimit = 16;

class Scanner {
 public:
  Scanner(std::string_view text, const JsonLimits& limits) : s_(text), limits_(limits) {}

  void object_top(std::vector<JsonField>& fields) {
    skip_ws();
    if (peek() != '{') fail("a transcript line must be a JSON object");
    ++pos_;
    Names names;
    skip_ws();
    if (peek() == '}') {
      ++pos_;
    } else {
      for (;;) {
        skip_ws();
        std::string name = key(names);
        skip_ws();
        expect(':');
        skip_ws();
        std::size_t start = pos_;
        value(1);
        fields.push_back({std::move(name), s_.substr(start, pos_ - start)});
        skip_ws();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        expect('}');
        break;
      }
    }
    skip_ws();
    if (pos_ != s_.size()) fail("text after the end of the JSON object");
  }

 private:
  // Names seen in one object: a short list, or a hash set once the object is large.
  struct Names {
    std::vector<std::string> list;
    std::unique_ptr<std::unordered_set<std::string>> set;
    bool insert(std::string name) {
      if (set) return set->insert(std::move(name)).second;
      for (const auto& n : list)
        if (n == name) return false;
      list.push_back(std::move(name));
      if (list.size() > kLinearNameLimit) {
        set = std::make_unique<std::unordered_set<std::string>>(list.begin(), list.end());
        list.clear();
      }
      return true;
    }
  };

  [[noreturn]] void fail(const std::string& message) const { throw JsonError(pos_, message); }
  int peek() const { return pos_ < s_.size() ? static_cast<unsigned char>(s_[pos_]) : -1; }
  void expect(char c) {
    if (peek() != c) {
      if (peek() < 0) fail(std::string("unexpected end of line, expected '") + c + "'");
      fail(std::string("expected '") + c + "'");
    }
    ++pos_;
  }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r')) {
      if (limits_.compact)
        fail(std::string(s_[pos_] == ' '    ? "a space"
                         : s_[pos_] == '\t' ? "a TAB"
                                            : "a CR") +
             " outside a string; keyrite writes every line compactly");
      ++pos_;
    }
  }

  std::string key(Names& names) {
    if (peek() != '"') fail("expected a member name in double quotes");
    std::size_t start = pos_;
    bool escaped = string();
    std::string name = escaped ? *json_to_string(s_.substr(start, pos_ - start))
                               : std::string(s_.substr(start + 1, pos_ - start - 2));
    if (!names.insert(name)) {
      pos_ = start;
      fail("duplicate member name \"" + name + "\"");
    }
    return name;
  }

  void value(std::size_t depth) {
    int c = peek();
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        string();
        return;
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (c < 0) fail("unexpected end of line, expected a value");
        fail("expected a value");
    }
  }

  void check_depth(std::size_t depth) {
    if (depth > limits_.max_depth)
      fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
  }

  void object(std::size_t depth) {
    check_depth(depth);
    ++pos_;
    Names names;
    skip_ws();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_ws();
      key(names);
      skip_ws();
      expect(':');
      skip_ws();
      value(depth);
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect('}');
      return;
    }
  }

  void array(std::size_t depth) {
    check_depth(depth);
    ++pos_;
    skip_ws();
    if (peek() == ']') {
      ++pos_;
      return;
    }
    for (;;) {
      skip_ws();
      value(depth);
      skip_ws();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      expect(']');
      return;
    }
  }

  void literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) fail("expected a value");
    pos_ += word.size();
  }

  void number() {
    std::size_t start = pos_;
    auto digits = [&] {
      std::size_t n = 0;
      while (peek() >= '0' && peek() <= '9') ++pos_, ++n;
      return n;
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
      if (peek() >= '0' && peek() <= '9') fail("a number has a leading zero");
    } else if (digits() == 0) {
      fail("a number has no digits");
    }
    if (peek() == '.') {
      ++pos_;
      if (digits() == 0) fail("a number has no digits after the decimal point");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      std::size_t exp_start = pos_;
      std::size_t n = digits();
      if (n == 0) fail("a number has no digits in its exponent");
      if (n > 3 || std::stoi(std::string(s_.substr(exp_start, n))) > 308) {
        pos_ = start;
        fail("a number's exponent is out of range");
      }
    }
    if (pos_ - start > limits_.max_number_length) {
      pos_ = start;
      fail("a number is longer than " + std::to_string(limits_.max_number_length) + " characters");
    }
  }

  // Validates a string starting at the opening quote; returns whether it contains escapes.
  bool string() {
    ++pos_;
    bool escaped = false;
    for (;;) {
      // Fast path: printable ASCII that needs no attention.
      while (pos_ < s_.size()) {
        unsigned char c = static_cast<unsigned char>(s_[pos_]);
        if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
        ++pos_;
      }
      int c = peek();
      if (c < 0) fail("unterminated string");
      if (c == '"') {
        ++pos_;
        return escaped;
      }
      if (c < 0x20) fail("a control character in a string must be escaped");
      if (c == '\\') {
        escaped = true;
        escape();
        continue;
      }
      std::size_t n = utf8_sequence_length(s_, pos_);
      if (n == 0) fail("invalid UTF-8");
      pos_ += n;
    }
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      int c = peek();
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                     : -1;
      if (d < 0) fail("\\u must be followed by four hex digits");
      v = v << 4 | static_cast<unsigned>(d);
      ++pos_;
    }
    return v;
  }

  void escape() {
    ++pos_;
    int c = peek();
    switch (c) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        ++pos_;
        return;
      case 'u': {
        ++pos_;
        unsigned u = hex4();
        if (u >= 0xDC00 && u <= 0xDFFF) fail("a lone low surrogate escape");
        if (u >= 0xD800 && u <= 0xDBFF) {
          if (s_.substr(pos_, 2) != "\\u")
            fail("a high surrogate escape without its low surrogate");
          pos_ += 2;
          unsigned low = hex4();
          if (low < 0xDC00 || low > 0xDFFF)
            fail("a high surrogate escape without its low surrogate");
        }
        return;
      }
      default:
        fail("an invalid escape in a string");
    }
  }

  std::string_view s_;
  const JsonLimits& limits_;
  std::size_t pos_ = 0;
};

void put_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | cp >> 6);
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | cp >> 12);
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | cp >> 18);
    out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
    out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

void scan_json_object(std::string_view text, const JsonLimits& limits,
                      std::vector<JsonField>& fields) {
  fields.clear();
  Scanner(text, limits).object_top(fields);
}

std::optional<std::uint64_t> json_to_uint64(std::string_view raw) {
  if (raw.empty() || raw.size() > 20 || (raw.size() > 1 && raw[0] == '0')) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : raw) {
    if (c < '0' || c > '9') return std::nullopt;
    std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  return v;
}

std::optional<std::string> json_to_string(std::string_view raw) {
  if (raw.size() < 2 || raw.front() != '"' || raw.back() != '"') return std::nullopt;
  raw = raw.substr(1, raw.size() - 2);
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    if (++i >= raw.size()) return std::nullopt;
    switch (raw[i]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        auto hex = [&](std::size_t at) -> long {
          if (at + 4 > raw.size()) return -1;
          return std::stol(std::string(raw.substr(at, 4)), nullptr, 16);
        };
        long u = hex(i + 1);
        if (u < 0) return std::nullopt;
        i += 4;
        unsigned cp = static_cast<unsigned>(u);
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          long low = hex(i + 3);
          if (low < 0) return std::nullopt;
          cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<unsigned>(low) - 0xDC00);
          i += 6;
        }
        put_utf8(out, cp);
        break;
      }
      default:
        return std::nullopt;
    }
  }
  return out;
}

}  // namespace kr::transcript
