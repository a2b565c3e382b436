// Finding accessors for the lint tests: the ids in order, one id's presence, message or finding.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "lint/lint.h"

namespace kr::test {

inline std::vector<std::string> ids(const std::vector<lint::Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.id);
  return out;
}

inline bool has_id(const std::vector<lint::Finding>& findings, const std::string& id) {
  auto v = ids(findings);
  return std::find(v.begin(), v.end(), id) != v.end();
}

inline std::string message_of(const std::vector<lint::Finding>& findings, const std::string& id) {
  for (const auto& f : findings)
    if (f.id == id) return f.message;
  return "(no " + id + ")";
}

inline const lint::Finding* finding(const std::vector<lint::Finding>& findings,
                                    const std::string& id) {
  for (const auto& f : findings)
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace kr::test
