// The strict DER walker (der_strict.h). One pass, bounded depth, no allocation per octet; each
// problem names its offset so a report can be checked against `openssl asn1parse -i`.
#include "lint/der_strict.h"

#include <algorithm>
#include <string_view>

namespace kr::lint {
namespace {

constexpr int kMaxDepth = 32;

struct Walker {
  ByteView all;
  std::vector<DerProblem> out;

  void bad(DerProblem::Kind kind, std::size_t at, const std::string& what) {
    out.push_back({kind, what + " at offset " + std::to_string(at)});
  }
  void malformed(std::size_t at, const std::string& what) {
    bad(DerProblem::Kind::malformed, at, what);
  }
  void not_der(std::size_t at, const std::string& what) {
    bad(DerProblem::Kind::not_der, at, what);
  }

  // Reads one TLV at `pos` within [pos, end); returns the position after it, or end when it is
  // malformed (the rest is not walked: nothing after a broken length can be trusted).
  std::size_t tlv(std::size_t pos, std::size_t end, int depth) {
    std::size_t start = pos;
    if (pos >= end) {
      malformed(pos, "a value is missing");
      return end;
    }
    unsigned char id = all[pos++];
    bool constructed = (id & 0x20) != 0;
    unsigned cls = id >> 6;
    unsigned long tag = id & 0x1F;
    if (tag == 0x1F) {  // high-tag-number form
      if (pos >= end) return malformed(start, "the tag is cut short"), end;
      if (all[pos] == 0x80) not_der(pos, "the tag number has a leading 0x80 octet");
      tag = 0;
      int octets = 0;
      do {
        if (pos >= end || ++octets > 4)
          return malformed(start, "the tag number is cut short or too large"), end;
        tag = (tag << 7) | (all[pos] & 0x7F);
      } while (all[pos++] & 0x80);
      if (tag < 31) not_der(start, "tag number " + std::to_string(tag) + " uses the high-tag form");
    }
    if (pos >= end) return malformed(start, "the length is missing"), end;
    std::size_t len_at = pos;
    unsigned char first = all[pos++];
    std::size_t len = 0;
    if (first == 0x80) {
      not_der(len_at, "an indefinite length");
      return malformed(len_at, "an indefinite length cannot be followed"), end;
    }
    if (first & 0x80) {
      std::size_t n = first & 0x7F;
      if (n > sizeof(std::size_t) || pos + n > end)
        return malformed(len_at, "the length is cut short or too large"), end;
      if (all[pos] == 0) not_der(len_at, "the length has a leading zero octet");
      for (std::size_t i = 0; i < n; ++i) len = (len << 8) | all[pos++];
      if (len < 0x80) not_der(len_at, "length " + std::to_string(len) + " uses the long form");
    } else {
      len = first;
    }
    if (len > end - pos) {
      malformed(len_at, "length " + std::to_string(len) + " runs past the end (" +
                            std::to_string(end - pos) + " octets remain)");
      return end;
    }
    std::size_t content = pos, stop = pos + len;
    if (constructed) {
      // BIT STRING, OCTET STRING and the character string types (X.690 10.2: primitive only).
      bool string_type =
          tag == 3 || tag == 4 || tag == 12 || (tag >= 18 && tag <= 22) || (tag >= 25 && tag <= 30);
      if (cls == 0 && string_type)
        not_der(start, "a constructed string (universal tag " + std::to_string(tag) + ")");
      if (depth >= kMaxDepth) return malformed(start, "the nesting is deeper than 32 levels"), stop;
      std::vector<std::pair<std::size_t, std::size_t>> elements;
      for (std::size_t p = content; p < stop;) {
        std::size_t next = tlv(p, stop, depth + 1);
        elements.emplace_back(p, next);
        p = next;
      }
      if (cls == 0 && tag == 17) set_order(elements, start);
      return stop;
    }
    if (cls == 0) primitive(static_cast<int>(tag), start, content, len);
    return stop;
  }

  // X.690 11.6: the elements of a SET OF in ascending order of their encodings (shorter first when
  // one is a prefix of the other); for a SET of distinct types this is also tag order.
  void set_order(const std::vector<std::pair<std::size_t, std::size_t>>& e, std::size_t at) {
    for (std::size_t i = 1; i < e.size(); ++i) {
      ByteView a = all.subspan(e[i - 1].first, e[i - 1].second - e[i - 1].first);
      ByteView b = all.subspan(e[i].first, e[i].second - e[i].first);
      if (std::lexicographical_compare(b.begin(), b.end(), a.begin(), a.end()))
        return not_der(at, "a SET whose elements are not in ascending order");
    }
  }

  void primitive(int tag, std::size_t at, std::size_t c, std::size_t len) {
    ByteView v = all.subspan(c, len);
    switch (tag) {
      case 1:  // BOOLEAN
        if (len != 1) return malformed(at, "a BOOLEAN of " + std::to_string(len) + " octets");
        if (v[0] != 0x00 && v[0] != 0xFF)
          not_der(at, "a BOOLEAN TRUE encoded as " + hex(v[0]) + " (DER: FF)");
        return;
      case 2:   // INTEGER
      case 10:  // ENUMERATED
        if (len == 0) return malformed(at, "an empty INTEGER");
        if (len > 1 && ((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xFF && (v[1] & 0x80))))
          not_der(at, "an INTEGER with a redundant leading octet");
        return;
      case 3: {  // BIT STRING
        if (len == 0) return malformed(at, "a BIT STRING without its unused-bits octet");
        unsigned unused = v[0];
        if (unused > 7)
          return malformed(at, "a BIT STRING with " + std::to_string(unused) + " unused bits");
        if (len == 1 && unused != 0) return not_der(at, "an empty BIT STRING with unused bits");
        if (len > 1 && (v[len - 1] & ((1u << unused) - 1)) != 0)
          not_der(at, "a BIT STRING whose unused bits are not zero");
        return;
      }
      case 5:  // NULL
        if (len != 0) malformed(at, "a NULL with content");
        return;
      case 6:  // OBJECT IDENTIFIER
        if (len == 0) return malformed(at, "an empty OBJECT IDENTIFIER");
        if (v[len - 1] & 0x80) return malformed(at, "an OBJECT IDENTIFIER cut short");
        for (std::size_t i = 0; i < len; ++i)
          if (v[i] == 0x80 && (i == 0 || !(v[i - 1] & 0x80)))
            return not_der(at, "an OBJECT IDENTIFIER subidentifier with a leading 0x80 octet");
        return;
      case 12:  // UTF8String
        if (!utf8(v)) malformed(at, "a UTF8String that is not UTF-8");
        return;
      case 19:  // PrintableString
        for (unsigned char ch : v)
          if (!printable(ch)) return malformed(at, "a PrintableString holding " + hex(ch));
        return;
      case 22:  // IA5String
        for (unsigned char ch : v)
          if (ch > 0x7F) return malformed(at, "an IA5String holding " + hex(ch));
        return;
      default:
        return;
    }
  }

  static bool printable(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view(" '()+,-./:=?").find(static_cast<char>(c)) != std::string_view::npos;
  }
  static bool utf8(ByteView v) {
    for (std::size_t i = 0; i < v.size();) {
      unsigned char c = v[i];
      std::size_t n = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
      if (n == 0 || i + n > v.size()) return false;
      for (std::size_t k = 1; k < n; ++k)
        if ((v[i + k] & 0xC0) != 0x80) return false;
      i += n;
    }
    return true;
  }
  static std::string hex(unsigned char c) {
    const char* d = "0123456789ABCDEF";
    return std::string{d[c >> 4], d[c & 15]};
  }
};

}  // namespace

std::vector<DerProblem> strict_der_problems(ByteView value) {
  Walker w{value, {}};
  if (value.empty()) {
    w.malformed(0, "the value is empty");
    return w.out;
  }
  std::size_t end = w.tlv(0, value.size(), 0);
  if (end < value.size()) {
    std::size_t rest = value.size() - end;
    w.malformed(end, std::to_string(rest) + (rest == 1 ? " octet follows" : " octets follow") +
                         " the value's structure");
  }
  return w.out;
}

}  // namespace kr::lint
