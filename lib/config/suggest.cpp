// Edit distance for "did you mean" hints; the word lists are a dozen short names, so the plain
// quadratic algorithm is plenty.
#include "config/suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace kr::config {
namespace {

std::string fold(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (c == '_') c = '-';
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string_view> nearest(std::string_view word,
                                        std::span<const std::string_view> candidates,
                                        std::size_t max_edits) {
  const std::string folded = fold(word);
  std::optional<std::string_view> best;
  std::size_t best_distance = max_edits + 1;
  for (std::string_view candidate : candidates) {
    const std::size_t d = edit_distance(folded, fold(candidate));
    // Two edits turn "id" into almost anything; demand the word be three times the distance.
    const bool close = d == 0 || d * 3 <= std::max(word.size(), candidate.size());
    if (close && d < best_distance) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

std::string join_words(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

}  // namespace kr::config
