// The SVG allow-list, and Graphviz itself on hostile labels.
#include "report/svg.h"

#include <doctest/doctest.h>

#include "report/display.h"
#include "util/error.h"

using namespace kr::report;

namespace {
std::string refusal(const std::string& svg) {
  try {
    checked_svg(svg);
  } catch (const kr::Error& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_SUITE("report::svg") {
  TEST_CASE("the prolog and comments go; drawing elements stay") {
    const std::string doc =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- G -->\n<svg width=\"10pt\" height=\"10pt\" "
        "viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\"><g id=\"n\" "
        "class=\"node\"><title>n0</title>"
        "<!-- n0 --><text x=\"1\" y=\"2\">a &lt;b&gt; &#45; &amp;</text></g></svg>\n";
    const std::string svg = checked_svg(doc);
    CHECK(svg.rfind("<svg width", 0) == 0);
    CHECK(svg.find("<!--") == std::string::npos);
    CHECK(svg.find("&lt;b&gt;") != std::string::npos);
  }
  TEST_CASE("anything Graphviz does not draw with is refused") {
    const std::string head = "<svg>";
    CHECK(refusal(head + "<script>x</script></svg>") ==
          "the hierarchy picture from Graphviz was refused: the element <script>");
    CHECK(refusal(head + "<g onload=\"x\"></g></svg>") ==
          "the hierarchy picture from Graphviz was refused: the attribute onload");
    CHECK(refusal(head + "<a xlink:href=\"javascript:x\"></a></svg>") ==
          "the hierarchy picture from Graphviz was refused: the element <a>");
    CHECK(refusal(head + "<text>&#x202E;</text></svg>") ==
          "the hierarchy picture from Graphviz was refused: the character reference &#x202E;");
    CHECK(refusal(head + "<text>&nbsp;</text></svg>") ==
          "the hierarchy picture from Graphviz was refused: the character reference &nbsp;");
    CHECK(refusal(head + "<g id=x></g></svg>") ==
          "the hierarchy picture from Graphviz was refused: an unquoted attribute value");
    CHECK(refusal("no svg here") ==
          "the hierarchy picture from Graphviz was refused: no <svg> element");
  }
  TEST_CASE("dot lays out hostile labels as text") {
    const std::string label = "<script>alert(1)</script> \"q\" ' &#x202E; \u202Eevil \\N";
    const std::string svg =
        render_svg("digraph { a [label=\"" + dot_label(label) + "\"]; a -> b; }");
    CHECK(svg.find("<script") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(svg.find("\u202E") == std::string::npos);
    CHECK(svg.find("&lt;U+202E&gt;evil") != std::string::npos);
    CHECK(svg.find("&amp;#x202E;") != std::string::npos);
  }
}
