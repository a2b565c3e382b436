// kr-lint's two output forms: a text report for people (one header line per artifact, one line per
// finding) and one JSON document for programs. lib/lint/README.md shows both.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "lint/linter.h"

namespace kr::lint {

struct Summary {
  std::size_t files = 0;
  std::size_t artifacts = 0;
  std::size_t unreadable = 0;
  std::size_t with_errors = 0;  // artifacts with at least one error finding
  std::size_t errors = 0, warnings = 0, notices = 0;
  std::map<std::string, std::size_t> by_id;
};

Summary summarize(const std::vector<Result>& results);

// LOCATION: TYPE "NAME"; profile P (REASON); N errors ...   then   LOCATION: SEVERITY: ID: MESSAGE
// and a closing summary line. Control characters from the input are shown as \xNN.
std::string render_text(const std::vector<Result>& results);

// {"files":[{"file","index","type","name","profile","profile_reason","findings":[{"id",
// "severity","message"}]} or with "error" for an unreadable artifact], "summary":{...}}.
// Invalid UTF-8 from the input is replaced, never a reason to fail.
std::string render_json(const std::vector<Result>& results);

// "LOCATION: why" for every artifact that could not be read or linted (kr-lint prints each
// after "kr-lint: error: ").
std::vector<std::string> error_lines(const std::vector<Result>& results);

}  // namespace kr::lint
