// Helpers for the profile tests: the real root-ca profile, a well-formed root request, and a way
// to build, break and sign a certificate from it.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "profile/certificate_template.h"
#include "profile/profile.h"
#include "profile/request_check.h"
#include "unit/x509/test_support.h"
#include "x509/serial.h"

namespace kr::test {

inline const profile::Profile& root_profile() {
  static const profile::Profile p =
      profile::load_profile(profile::default_profiles_dir(), "root-ca");
  return p;
}

inline profile::CertificateRequest root_request(EVP_PKEY* key) {
  profile::CertificateRequest r;
  r.subject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Root CA 1"}};
  r.not_before = *parse_utc("2025-05-26T00:00:00Z");
  r.not_after = *parse_utc("2050-05-26T00:00:00Z");  // exactly 25 years
  r.public_key = key;
  return r;
}

// Builds the request's certificate, lets `tweak` break the unsigned certificate, then signs it
// with `signer` (the subject key when null) and the request's algorithm, and re-parses it.
inline ossl::X509Ptr make_certificate(const profile::CertificateRequest& r,
                                      std::function<void(X509*)> tweak = {},
                                      EVP_PKEY* signer = nullptr,
                                      const profile::Profile& p = root_profile()) {
  auto cert = x509::build_certificate(profile::certificate_template(p, r, x509::random_serial()));
  if (tweak) tweak(cert.get());
  EVP_PKEY* key = signer ? signer : const_cast<EVP_PKEY*>(r.public_key);
  std::string alg = profile::effective_signature_algorithm(p, r);
  if (alg.empty()) alg = "sha256WithRSAEncryption";  // for keys the profile refuses
  sign(cert.get(), key, alg);
  return reparse(cert.get());
}

// A fresh directory for files a test writes.
inline std::filesystem::path temp_dir(const std::string& name) {
  const char* base = std::getenv("KR_TEST_TMP");
  std::filesystem::path dir = base ? std::filesystem::path(base)
                                   : std::filesystem::temp_directory_path() /
                                         ("kr-unit-profile-" + std::to_string(getpid()));
  dir /= name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file) << text;
}

}  // namespace kr::test
