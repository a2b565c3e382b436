// The hierarchy picture: a Graphviz DOT source (whose labels were made with dot_label()) laid out
// by the `dot` program into SVG, then checked before it goes into a document: the SVG is inserted
// as markup, so only the elements and attributes Graphviz draws with are allowed, and no
// character reference may decode to a control or direction-override character. Anything else is
// an error, never passed through.
#pragma once

#include <string>

namespace kr::report {

// Throws kr::Error when dot is missing or fails, or when its output does not pass check_svg.
// Returns the <svg> element alone (no XML declaration, DOCTYPE or comments), ready to inline.
std::string render_svg(const std::string& dot_source);

// The <svg> element of a Graphviz SVG document, checked; throws kr::Error naming what it refused.
std::string checked_svg(const std::string& svg_document);

}  // namespace kr::report
