// Text from a transcript or a script is untrusted (util/visible_text.h). Every such string is
// made visible and then escaped for where it goes: html_text() for the templates (every
// {{value}}), dot_label() for Graphviz labels.
#pragma once

#include <string>
#include <string_view>

#include "util/visible_text.h"

namespace kr::report {

inline std::string visible(std::string_view text, Newlines newlines = Newlines::replace) {
  return visible_text(text, newlines);
}

// & < > " ' as character references: safe in element content and in quoted attribute values.
std::string html_escape(std::string_view text);

// visible() (newlines kept) and then html_escape(): what every {{value}} in a template becomes.
std::string html_text(std::string_view text);

// A Graphviz double-quoted string's content: visible() with newlines replaced, then '\' and '"'
// escaped for DOT, and '&' as "&amp;" so that a character reference in the text (say "&#x202E;")
// is not decoded by the SVG reader (Graphviz passes references through and escapes < > itself).
std::string dot_label(std::string_view text);

}  // namespace kr::report
