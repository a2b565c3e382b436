// The error types every concern throws; tools turn them into "kr-TOOL: error: ..." and an exit
// code.
#pragma once

#include <stdexcept>
#include <string>

namespace kr {

// A failure the user can act on: the message says what went wrong, the hint (when known) how to fix
// it.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, std::string hint = {})
      : std::runtime_error(message), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

// The command line itself is wrong (exit status 1 rather than 2).
class UsageError : public Error {
 public:
  using Error::Error;
};

}  // namespace kr
