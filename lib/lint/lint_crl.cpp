// The CRL lint engine: re-parses the CRL from its DER (a caller's lookups may have sorted the
// in-memory entry list), then runs an explicit table of lints, each isolated so that one failing
// on a strange CRL is reported as a finding instead of hiding the others.
#include <openssl/err.h>

#include "lint/lint_crl_internal.h"

namespace kr::lint {
namespace {

struct Entry {
  const char* name;
  void (*run)(const crl_lints::Context&);
};

constexpr Entry kLints[] = {
    {"version", crl_lints::version},       {"signature-algorithm", crl_lints::signature_algorithm},
    {"times", crl_lints::times},           {"issuer", crl_lints::issuer},
    {"extensions", crl_lints::extensions}, {"entry-order", crl_lints::entry_order},
    {"entries", crl_lints::entries},
};

Bytes der_of(const X509_CRL* crl) {
  int len = i2d_X509_CRL(crl, nullptr);
  if (len <= 0) return {};
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  if (i2d_X509_CRL(crl, &p) != len) return {};
  return out;
}

}  // namespace

namespace crl_lints {

void EntryFindings::error(const std::string& id, std::string message) {
  if (++counts_[id] <= kShown) c_.error(id, std::move(message));
}

void EntryFindings::finish() {
  for (const auto& [id, count] : counts_)
    if (count > kShown)
      c_.error(id, "... and " + std::to_string(count - kShown) +
                       " more revoked entries with the same problem");
}

}  // namespace crl_lints

std::vector<Finding> lint_crl(const X509_CRL* crl, const profile::CrlProfile& profile,
                              const X509* issuer) {
  std::vector<Finding> out;
  Bytes der = crl ? der_of(crl) : Bytes{};
  const unsigned char* p = der.data();
  ossl::X509CrlPtr fresh(der.empty() ? nullptr
                                     : d2i_X509_CRL(nullptr, &p, static_cast<long>(der.size())));
  if (!fresh) {
    out.push_back({"e_crl_lint_failed", Severity::error,
                   crl ? "the CRL cannot be encoded and read back" : "there is no CRL to lint"});
    ERR_clear_error();
    return out;
  }
  crl_lints::Context ctx{fresh.get(), der, profile, issuer, out};
  for (const auto& lint : kLints) {
    try {
      lint.run(ctx);
    } catch (const std::exception& e) {
      out.push_back({"e_crl_lint_failed", Severity::error,
                     std::string("lint ") + lint.name + " could not run: " + e.what()});
    }
  }
  ERR_clear_error();  // decoding odd input leaves entries that would confuse a later caller
  return out;
}

}  // namespace kr::lint
