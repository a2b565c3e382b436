// The whole kr-lint path without a process: read inputs, choose each artifact's profile, run its
// lints (the profile lint, lint_crl, lint_csr or lint_ocsp_response, then the RFC 5280 lints of
// lint/rfc5280.h) and collect one Result per artifact. Nothing here throws for odd input: an
// unreadable part is a Result with an error, and a lint that throws becomes e_lint_failed.
#pragma once

#include <openssl/x509.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lint/input.h"
#include "lint/lint.h"
#include "lint/status.h"
#include "profile/crl_profile.h"
#include "profile/profile.h"

namespace kr::lint {

struct Options {
  std::string profile;                 // --profile: empty = chosen per artifact (select_profile.h)
  std::filesystem::path profiles_dir;  // empty: profile::default_profiles_dir()
  const X509* issuer = nullptr;        // --issuer: the CA that signed the artifacts
  StatusOptions status;                // --at, --crl (lint/status.h); empty: not judged
  // --profile-set: "cabf-br" lints certificates against profiles_dir/cabf-br/ (a --profile
  // without '/' is taken from the set); empty or "cps": profiles_dir itself. CRLs always use
  // profiles_dir's crl profile (no set has CRL profiles of its own yet).
  std::string profile_set;
};

struct Result {
  std::string file;
  std::size_t index = 0;              // the artifact's position in its file, from 0
  std::size_t artifacts_in_file = 1;  // how many the file held (for "FILE[3]" locations)
  std::optional<ArtifactType> type;
  std::string name;            // subject (certificate, CSR) or issuer (CRL), for people
  std::string profile;         // the profile linted against; empty when none applied
  std::string profile_reason;  // "given with --profile", "self-signed CA certificate", ...
  std::vector<Finding> findings;
  std::string error;  // the artifact could not be read or linted (exit status 2)

  // "FILE" for a file holding one artifact, else "FILE[INDEX]".
  std::string location() const;
};

class Linter {
 public:
  // Throws kr::UsageError when options.profile names no profile in the profiles directory.
  explicit Linter(Options options);

  // Reads and lints one file ("-": standard input); a file that cannot be read at all gives one
  // Result with an error.
  std::vector<Result> lint_file(const std::string& path);
  std::vector<Result> lint_data(const std::string& file, ByteView data);
  // Reads every file first, so that the automatic choice can recognise a cross-certificate by a
  // certificate in another file (select_profile.h), then lints them in order.
  std::vector<Result> lint_files(const std::vector<std::string>& paths);

 private:
  Result lint_artifact(const std::string& file, Artifact& artifact, std::size_t count);
  void lint_certificate(const X509* cert, Result& r);
  void lint_crl(const X509_CRL* crl, ByteView der, Result& r);
  void lint_csr(const X509_REQ* csr, Result& r);
  void lint_ocsp(const OCSP_RESPONSE* ocsp, Result& r);
  // A profile loaded once per run; nullptr (and r.error set) when it cannot be loaded.
  template <class P>
  const P* load_cached(std::map<std::string, P>& cache, const std::string& name, const char* what,
                       P (*load)(const std::filesystem::path&, const std::string&), Result& r);

  Options options_;
  std::filesystem::path set_dir_;   // the profile set's folder
  std::vector<const X509*> known_;  // every certificate of the run, and --issuer
  std::map<std::string, profile::Profile> certificate_profiles_;
  std::map<std::string, profile::CrlProfile> crl_profiles_;
  std::map<std::string, std::string> profile_errors_;  // "kind:name" -> why it cannot be loaded
};

// Reads the --issuer certificate (PEM or DER, exactly one certificate); throws kr::Error.
ossl::X509Ptr read_issuer(const std::string& path);

// 2 when any artifact could not be read or linted, else 1 when any finding is an error, else 0.
int exit_status(const std::vector<Result>& results);

}  // namespace kr::lint
