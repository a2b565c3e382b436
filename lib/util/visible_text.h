// Untrusted text shown to a person (a terminal, a document) must look like the bytes it is: a
// custodian name, description or subject may hold control characters (a terminal escape), or
// Unicode direction overrides and invisible characters that reorder or hide what a reader sees
// without changing the bytes ("Trojan source"). visible_text() makes each of them visible.
#pragma once

#include <string>
#include <string_view>

namespace kr {

enum class Newlines { keep, replace };

// The text with every character that changes how text around it reads replaced by "<U+202E>":
// C0 and C1 controls (except newline and tab with Newlines::keep), bidirectional embeddings,
// overrides, isolates and marks, zero-width characters and line separators. Invalid UTF-8 becomes
// U+FFFD. Everything else, non-ASCII letters included, is kept as it is.
std::string visible_text(std::string_view text, Newlines newlines = Newlines::replace);

// True for a code point visible_text() replaces.
bool is_hidden_code_point(char32_t c, Newlines newlines = Newlines::replace);

}  // namespace kr
