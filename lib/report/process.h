// Running a helper program (Graphviz's dot, Chromium) with no shell: the arguments are passed as
// they are, standard input is given, standard output and error are collected, and a program that
// runs too long is killed. Graphviz parses labels made from untrusted text, so it runs in its own
// process rather than in ours.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace kr::report {

struct ProcessResult {
  int exit_status = -1;  // -1 when killed by a signal or the timeout
  bool timed_out = false;
  std::string out;
  std::string err;
};

// argv[0] is looked up in PATH. Throws kr::Error when the program cannot be started.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& input,
                          std::chrono::seconds timeout);

// The full path of `program` in PATH, or "" when it is not installed.
std::string find_program(const std::string& program);

}  // namespace kr::report
