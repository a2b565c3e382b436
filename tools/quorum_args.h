// Command-line pieces shared by kr-token init --quorum and kr-quorum: "M-of-N", NAME=PATH lists,
// and custodian passphrases from the terminal (no echo) or, for tests and rehearsals, from a
// file named on the command line. Never from argv or the environment.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quorum/share_set.h"
#include "util/error.h"
#include "util/secret_input.h"

namespace kr::tools {

// "3-of-5" -> {3, 5}; UsageError otherwise.
inline std::pair<int, int> parse_quorum(const std::string& text, const std::string& option) {
  auto dash = text.find("-of-");
  auto number = [&](const std::string& s) {
    if (s.empty() || s.size() > 3 || s.find_first_not_of("0123456789") != std::string::npos)
      throw UsageError(option + " \"" + text + "\": expected M-of-N, for example 3-of-5");
    return std::stoi(s);
  };
  if (dash == std::string::npos)
    throw UsageError(option + " \"" + text + "\": expected M-of-N, for example 3-of-5");
  return {number(text.substr(0, dash)), number(text.substr(dash + 4))};
}

// "NAME=VALUE" items in command-line order; refuses a missing '=' or a name given twice.
inline std::vector<std::pair<std::string, std::string>> parse_assignments(
    const std::vector<std::string>& items, const std::string& option) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
      throw UsageError(option + " \"" + item + "\": expected NAME=PATH");
    std::string name = item.substr(0, eq);
    for (const auto& [seen, value] : out)
      if (seen == name) throw UsageError(option + ": " + name + " is named twice");
    out.emplace_back(name, item.substr(eq + 1));
  }
  return out;
}

// A passphrase for `custodian`: from `file` when given, else typed twice at the terminal.
inline Secret new_passphrase(const std::string& custodian, const std::optional<std::string>& file) {
  const std::string what = "passphrase of custodian " + custodian;
  if (file) {
    // Through the one reader that refuses a file others can read: a passphrase file must be as
    // private as the share it opens.
    Secret given = read_secret_from_file(*file, what);
    if (auto problem = quorum::passphrase_problem(given)) throw UsageError(what + ": " + *problem);
    return given;
  }
  // At the terminal a short or mistyped passphrase asks this custodian again; nobody else's
  // entries are lost. The tries are bounded, so a closed terminal (which reads as empty) ends.
  const std::string rule =
      " (at least " + std::to_string(quorum::kMinPassphraseSize) + " characters)";
  constexpr int kTries = 5;
  std::string again;
  for (int attempt = 1;; ++attempt) {
    if (attempt > kTries)
      throw Error("custodian " + custodian + " gave no usable passphrase in " +
                  std::to_string(kTries) + " tries; nothing was created");
    Secret first = read_secret_from_terminal(again + "new " + what + rule);
    if (auto problem = quorum::passphrase_problem(first)) {
      again = "too short: " + *problem + ". ";
      continue;
    }
    auto second = read_secret_from_terminal("repeat the new " + what);
    if (first.view() == second.view()) return first;
    again = "the two entries differ; type both again. ";
  }
}

// A passphrase to open an existing share: from `file` when given, else typed once.
inline Secret existing_passphrase(const std::string& custodian,
                                  const std::optional<std::string>& file) {
  const std::string what = "passphrase of custodian " + custodian;
  return file ? read_secret_from_file(*file, what) : read_secret_from_terminal(what);
}

// A path as a shell would need it typed: bare when it is plain, else in single quotes.
inline std::string shell_quote(const std::string& text) {
  if (!text.empty() &&
      text.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-/+=:,@") ==
          std::string::npos)
    return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::optional<std::string> lookup(
    const std::vector<std::pair<std::string, std::string>>& items, const std::string& name) {
  for (const auto& [k, v] : items)
    if (k == name) return v;
  return std::nullopt;
}

}  // namespace kr::tools
