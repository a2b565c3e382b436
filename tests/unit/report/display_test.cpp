// Untrusted text: visible(), the HTML escape and Graphviz labels.
#include "report/display.h"

#include <doctest/doctest.h>

using namespace kr::report;

TEST_SUITE("report::display") {
  TEST_CASE("direction overrides, isolates and zero-width characters are shown, not obeyed") {
    CHECK(visible("Eve\u202Egpj.exe") == "Eve<U+202E>gpj.exe");
    CHECK(visible("a\u2066b\u2069c\u200Bd\u200Fe") == "a<U+2066>b<U+2069>c<U+200B>d<U+200F>e");
    CHECK(visible("x\xEF\xBB\xBFy") == "x<U+FEFF>y");
  }
  TEST_CASE("control characters (a terminal escape) are shown; newlines only when asked") {
    CHECK(visible("a\x1b[31mb") == "a<U+001B>[31mb");
    CHECK(visible("a\nb") == "a<U+000A>b");
    CHECK(visible("a\nb", kr::Newlines::keep) == "a\nb");
    CHECK(visible("a\xC2\x85"
                  "b") == "a<U+0085>b");  // C1 NEL
  }
  TEST_CASE("letters in any script are kept; invalid UTF-8 becomes U+FFFD") {
    CHECK(visible("Zoë Ødegård 山田") == "Zoë Ødegård 山田");
    CHECK(visible("a\xC0\xAF"
                  "b") == "a\uFFFD\uFFFDb");  // overlong '/'
    CHECK(visible("a\xED\xA0\x80"
                  "b") == "a\uFFFD\uFFFD\uFFFDb");  // a surrogate
    CHECK(visible("a\xF8\x88\x80\x80\x80") == "a\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD");
    CHECK(visible("\xE2\x82") == "\uFFFD\uFFFD");  // cut short
  }
  TEST_CASE("the HTML escape leaves no markup, in content or in a quoted attribute") {
    CHECK(html_text("<script>alert('x')</script>") ==
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    CHECK(html_text("\"><img src=x onerror=y>") == "&quot;&gt;&lt;img src=x onerror=y&gt;");
    CHECK(html_text("a & b\u202E") == "a &amp; b&lt;U+202E&gt;");
  }
  TEST_CASE("a Graphviz label cannot close its string, use an escape or smuggle a reference") {
    CHECK(dot_label("a\"b") == "a\\\"b");
    CHECK(dot_label("a\\Nb") == "a\\\\Nb");
    CHECK(dot_label("&#x202E;") == "&amp;#x202E;");
    CHECK(dot_label("a\nb") == "a<U+000A>b");
  }
}
