// What every OCSP lint sees, and the OCSP lints the engine (lint_ocsp.cpp) runs in order.
#pragma once

#include <string>
#include <vector>

#include "lint/lint_ocsp.h"

namespace kr::lint::ocsp_lints {

struct Context {
  OCSP_BASICRESP* basic;  // decoded from the response (OpenSSL's getters take it non-const)
  const X509* issuer;     // nullable
  const X509* signer;     // who signed: the given signer, a certificate from the response, or
                          // the issuer; nullptr when none could be found
  bool delegated;         // signer is a delegated responder, not the CA itself
  const OcspLintOptions& options;
  std::vector<Finding>& out;

  void error(std::string id, std::string message) const {
    out.push_back({std::move(id), Severity::error, std::move(message)});
  }
  void notice(std::string id, std::string message) const {
    out.push_back({std::move(id), Severity::notice, std::move(message)});
  }
};

// True when the response's responderID (byKey or byName) identifies cert.
bool responder_id_matches(const OCSP_BASICRESP* basic, const X509* cert);

// lint_ocsp_signer.cpp
void signature_algorithm(const Context& c);
void signature(const Context& c);
void responder_id(const Context& c);
void delegation(const Context& c);
// lint_ocsp_response.cpp
void version(const Context& c);
void response_extensions(const Context& c);
void single_responses(const Context& c);

}  // namespace kr::lint::ocsp_lints
