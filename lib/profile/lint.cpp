// The lint engine: an explicit table of lint functions, each isolated so that one failing on a
// strange certificate is reported as a finding instead of hiding the others.
#include <openssl/err.h>

#include "profile/lint_internal.h"

namespace kr::profile {
namespace {

struct Entry {
  const char* name;
  void (*run)(const lints::Context&);
};

constexpr Entry kLints[] = {
    {"version", lints::version},
    {"serial", lints::serial},
    {"unique-ids", lints::unique_ids},
    {"signature-algorithm", lints::signature_algorithm},
    {"validity", lints::validity},
    {"key", lints::key},
    {"rdn-shape", lints::rdn_shape},
    {"subject", lints::subject},
    {"issuer", lints::issuer_name},
    {"extension-list", lints::extension_list},
    {"profile-extensions", lints::profile_extensions},
    {"subject-and-san", lints::subject_and_san},
    {"issuer-certificate", lints::issuer_certificate},
};

}  // namespace

std::vector<Finding> lint_certificate(const X509* cert, const Profile& profile,
                                      const X509* issuer) {
  std::vector<Finding> out;
  if (!cert) {
    out.push_back({"e_lint_failed", Severity::error, "there is no certificate to lint"});
    return out;
  }
  lints::Context ctx{cert, profile, issuer, out};
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

}  // namespace kr::profile
