// The lint engine: an explicit table of lint functions, each isolated so that one failing on a
// strange certificate is reported as a finding instead of hiding the others.
#include <openssl/err.h>

#include "lint/lint_internal.h"

namespace kr::lint {
namespace {

struct Entry {
  const char* name;
  void (*run)(const cert_lints::Context&);
};

constexpr Entry kLints[] = {
    {"version", cert_lints::version},
    {"serial", cert_lints::serial},
    {"unique-ids", cert_lints::unique_ids},
    {"signature-algorithm", cert_lints::signature_algorithm},
    {"validity", cert_lints::validity},
    {"key", cert_lints::key},
    {"rdn-shape", cert_lints::rdn_shape},
    {"subject", cert_lints::subject},
    {"issuer", cert_lints::issuer_name},
    {"extension-list", cert_lints::extension_list},
    {"profile-extensions", cert_lints::profile_extensions},
    {"subject-and-san", cert_lints::subject_and_san},
    {"issuer-certificate", cert_lints::issuer_certificate},
};

}  // namespace

std::vector<Finding> lint_certificate(const X509* cert, const profile::Profile& profile,
                                      const X509* issuer) {
  std::vector<Finding> out;
  if (!cert) {
    out.push_back({"e_lint_failed", Severity::error, "there is no certificate to lint"});
    return out;
  }
  cert_lints::Context ctx{cert, profile, issuer, out};
  for (const auto& lint : kLints) {
    try {
      lint.run(ctx);
    } catch (const std::exception& e) {
      out.push_back({"e_lint_failed", Severity::error,
                     std::string("lint ") + lint.name + " could not run: " + e.what()});
    }
  }
  ERR_clear_error();  // decoding odd input leaves entries that would confuse a later caller
  return out;
}

bool has_errors(const std::vector<Finding>& findings) {
  for (const auto& f : findings)
    if (f.severity == Severity::error) return true;
  return false;
}

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::notice:
      return "notice";
  }
  return "error";
}

}  // namespace kr::lint
