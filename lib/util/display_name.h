// People's names as the ceremony shows them ("Ana Ortiz", "Zoë O'Brien"): any valid UTF-8 without
// control characters. Formats that need a restricted token (a C2SP signed-note key name may hold
// no Unicode space and no '+') derive one with name_token, and keep the display name beside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kr {

// Why `name` cannot name a person (empty, not UTF-8, a control character, a leading or trailing
// blank), or nullopt when it can. `what` starts the message ("custodian name").
std::optional<std::string> display_name_problem(std::string_view name, std::string_view what);

// A deterministic, reversible token for a display name: every byte of a Unicode White_Space code
// point, of '+', of '%' and of a control character is written %XX (upper-case hex); everything
// else, accents and apostrophes included, is kept. "Ana Ortiz" -> "Ana%20Ortiz",
// "Zoë O'Brien" -> "Zoë%20O'Brien". Distinct names give distinct tokens (percent-encoding is
// injective), and a name that needs no escaping is its own token.
std::string name_token(std::string_view name);

}  // namespace kr
