// Where custodians' shares, passphrases and confirmations come from when a step needs a quorum:
// the terminal (a share file or directory, echoed; the passphrase not; the confirmation word), or,
// for tests and rehearsals, files the operator named on the command line. Never argv or the
// environment for a passphrase.
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
  // Who the operator says is presenting; empty when only the file says (its header names the
  // custodian, and the gate reads it before any passphrase is asked).
  std::string custodian;
  // A share file, or a directory holding one (a USB stick's mount point).
  std::filesystem::path share_file;
};

class Presenters {
 public:
  virtual ~Presenters() = default;
  // The next share offered for `step`, skipping the custodians in `excluded` (their shares are
  // open already, they are locked out, or they were refused for this step); nullopt when nobody
  // else is present.
  virtual std::optional<Presentation> next(const std::string& step,
                                           const std::set<std::string>& excluded) = 0;
  // The custodian's passphrase; `attempt` counts from 1 within one presentation. nullopt, or an
  // empty passphrase, is a cancel: it costs no try.
  virtual std::optional<Secret> passphrase(const std::string& custodian, int attempt) = 0;
  // A custodian whose share is open approves `step` explicitly: at the terminal by typing `word`
  // (shown on the step's screen). false: the custodian is not present, or declines.
  virtual bool confirm(const std::string& custodian, const std::string& step,
                       const std::string& word) = 0;
};

// At the terminal: "share file or directory" (empty: nobody else is present), the passphrase
// without echo (empty: cancel), and the confirmation word (empty: not present).
class TerminalPresenters : public Presenters {
 public:
  std::optional<Presentation> next(const std::string& step,
                                   const std::set<std::string>& excluded) override;
  std::optional<Secret> passphrase(const std::string& custodian, int attempt) override;
  bool confirm(const std::string& custodian, const std::string& step,
               const std::string& word) override;
};

// Rehearsals: the shares in the order given (--share [NAME=]FILE) and, per custodian, passphrase
// files tried in order (--passphrase-file NAME=FILE, repeatable: a wrong one then a right one
// rehearses a retry). Passphrase files must be mode 0600. Every open share confirms every step,
// except from a step on which the rehearsal marks its custodian absent (--absent-from STEP=NAME).
class RehearsalPresenters : public Presenters {
 public:
  RehearsalPresenters(std::vector<Presentation> shares,
                      std::map<std::string, std::vector<std::string>> passphrase_files,
                      std::map<std::string, std::string> absent_from = {},
                      std::vector<std::string> step_order = {});
  std::optional<Presentation> next(const std::string& step,
                                   const std::set<std::string>& excluded) override;
  std::optional<Secret> passphrase(const std::string& custodian, int attempt) override;
  bool confirm(const std::string& custodian, const std::string& step,
               const std::string& word) override;

 private:
  bool absent(const std::string& custodian, const std::string& step) const;

  std::vector<Presentation> shares_;
  std::map<std::string, std::vector<std::string>> passphrase_files_;
  std::map<std::string, std::string> absent_from_;  // custodian -> first step they miss
  std::vector<std::string> step_order_;             // the script's step ids, in order
};

}  // namespace kr::ceremony
