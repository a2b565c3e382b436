// The auditor's report: kr-transcript report. It runs the replay (verify, quorum, every artifact
// re-derived) and presents, verdict first: the ceremony's facts from line 0, the hierarchy
// picture, the artifacts, a step x custodian approval matrix, every exception (refusal, lockout,
// failure, pause, resumption), the checkpoints with the final root, the comparison with the paper
// log (--expect-root) and the audit key's fingerprint the auditor pinned. A transcript that does
// not verify gets a report that says so at the top and presents none of its content: only what
// failed, and what the last verified checkpoint signed.
#pragma once

#include <openssl/evp.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "replay/replay.h"
#include "util/bytes.h"
#include "util/exit_status.h"

namespace kr::report {

struct AuditReportOptions {
  replay::ReplayOptions replay;
  std::string audit_key_file;          // as given, for the report
  std::optional<Bytes> expected_root;  // from --expect-root (parse_expected_root)
};

struct AuditReport {
  nlohmann::ordered_json model;  // the report as data: what --format json prints
  std::string svg;               // the hierarchy picture, checked; "" when not drawn
  int exit_status =
      kExitFoundWrong;  // kExitOk only when the replay is ok and the root (if given) matches
};

// Throws kr::Error only when an input cannot be used (the replay's conditions, dot missing).
AuditReport build_audit_report(const std::filesystem::path& transcript, const EVP_PKEY* audit_key,
                               const AuditReportOptions& options);

std::string render_audit_html(const AuditReport& report,
                              const std::filesystem::path& templates_dir);
std::string render_audit_json(const AuditReport& report);

}  // namespace kr::report
