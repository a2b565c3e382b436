#include "ceremony/presenters.h"

#include "util/secret_input.h"

namespace kr::ceremony {

std::optional<Presentation> TerminalPresenters::next(const std::string& step,
                                                     const std::set<std::string>& excluded) {
  for (;;) {
    std::string name = read_line_from_terminal("custodian approving step " + step +
                                               " (empty: nobody else is present)");
    if (name.empty()) return std::nullopt;
    if (excluded.count(name)) continue;  // the gate reports why when it sees the name again
    std::string file = read_line_from_terminal("share file of " + name);
    return Presentation{name, file};
  }
}

std::optional<Secret> TerminalPresenters::passphrase(const std::string& custodian, int) {
  return read_secret_from_terminal("passphrase of " + custodian);
}

RehearsalPresenters::RehearsalPresenters(
    std::vector<Presentation> shares, std::map<std::string, std::vector<std::string>> files)
    : shares_(std::move(shares)), passphrase_files_(std::move(files)) {}

std::optional<Presentation> RehearsalPresenters::next(const std::string&,
                                                      const std::set<std::string>& excluded) {
  for (const auto& p : shares_)
    if (!excluded.count(p.custodian)) return p;
  return std::nullopt;
}

std::optional<Secret> RehearsalPresenters::passphrase(const std::string& custodian,
                                                      int attempt) {
  auto it = passphrase_files_.find(custodian);
  if (it == passphrase_files_.end() || attempt < 1 ||
      static_cast<std::size_t>(attempt) > it->second.size())
    return std::nullopt;
  const auto& file = it->second[static_cast<std::size_t>(attempt) - 1];
  return read_secret_from_file(file, "passphrase of " + custodian);
}

}  // namespace kr::ceremony
