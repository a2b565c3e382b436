#include "ceremony/presenters.h"

#include <algorithm>
#include <cctype>

#include "util/secret_input.h"

namespace kr::ceremony {
namespace {

std::string trimmed_lower(const std::string& text) {
  auto begin = text.find_first_not_of(" \t");
  auto end = text.find_last_not_of(" \t");
  std::string out = begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::optional<Presentation> TerminalPresenters::next(const std::string& step,
                                                     const std::set<std::string>&) {
  std::string file = read_line_from_terminal("share file or directory for step " + step +
                                             " (empty: nobody else is present)");
  if (trimmed_lower(file).empty()) return std::nullopt;
  return Presentation{"", file};
}

std::optional<Secret> TerminalPresenters::passphrase(const std::string& custodian, int attempt) {
  std::string prompt = "passphrase of " + custodian;
  if (attempt > 1) prompt += " (try " + std::to_string(attempt) + ")";
  auto secret = read_secret_from_terminal(prompt + " (empty: cancel)");
  if (secret.empty()) return std::nullopt;
  return secret;
}

bool TerminalPresenters::confirm(const std::string& custodian, const std::string& step,
                                 const std::string& word) {
  std::string again;
  for (;;) {
    std::string typed =
        read_line_from_terminal(again + custodian + ": type \"" + word + "\" to approve step " +
                                step + " (empty: not present)");
    const std::string answer = trimmed_lower(typed);
    if (answer.empty()) return false;
    if (answer == trimmed_lower(word)) return true;
    again = "that was not the word. ";
  }
}

RehearsalPresenters::RehearsalPresenters(std::vector<Presentation> shares,
                                         std::map<std::string, std::vector<std::string>> files,
                                         std::map<std::string, std::string> absent_from,
                                         std::vector<std::string> step_order)
    : shares_(std::move(shares)),
      passphrase_files_(std::move(files)),
      absent_from_(std::move(absent_from)),
      step_order_(std::move(step_order)) {}

bool RehearsalPresenters::absent(const std::string& custodian, const std::string& step) const {
  auto it = absent_from_.find(custodian);
  if (it == absent_from_.end()) return false;
  auto at = std::find(step_order_.begin(), step_order_.end(), step);
  auto from = std::find(step_order_.begin(), step_order_.end(), it->second);
  return from != step_order_.end() && at >= from;
}

std::optional<Presentation> RehearsalPresenters::next(const std::string& step,
                                                      const std::set<std::string>& excluded) {
  for (const auto& p : shares_) {
    // A named share is passed over by its custodian's name, a bare file by its path.
    if (excluded.count(p.custodian.empty() ? p.share_file.string() : p.custodian)) continue;
    if (!p.custodian.empty() && absent(p.custodian, step)) continue;
    return p;
  }
  return std::nullopt;
}

std::optional<Secret> RehearsalPresenters::passphrase(const std::string& custodian, int attempt) {
  auto it = passphrase_files_.find(custodian);
  if (it == passphrase_files_.end() || attempt < 1 ||
      static_cast<std::size_t>(attempt) > it->second.size())
    return std::nullopt;
  const auto& file = it->second[static_cast<std::size_t>(attempt) - 1];
  return read_secret_from_file(file, "passphrase of " + custodian);
}

bool RehearsalPresenters::confirm(const std::string& custodian, const std::string& step,
                                  const std::string&) {
  return !absent(custodian, step);
}

}  // namespace kr::ceremony
