// Where the RFC 5280 lints put their findings. Two rules keep a report readable: a finding is left
// out when the artifact's own lint (profile, CRL, CSR or OCSP lint) already reported the same
// defect, and one id is reported at most a few times per artifact (a CRL with 20,000 bad entries
// gives ten findings and a count, not 20,000 lines).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lint/lint.h"

namespace kr::lint {

class Sink {
 public:
  // primary: what the artifact's own lint reported.
  explicit Sink(const std::vector<Finding>& primary, std::size_t max_per_id = 10)
      : primary_(primary), max_per_id_(max_per_id) {}

  // same_as: the primary lint's id for this defect; the finding is dropped when that id was
  // reported. A finding identical to a primary one (same id and message) is always dropped.
  void error(std::string id, std::string message, std::string_view same_as = {}) {
    add(Severity::error, std::move(id), std::move(message), same_as);
  }
  void warning(std::string id, std::string message, std::string_view same_as = {}) {
    add(Severity::warning, std::move(id), std::move(message), same_as);
  }
  void notice(std::string id, std::string message, std::string_view same_as = {}) {
    add(Severity::notice, std::move(id), std::move(message), same_as);
  }

  // The findings, each capped id closed by one more finding saying how many were left out.
  std::vector<Finding> take();

 private:
  void add(Severity severity, std::string id, std::string message, std::string_view same_as);

  const std::vector<Finding>& primary_;
  std::size_t max_per_id_;
  std::vector<Finding> out_;
  std::map<std::string, std::size_t> seen_;  // id -> how many were reported, shown or not
};

}  // namespace kr::lint
