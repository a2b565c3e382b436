// The PGP word list (Juola and Zimmermann, 1995): a digest read aloud by witnesses, one word per
// byte, two-syllable words at even positions and three-syllable words at odd ones, so a dropped,
// repeated or swapped word breaks the rhythm and is heard.
#pragma once

#include <string>
#include <vector>

#include "util/bytes.h"

namespace kr {

std::vector<std::string> pgp_words(ByteView data);
// The words in rows of four, each row numbered by its first word (" 1  topmost Istanbul ...").
std::string pgp_word_rows(ByteView data);
// The inverse, for a value copied from paper: words separated by white space or commas, in any
// case; numbers (the row numbers pgp_word_rows prints) are skipped. Throws kr::Error naming the
// first word that is not a PGP word, or that belongs to the other list (a dropped or repeated word
// shifts every word after it into the wrong list).
Bytes bytes_from_pgp_words(std::string_view text);

}  // namespace kr
