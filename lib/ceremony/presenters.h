// Where custodians' shares and passphrases come from when a step needs a quorum: the terminal
// (the share file's path echoed, the passphrase not), or, for tests and rehearsals, files the
// operator named on the command line. Never argv or the environment for a passphrase.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/secret.h"

namespace kr::ceremony {

struct Presentation {
  std::string custodian;
  std::filesystem::path share_file;
};

class Presenters {
 public:
  virtual ~Presenters() = default;
  // The next custodian to come forward for `step`, skipping everyone in `excluded` (already
  // approved this step, or locked out); nullopt when nobody else can.
  virtual std::optional<Presentation> next(const std::string& step,
                                           const std::set<std::string>& excluded) = 0;
  // The custodian's passphrase; `attempt` counts from 1 within one presentation. nullopt when
  // the custodian has no further attempt to offer (a rehearsal ran out of passphrase files).
  virtual std::optional<Secret> passphrase(const std::string& custodian, int attempt) = 0;
};

// Asks at the terminal: custodian name and share file (echoed), passphrase (no echo); an empty
// name means nobody else is present.
class TerminalPresenters : public Presenters {
 public:
  std::optional<Presentation> next(const std::string& step,
                                   const std::set<std::string>& excluded) override;
  std::optional<Secret> passphrase(const std::string& custodian, int attempt) override;
};

// Rehearsals: the shares in the order given (--share NAME=FILE) and, per custodian, passphrase
// files tried in order (--passphrase-file NAME=FILE, repeatable: a wrong one then a right one
// rehearses a retry). Passphrase files must be mode 0600.
class RehearsalPresenters : public Presenters {
 public:
  RehearsalPresenters(std::vector<Presentation> shares,
                      std::map<std::string, std::vector<std::string>> passphrase_files);
  std::optional<Presentation> next(const std::string& step,
                                   const std::set<std::string>& excluded) override;
  std::optional<Secret> passphrase(const std::string& custodian, int attempt) override;

 private:
  std::vector<Presentation> shares_;
  std::map<std::string, std::vector<std::string>> passphrase_files_;
};

}  // namespace kr::ceremony
