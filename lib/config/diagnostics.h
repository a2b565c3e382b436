// Problems found in a configuration file (a ceremony script, a profile, a hierarchy spec), each
// naming file:line:column and the YAML path, and the one exception that carries all of them: a
// file is reported in full, not one error per run.
#pragma once

#include <string>
#include <vector>

#include "util/error.h"

namespace kr::config {

// Where a value was written: file, 1-based line and column, and its YAML path
// ("steps[1].self-sign.key").
struct Position {
  std::string file;
  int line = 0;
  int column = 0;
  std::string path;
};

// A value as messages show it: in double quotes.
inline std::string quote(const std::string& s) {
  return "\"" + s + "\"";
}

struct Diagnostic {
  Position position;  // path may be empty for problems with the file as a whole
  std::string message;

  // "FILE:LINE:COLUMN: YAML.PATH: message" (the path part left out when empty).
  std::string text() const;
};

class ConfigError : public Error {
 public:
  explicit ConfigError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// Collects diagnostics while a file is read. After a few dozen problems the rest are counted,
// not kept: a wrong file fed to the parser should give a readable report, not megabytes of it.
class Diagnostics {
 public:
  static constexpr std::size_t kMaxKept = 50;

  explicit Diagnostics(std::string file) : file_(std::move(file)) {}

  void add(int line, int column, std::string path, std::string message);
  void add(const Position& at, std::string message);
  bool empty() const { return kept_.empty(); }
  std::size_t count() const { return kept_.size() + dropped_; }
  const std::string& file() const { return file_; }
  Position position(int line, int column, std::string path) const {
    return {file_, line, column, std::move(path)};
  }

  // Throws ConfigError holding everything collected, if anything was.
  void throw_if_any() const;

 private:
  std::string file_;
  std::vector<Diagnostic> kept_;
  std::size_t dropped_ = 0;
};

}  // namespace kr::config
