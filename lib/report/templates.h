// The documents' templates (templates/documents/*.mustache, beside templates/profiles) rendered
// by kainjow-mustache from a JSON model: the same model that --format json prints, so the HTML
// and the data say the same thing. Every {{value}} is escaped by html_text() (visible, then
// HTML-escaped). The only unescaped values are {{{style}}}, the stylesheet read from the
// templates directory, and {{{svg}}}, Graphviz's drawing after checked_svg().
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

namespace kr::report {

// templates/documents beside the profiles directory keyrite uses.
std::filesystem::path default_templates_dir();

// Renders dir/NAME with `model`, plus "style" (dir/style.css). Throws kr::Error naming the file
// when the template cannot be read or does not parse.
// `svg` (checked_svg() output or "") becomes {{{svg}}}.
std::string render_document(const std::filesystem::path& dir, const std::string& name,
                            const nlohmann::ordered_json& model, const std::string& svg = "");

}  // namespace kr::report
