// What an artifact is called, in every document and at the end of a run: one name per kind, so
// the run's summary, the audit report's table and the hierarchy picture agree. A certificate is
// named by the step that signed it: a self-sign step makes a root certificate, a cross-sign step
// a cross-certificate (a CA's existing subject and key certified again by another issuer), which
// is not a subordinate and must not be read as one.
#pragma once

#include <string>

namespace kr::report {

// event_type: the transcript event ("certificate-signed", "crl-signed", ...); step_kind: the
// script step that wrote it ("self-sign", "cross-sign", "issue", ...); ca: the certificate is a
// CA certificate (details.ca). Unknown event types are returned as they are.
std::string artifact_kind(const std::string& event_type, const std::string& step_kind, bool ca);

}  // namespace kr::report
