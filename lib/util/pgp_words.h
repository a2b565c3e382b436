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

}  // namespace kr
