// "Did you mean": the nearest of a few known words to a misspelt one.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kr::config {

// The candidate that differs from `word` only in case, '_' for '-', or up to `max_edits` edits
// (for a word long enough that they still leave it recognisable); nullopt when none is that close.
// Pass max_edits 0 where one edit changes the meaning ("sha1..." is not a typo of "sha512...").
std::optional<std::string_view> nearest(std::string_view word,
                                        std::span<const std::string_view> candidates,
                                        std::size_t max_edits = 2);

// "a, b, c" for hint lines.
std::string join_words(std::span<const std::string_view> words);

}  // namespace kr::config
