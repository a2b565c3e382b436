// Rendering Results. Text is line-oriented so it greps well; JSON is built with nlohmann::json.
#include "lint/report.h"

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace kr::lint {
namespace {

// Names and messages can carry any byte a certificate holds; keep one finding on one line.
std::string printable(const std::string& s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string counted(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string finding_counts(const std::vector<Finding>& findings) {
  std::size_t e = 0, w = 0, n = 0;
  for (const auto& f : findings)
    (f.severity == Severity::error ? e : f.severity == Severity::warning ? w : n)++;
  if (e + w + n == 0) return "clean";
  std::vector<std::string> parts;
  if (e) parts.push_back(counted(e, "error", "errors"));
  if (w) parts.push_back(counted(w, "warning", "warnings"));
  if (n) parts.push_back(counted(n, "notice", "notices"));
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

}  // namespace

Summary summarize(const std::vector<Result>& results) {
  Summary s;
  std::set<std::string> files;
  for (const auto& r : results) {
    files.insert(r.file);
    ++s.artifacts;
    if (!r.error.empty()) {
      ++s.unreadable;
      continue;
    }
    if (has_errors(r.findings)) ++s.with_errors;
    for (const auto& f : r.findings) {
      ++s.by_id[f.id];
      (f.severity == Severity::error     ? s.errors
       : f.severity == Severity::warning ? s.warnings
                                         : s.notices)++;
    }
  }
  s.files = files.size();
  return s;
}

std::string render_text(const std::vector<Result>& results) {
  std::ostringstream out;
  for (const auto& r : results) {
    if (!r.error.empty()) continue;  // reported on stderr
    std::string where = printable(r.location());
    out << where << ": " << type_text(*r.type);
    if (!r.name.empty()) out << " \"" << printable(r.name) << "\"";
    if (!r.profile.empty())
      out << "; profile " << r.profile << " (" << printable(r.profile_reason) << ")";
    else
      out << "; no profile (" << printable(r.profile_reason) << ")";
    out << "; " << finding_counts(r.findings) << "\n";
    for (const auto& f : r.findings)
      out << where << ": " << severity_name(f.severity) << ": " << f.id << ": "
          << printable(f.message) << "\n";
  }
  Summary s = summarize(results);
  out << "summary: " << counted(s.artifacts, "artifact", "artifacts") << " in "
      << counted(s.files, "file", "files") << ", " << s.with_errors << " with errors, "
      << s.unreadable << " unreadable; " << counted(s.errors, "error", "errors") << ", "
      << counted(s.warnings, "warning", "warnings") << ", "
      << counted(s.notices, "notice", "notices") << "\n";
  return out.str();
}

std::string render_json(const std::vector<Result>& results) {
  using nlohmann::json;
  json files = json::array();
  for (const auto& r : results) {
    json entry = {{"file", r.file}, {"index", r.index}};
    entry["type"] = r.type ? json(std::string(type_name(*r.type))) : json(nullptr);
    if (!r.error.empty()) {
      entry["error"] = r.error;
      files.push_back(std::move(entry));
      continue;
    }
    entry["name"] = r.name;
    entry["profile"] = r.profile.empty() ? json(nullptr) : json(r.profile);
    entry["profile_reason"] = r.profile_reason;
    json findings = json::array();
    for (const auto& f : r.findings)
      findings.push_back({{"id", f.id},
                          {"severity", std::string(severity_name(f.severity))},
                          {"message", f.message}});
    entry["findings"] = std::move(findings);
    files.push_back(std::move(entry));
  }
  Summary s = summarize(results);
  json summary = {{"files", s.files},           {"artifacts", s.artifacts},
                  {"unreadable", s.unreadable}, {"with_errors", s.with_errors},
                  {"errors", s.errors},         {"warnings", s.warnings},
                  {"notices", s.notices},       {"exit_status", exit_status(results)}};
  json doc = {{"files", std::move(files)}, {"summary", std::move(summary)}};
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

std::vector<std::string> error_lines(const std::vector<Result>& results) {
  std::vector<std::string> out;
  for (const auto& r : results)
    if (!r.error.empty()) out.push_back(printable(r.location()) + ": " + printable(r.error));
  return out;
}

}  // namespace kr::lint
