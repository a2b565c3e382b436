// What every CRL lint sees, and the CRL lints the engine (lint_crl.cpp) runs in order.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lint/lint_crl.h"
#include "ossl/types.h"
#include "profile/rules.h"
#include "util/bytes.h"

namespace kr::lint::crl_lints {

struct Context {
  const X509_CRL* crl;  // parsed afresh from the DER, so entries are in their encoded order
  const Bytes& der;     // the CRL's DER
  const profile::CrlProfile& profile;
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

// A CRL can hold tens of thousands of entries: each entry-level id is reported for the first few
// entries, then once more with the count of the rest.
class EntryFindings {
 public:
  explicit EntryFindings(const Context& c) : c_(c) {}
  void error(const std::string& id, std::string message);
  void finish();  // adds the "... and N more" findings

 private:
  static constexpr int kShown = 5;
  const Context& c_;
  std::map<std::string, int> counts_;
};

// lint_crl_fields.cpp
// "cRLNumber", or "1.2.3.4 (long name)" for an extension without an RFC 5280 name here.
std::string crl_extension_name(const ASN1_OBJECT* obj);
void version(const Context& c);
void signature_algorithm(const Context& c);
void times(const Context& c);
void issuer(const Context& c);
void extensions(const Context& c);
// lint_crl_entries.cpp
void entry_order(const Context& c);
void entries(const Context& c);

}  // namespace kr::lint::crl_lints
