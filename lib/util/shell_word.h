// A word an operator can paste into a POSIX shell: the commands keyrite prints for the operator
// to run ("to continue: kr-ceremony resume ...") name files whose paths may hold spaces,
// apostrophes or other characters the shell would split or interpret.
#pragma once

#include <string>
#include <string_view>

namespace kr {

// `word` as one shell word: unchanged when it holds only characters no shell treats specially
// (letters, digits, bytes of non-ASCII UTF-8, and _ @ % + = : , . / -), else in single quotes,
// each ' written '\''. The empty word is ''.
std::string shell_word(std::string_view word);

}  // namespace kr
