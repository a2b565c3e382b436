// A small tag scanner over Graphviz's SVG output with an allow-list. Graphviz escapes < > & " '
// in text and attribute values, so every '<' in its output starts a tag or a comment.
#include "report/svg.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

#include "report/display.h"
#include "report/process.h"
#include "util/error.h"

namespace kr::report {
namespace {

constexpr std::array kElements{"svg",     "g",        "title", "text",
                               "polygon", "polyline", "path",  "ellipse"};
constexpr std::array kAttributes{"width",
                                 "height",
                                 "viewBox",
                                 "xmlns",
                                 "xmlns:xlink",
                                 "id",
                                 "class",
                                 "transform",
                                 "fill",
                                 "stroke",
                                 "stroke-width",
                                 "stroke-dasharray",
                                 "points",
                                 "d",
                                 "cx",
                                 "cy",
                                 "rx",
                                 "ry",
                                 "x",
                                 "y",
                                 "text-anchor",
                                 "font-family",
                                 "font-size",
                                 "font-weight",
                                 "font-style",
                                 "fill-opacity",
                                 "stroke-opacity"};

template <std::size_t N>
bool allowed(const std::array<const char*, N>& list, std::string_view name) {
  return std::any_of(list.begin(), list.end(), [&](const char* n) { return name == n; });
}

[[noreturn]] void refuse(const std::string& why) {
  throw Error("the hierarchy picture from Graphviz was refused: " + why);
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':' || c == '_';
}

// Character references: only the five named ones and numeric ones that are not hidden characters.
void check_references(std::string_view text) {
  for (std::size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    const std::size_t end = text.find(';', at);
    if (end == std::string_view::npos || end - at > 10) refuse("a bare '&'");
    const std::string_view ref = text.substr(at + 1, end - at - 1);
    if (ref == "amp" || ref == "lt" || ref == "gt" || ref == "quot" || ref == "apos") continue;
    if (ref.size() < 2 || ref[0] != '#')
      refuse("the character reference &" + std::string(ref) + ";");
    const bool hex = ref[1] == 'x' || ref[1] == 'X';
    const std::string digits(ref.substr(hex ? 2 : 1));
    char* stop = nullptr;
    const unsigned long c = std::strtoul(digits.c_str(), &stop, hex ? 16 : 10);
    if (digits.empty() || *stop != '\0' || c > 0x10FFFF ||
        kr::is_hidden_code_point(static_cast<char32_t>(c)))
      refuse("the character reference &" + std::string(ref) + ";");
  }
}

void check_tag(std::string_view tag) {
  std::size_t i = tag[0] == '/' ? 1 : 0;
  std::size_t start = i;
  while (i < tag.size() && is_name_char(tag[i])) ++i;
  const std::string_view name = tag.substr(start, i - start);
  if (!allowed(kElements, name)) refuse("the element <" + std::string(name) + ">");
  while (i < tag.size()) {
    while (i < tag.size() && (tag[i] == ' ' || tag[i] == '\n' || tag[i] == '\t' || tag[i] == '/'))
      ++i;
    if (i == tag.size()) break;
    start = i;
    while (i < tag.size() && is_name_char(tag[i])) ++i;
    const std::string_view attribute = tag.substr(start, i - start);
    if (!allowed(kAttributes, attribute)) refuse("the attribute " + std::string(attribute));
    if (i + 1 >= tag.size() || tag[i] != '=' || (tag[i + 1] != '"' && tag[i + 1] != '\''))
      refuse("an unquoted attribute value");
    const char quote = tag[i + 1];
    const std::size_t close = tag.find(quote, i + 2);
    if (close == std::string_view::npos) refuse("an unterminated attribute value");
    check_references(tag.substr(i + 2, close - i - 2));
    i = close + 1;
  }
}

}  // namespace

std::string checked_svg(const std::string& document) {
  const std::size_t begin = document.find("<svg");
  const std::size_t last = document.rfind("</svg>");
  if (begin == std::string::npos || last == std::string::npos || last < begin)
    refuse("no <svg> element");
  const std::string_view svg(document.data() + begin, last + 6 - begin);
  std::string out;
  out.reserve(svg.size());
  std::size_t i = 0;
  while (i < svg.size()) {
    const std::size_t lt = svg.find('<', i);
    const std::string_view text = svg.substr(i, lt == std::string_view::npos ? svg.npos : lt - i);
    if (text.find('>') != std::string_view::npos) refuse("a bare '>' in text");
    check_references(text);
    out += text;
    if (lt == std::string_view::npos) break;
    if (svg.compare(lt, 4, "<!--") == 0) {  // Graphviz's comments name nodes; dropped
      const std::size_t end = svg.find("-->", lt + 4);
      if (end == std::string_view::npos) refuse("an unterminated comment");
      i = end + 3;
      continue;
    }
    const std::size_t gt = svg.find('>', lt);
    if (gt == std::string_view::npos) refuse("an unterminated tag");
    const std::string_view tag = svg.substr(lt + 1, gt - lt - 1);
    if (tag.empty()) refuse("an empty tag");
    check_tag(tag);
    out.append(svg.substr(lt, gt - lt + 1));
    i = gt + 1;
  }
  return out;
}

std::string render_svg(const std::string& dot_source) {
  auto result = run_process({"dot", "-Tsvg"}, dot_source, std::chrono::seconds(60));
  if (result.timed_out) throw Error("Graphviz (dot) took longer than 60 seconds");
  if (result.exit_status != 0)
    throw Error("Graphviz (dot) failed: " + visible(result.err.substr(0, 500)));
  return checked_svg(result.out);
}

}  // namespace kr::report
