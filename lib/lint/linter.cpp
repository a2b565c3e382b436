// The kr-lint path: inputs to Results. Profiles are loaded once per run and kept; a profile that
// cannot be loaded makes each artifact that needs it an error, not the whole run.
#include "lint/linter.h"

#include <openssl/err.h>

#include "lint/lint_crl.h"
#include "lint/lint_csr.h"
#include "lint/lint_ocsp.h"
#include "lint/rfc5280.h"
#include "lint/select_profile.h"
#include "util/error.h"
#include "util/exit_status.h"
#include "x509/name.h"

namespace kr::lint {
namespace {

void append(std::vector<Finding>& to, std::vector<Finding> more) {
  to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

}  // namespace

std::string Result::location() const {
  return artifacts_in_file > 1 ? file + "[" + std::to_string(index) + "]" : file;
}

Linter::Linter(Options options) : options_(std::move(options)) {
  if (options_.profiles_dir.empty()) options_.profiles_dir = profile::default_profiles_dir();
  try {
    set_dir_ = profile::profile_set_dir(options_.profiles_dir, options_.profile_set);
  } catch (const Error& e) {
    throw UsageError(std::string("--profile-set: ") + e.what());
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(set_dir_, ec)) {
    std::string sets;
    for (std::filesystem::directory_iterator it(options_.profiles_dir, ec), end; !ec && it != end;
         it.increment(ec))
      if (it->is_directory()) sets += ", " + it->path().filename().string();
    throw UsageError("--profile-set " + options_.profile_set + ": there is no " + set_dir_.string(),
                     "the profile sets are cps" + sets);
  }
  // A --profile of a set ("cabf-br/root-ca") names its own folder.
  if (!options_.profile.empty() && options_.profile.find('/') == std::string::npos)
    options_.profile = profile::profile_in_set(options_.profile_set, options_.profile);
  if (!options_.profile.empty() && !profile_exists(options_.profiles_dir, options_.profile)) {
    auto slash = options_.profile.find('/');
    std::filesystem::path dir = slash == std::string::npos
                                    ? options_.profiles_dir
                                    : options_.profiles_dir / options_.profile.substr(0, slash);
    std::string known;
    for (const auto& name : profile_names(dir)) known += (known.empty() ? "" : ", ") + name;
    throw UsageError("--profile " + options_.profile + ": there is no such profile in " +
                         options_.profiles_dir.string(),
                     known.empty() ? "that directory has no profiles; see --profiles"
                                   : "the profiles there are " + known);
  }
  if (options_.issuer) known_.push_back(options_.issuer);
}

std::vector<Result> Linter::lint_files(const std::vector<std::string>& paths) {
  struct Input {
    std::string path;
    std::string error;
    std::vector<Artifact> artifacts;
  };
  std::vector<Input> inputs;
  for (const auto& path : paths) {
    Input in{path, {}, {}};
    try {
      in.artifacts = read_artifacts(read_input(path));
    } catch (const std::exception& e) {
      in.error = e.what();
    }
    inputs.push_back(std::move(in));
  }
  for (const auto& in : inputs)
    for (const auto& a : in.artifacts)
      if (a.cert) known_.push_back(a.cert.get());
  std::vector<Result> out;
  for (auto& in : inputs) {
    if (!in.error.empty()) {
      Result r;
      r.file = in.path;
      r.error = in.error;
      out.push_back(std::move(r));
      continue;
    }
    for (auto& a : in.artifacts) out.push_back(lint_artifact(in.path, a, in.artifacts.size()));
  }
  known_.resize(options_.issuer ? 1 : 0);  // the artifacts go out of scope here
  return out;
}

std::vector<Result> Linter::lint_file(const std::string& path) {
  Bytes data;
  try {
    data = read_input(path);
  } catch (const std::exception& e) {
    Result r;
    r.file = path;
    r.error = e.what();
    return {r};
  }
  return lint_data(path, data);
}

std::vector<Result> Linter::lint_data(const std::string& file, ByteView data) {
  std::vector<Artifact> artifacts = read_artifacts(data);
  std::vector<Result> out;
  out.reserve(artifacts.size());
  for (auto& a : artifacts) out.push_back(lint_artifact(file, a, artifacts.size()));
  return out;
}

Result Linter::lint_artifact(const std::string& file, Artifact& a, std::size_t count) {
  Result r;
  r.file = file;
  r.index = a.index;
  r.artifacts_in_file = count;
  r.type = a.type;
  if (!a.error.empty() || !a.type) {
    r.error = a.error.empty() ? "unreadable" : a.error;
    return r;
  }
  try {
    switch (*a.type) {
      case ArtifactType::certificate:
        lint_certificate(a.cert.get(), r);
        break;
      case ArtifactType::crl:
        lint_crl(a.crl.get(), a.der, r);
        break;
      case ArtifactType::csr:
        lint_csr(a.csr.get(), r);
        break;
      case ArtifactType::ocsp_response:
        lint_ocsp(a.ocsp.get(), r);
        break;
    }
  } catch (const std::exception& e) {
    r.findings.push_back(
        {"e_lint_failed", Severity::error, std::string("the lints could not finish: ") + e.what()});
  } catch (...) {
    r.findings.push_back({"e_lint_failed", Severity::error, "the lints could not finish"});
  }
  ERR_clear_error();
  return r;
}

template <class P>
const P* Linter::load_cached(std::map<std::string, P>& cache, const std::string& name,
                             const char* what,
                             P (*load)(const std::filesystem::path&, const std::string&),
                             Result& r) {
  if (auto it = cache.find(name); it != cache.end()) return &it->second;
  std::string key = std::string(what) + ":" + name;
  auto failed = profile_errors_.find(key);
  if (failed == profile_errors_.end()) {
    try {
      return &cache.emplace(name, load(options_.profiles_dir, name)).first->second;
    } catch (const std::exception& e) {
      failed = profile_errors_.emplace(key, e.what()).first;
    }
  }
  r.error = "profile " + name + " cannot be used for a " + what + ": " + failed->second;
  return nullptr;
}

void Linter::lint_certificate(const X509* cert, Result& r) {
  r.name = x509::name_text(X509_get_subject_name(cert));
  ProfileChoice choice = options_.profile.empty()
                             ? choose_certificate_profile(cert, set_dir_, known_)
                             : ProfileChoice{options_.profile, "given with --profile"};
  if (options_.profile.empty() && !choice.name.empty())
    choice.name = profile::profile_in_set(options_.profile_set, choice.name);
  r.profile_reason = choice.reason;
  std::vector<Finding> primary;
  if (!choice.name.empty()) {
    const profile::Profile* p =
        load_cached(certificate_profiles_, choice.name, "certificate", profile::load_profile, r);
    if (!p) return;
    r.profile = choice.name;
    primary = lint::lint_certificate(cert, *p, options_.issuer);
  }
  auto rfc = rfc5280_certificate(cert, options_.issuer, primary);
  r.findings = std::move(primary);
  append(r.findings, std::move(rfc));
  append(r.findings, status_lints(cert, options_.status));
}

void Linter::lint_crl(const X509_CRL* crl, ByteView der, Result& r) {
  r.name = x509::name_text(X509_CRL_get_issuer(crl));
  ProfileChoice choice = options_.profile.empty()
                             ? choose_crl_profile(options_.profiles_dir)
                             : ProfileChoice{options_.profile, "given with --profile"};
  r.profile_reason = choice.reason;
  std::vector<Finding> primary;
  if (!choice.name.empty()) {
    const profile::CrlProfile* p =
        load_cached(crl_profiles_, choice.name, "CRL", profile::load_crl_profile, r);
    if (!p) return;
    r.profile = choice.name;
    primary = lint::lint_crl(crl, *p, options_.issuer);
  }
  auto rfc = rfc5280_crl(crl, der, options_.issuer, primary);
  r.findings = std::move(primary);
  append(r.findings, std::move(rfc));
}

void Linter::lint_csr(const X509_REQ* csr, Result& r) {
  r.name = x509::name_text(X509_REQ_get_subject_name(csr));
  r.profile_reason = options_.profile.empty()
                         ? "CSRs are checked by the CSR lint, without a profile"
                         : "--profile does not apply to CSRs";
  r.findings = lint::lint_csr(csr);
  append(r.findings, rfc5280_csr(csr, r.findings));
}

void Linter::lint_ocsp(const OCSP_RESPONSE* ocsp, Result& r) {
  r.profile_reason = options_.profile.empty()
                         ? "OCSP responses are checked by the OCSP lint, without a profile"
                         : "--profile does not apply to OCSP responses";
  // The signer is found in the response (or is the issuer itself); see lint_ocsp.h.
  r.findings = lint_ocsp_response(ocsp, options_.issuer, nullptr);
}

ossl::X509Ptr read_issuer(const std::string& path) {
  Bytes data;
  try {
    data = read_input(path);
  } catch (const Error& e) {
    throw Error("--issuer " + path + ": " + e.what(), e.hint());
  }
  auto artifacts = read_artifacts(data);
  if (artifacts.size() != 1 || !artifacts[0].cert)
    throw Error("--issuer " + path + ": " +
                (artifacts.size() != 1
                     ? "holds " + std::to_string(artifacts.size()) + " objects, not one certificate"
                 : !artifacts[0].error.empty() ? artifacts[0].error
                                               : "is not a certificate"));
  return std::move(artifacts[0].cert);
}

int exit_status(const std::vector<Result>& results) {
  bool errors = false;
  for (const auto& r : results) {
    if (!r.error.empty()) return kExitError;  // an input that could not be judged wins
    errors |= has_errors(r.findings);
  }
  return errors ? kExitFoundWrong : kExitOk;
}

}  // namespace kr::lint
