// The one error boundary every tool's main goes through: "kr-TOOL: error: ..." on stderr, then
// exit status 1 for usage errors and 2 for everything else (util/exit_status.h has them all).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>

#include "util/error.h"
#include "util/exit_status.h"
#include "util/secret_input.h"
#include "util/version.h"

namespace kr::tools {

inline void print_prefixed(const std::string& tool, const char* kind, const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) std::cerr << tool << ": " << kind << ": " << line << "\n";
}

inline int run_tool(const std::string& tool, const std::function<int()>& body) {
  try {
    return body();
  } catch (const CLI::ParseError&) {
    throw;  // handled by the caller's app.exit()
  } catch (const UsageError& e) {
    print_prefixed(tool, "error", e.what());
    if (!e.hint().empty()) print_prefixed(tool, "hint", e.hint());
    return kExitUsage;
  } catch (const Error& e) {
    print_prefixed(tool, "error", e.what());
    if (!e.hint().empty()) print_prefixed(tool, "hint", e.hint());
    return kExitError;
  } catch (const std::exception& e) {
    print_prefixed(tool, "error", e.what());
    return kExitError;
  }
}

// Parses argv with CLI11, mapping its errors to exit status 1 and --help and --version to 0.
// Usage lines name the tool as it is installed ("kr-lint"), not as it was typed ("./kr-lint").
inline int parse_and_run(CLI::App& app, int argc, char** argv, const std::string& tool,
                         const std::function<int()>& body) {
  app.name(tool);
  app.set_version_flag("--version", version_line(tool),
                       "print the version and the source revision, then exit");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tool << ": error: " << e.what() << "\n"
              << tool << ": hint: run " << tool << " --help\n";
    return kExitUsage;
  }
  return run_tool(tool, body);
}

// A PIN from an inherited file descriptor when one is named, else from the terminal without echo.
inline Secret read_pin(int fd, const std::string& what) {
  return fd >= 0 ? read_secret_from_fd(fd, what) : read_secret_from_terminal(what);
}

}  // namespace kr::tools
