// A PDF of a document, printed by headless Chromium (Debian's chromium) from the HTML file just
// written: the same bytes the reader opens, with the print stylesheet applied. Chromium runs with
// a fresh profile directory, no network features and no extensions; the HTML itself allows no
// script and loads nothing (its Content-Security-Policy is default-src 'none').
#pragma once

#include <filesystem>
#include <string>

namespace kr::report {

// Writes `pdf` (never overwriting: it must not exist). Throws kr::Error when Chromium is not
// installed, fails or times out; a partial PDF is removed.
void print_pdf(const std::filesystem::path& html, const std::filesystem::path& pdf);

// Writes the HTML document to `html` (never overwriting), then, when `pdf` is not empty, prints it.
void write_document(const std::string& document, const std::filesystem::path& html,
                    const std::filesystem::path& pdf);

}  // namespace kr::report
