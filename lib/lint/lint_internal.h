// What every lint function sees, and the lint functions the engine runs in order (lint.cpp).
#pragma once

#include <string>
#include <vector>

#include "lint/lint.h"
#include "profile/rules.h"
#include "x509/extension_spec.h"

namespace kr::lint::cert_lints {

struct Context {
  const X509* cert;
  const profile::Profile& profile;
  const X509* issuer;
  std::vector<Finding>& out;

  void error(std::string id, std::string message) const {
    out.push_back({std::move(id), Severity::error, std::move(message)});
  }
  void notice(std::string id, std::string message) const {
    out.push_back({std::move(id), Severity::notice, std::move(message)});
  }
  void problem(const profile::Problem& p) const { error(p.id, p.message); }
};

// lint_fields.cpp
void version(const Context& c);
void serial(const Context& c);
void unique_ids(const Context& c);
void signature_algorithm(const Context& c);
void validity(const Context& c);
void key(const Context& c);
// lint_names.cpp
void rdn_shape(const Context& c);
void subject(const Context& c);
void issuer_name(const Context& c);
// lint_extensions.cpp
void extension_list(const Context& c);
void profile_extensions(const Context& c);
// lint_san.cpp
void subject_and_san(const Context& c);
// lint_issuer.cpp
void issuer_certificate(const Context& c);

// Content checks of one present extension, called by profile_extensions.
// lint_values.cpp
void check_policies(const Context& c, const x509::CertificatePolicies& want, X509_EXTENSION* ext);
void check_aia(const Context& c, const x509::AuthorityInfoAccess& want, X509_EXTENSION* ext);
void check_crldp(const Context& c, X509_EXTENSION* ext);
void check_eku(const Context& c, const x509::ExtendedKeyUsage& want, X509_EXTENSION* ext);
void check_nocheck(const Context& c, X509_EXTENSION* ext);
// lint_name_constraints.cpp
void check_name_constraints(const Context& c, const x509::NameConstraints& want,
                            X509_EXTENSION* ext);
// lint_san.cpp
void check_san_extension(const Context& c, const x509::SubjectAltName& want, X509_EXTENSION* ext);

}  // namespace kr::lint::cert_lints
