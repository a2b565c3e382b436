// The RFC 5280 lint tables: one explicit list per artifact type, each lint isolated so that one
// failing on a strange input is reported (e_lint_failed) instead of hiding the others.
#include "lint/rfc5280.h"

#include <openssl/err.h>

#include "lint/rfc5280_internal.h"

namespace kr::lint {
namespace {

template <class Context>
struct Entry {
  const char* name;
  void (*run)(const Context&);
};

constexpr Entry<rfc::CertContext> kCertificateLints[] = {
    {"serial", rfc::serial},
    {"version", rfc::version},
    {"signature-algorithm", rfc::signature_algorithm},
    {"validity", rfc::validity},
    {"names", rfc::cert_names},
    {"alt-names", rfc::alt_names},
    {"extension-list", rfc::extension_list},
    {"basic-constraints-key-usage", rfc::basic_constraints_and_key_usage},
    {"key-identifiers", rfc::key_identifiers},
    {"name-constraints", rfc::name_constraints},
    {"criticality", rfc::criticality},
    {"unknown-critical", rfc::unknown_critical_extensions},
    {"extension-der", rfc::extension_der},
    {"policy-qualifiers", rfc::policy_qualifiers},
    {"crl-distribution-points", rfc::crl_distribution_points},
    {"end-entity", rfc::end_entity},
    {"issuer", rfc::certificate_issuer},
};

constexpr Entry<rfc::CrlContext> kCrlLints[] = {
    {"crl-fields", rfc::crl_fields},           {"crl-extensions", rfc::crl_extensions},
    {"crl-entry-order", rfc::crl_entry_order}, {"crl-entries", rfc::crl_entries},
    {"crl-issuer", rfc::crl_issuer},
};

template <class Context, std::size_t N>
void run_all(const Entry<Context> (&lints)[N], const Context& c, Sink& out) {
  for (const auto& lint : lints) {
    try {
      lint.run(c);
    } catch (const std::exception& e) {
      out.error("e_lint_failed", std::string("lint ") + lint.name + " could not run: " + e.what());
    } catch (...) {
      out.error("e_lint_failed", std::string("lint ") + lint.name + " could not run");
    }
  }
  ERR_clear_error();  // decoding odd input leaves entries that would confuse a later caller
}

void lint_failed(Sink& out, const char* name, const char* what) {
  out.error("e_lint_failed", std::string("lint ") + name + " could not run: " + what);
}

}  // namespace

std::vector<Finding> rfc5280_certificate(const X509* cert, const X509* issuer,
                                         const std::vector<Finding>& primary) {
  Sink out(primary);
  if (!cert) {
    lint_failed(out, "rfc5280", "there is no certificate");
    return out.take();
  }
  run_all(kCertificateLints, rfc::CertContext{cert, issuer, out}, out);
  return out.take();
}

std::vector<Finding> rfc5280_crl(const X509_CRL* crl, ByteView der, const X509* issuer,
                                 const std::vector<Finding>& primary) {
  Sink out(primary);
  if (!crl) {
    lint_failed(out, "rfc5280", "there is no CRL");
    return out.take();
  }
  // A private copy in file order: the caller's object may have been sorted by a serial lookup.
  const unsigned char* p = der.data();
  ossl::X509CrlPtr as_written(
      der.empty() ? nullptr : d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size())));
  ERR_clear_error();
  rfc::CrlContext c{crl, as_written ? as_written.get() : crl, issuer, out};
  run_all(kCrlLints, c, out);
  try {
    rfc::crl_signature_algorithm(c, der);
  } catch (const std::exception& e) {
    lint_failed(out, "crl-signature-algorithm", e.what());
  }
  ERR_clear_error();
  return out.take();
}

std::vector<Finding> rfc5280_csr(const X509_REQ* csr, const std::vector<Finding>& primary) {
  Sink out(primary);
  if (!csr) {
    lint_failed(out, "rfc5280", "there is no CSR");
    return out.take();
  }
  try {
    rfc::check_name(X509_REQ_get_subject_name(csr), "subject", out, rfc::kCsrSubjectIds);
  } catch (const std::exception& e) {
    lint_failed(out, "names", e.what());
  }
  ERR_clear_error();
  return out.take();
}

}  // namespace kr::lint
