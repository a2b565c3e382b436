// Helpers for the CRL profile and lint tests: the shipped crl profile, a well-formed CRL template
// for the test root, and a way to build, break, sign and re-read a CRL.
#pragma once

#include <functional>

#include "profile/crl_profile.h"
#include "unit/profile/profile_support.h"
#include "unit/x509/crl_csr_ocsp_support.h"
#include "x509/crl_builder.h"
#include "x509/crl_io.h"

namespace kr::test {

inline const profile::CrlProfile& crl_profile() {
  static const profile::CrlProfile p =
      profile::load_crl_profile(profile::default_profiles_dir(), "crl");
  return p;
}

// Three entries, deliberately out of order, with reasons and an invalidity date.
inline x509::CrlTemplate crl_template(const X509* issuer = test_root().cert.get()) {
  x509::CrlTemplate t;
  t.issuer = issuer;
  t.this_update = at("2026-01-01T00:00:00Z");
  t.next_update = at("2027-01-01T00:00:00Z");  // exactly 12 months
  t.crl_number = x509::crl_number_bytes(7);
  t.entries = {
      {{0x30, 0x01},
       at("2025-06-01T12:00:00Z"),
       x509::CrlReason::key_compromise,
       at("2025-05-30T00:00:00Z")},
      {{0x05}, at("2025-03-01T00:00:00Z"), std::nullopt, std::nullopt},
      {{0x7F}, at("2025-04-01T00:00:00Z"), x509::CrlReason::superseded, std::nullopt},
  };
  return t;
}

// Builds the template, lets `tweak` break the unsigned CRL, signs it (with `key`, default the test
// root's, and `algorithm`, default the key's usual one) and re-reads it from DER.
inline ossl::X509CrlPtr make_crl(const x509::CrlTemplate& t,
                                 std::function<void(X509_CRL*)> tweak = {},
                                 EVP_PKEY* key = test_root().key, std::string algorithm = {}) {
  auto crl = x509::build_crl(t);
  if (tweak) tweak(crl.get());
  auto ctx = signing_context(key, algorithm.empty() ? algorithm_for(key) : algorithm);
  if (X509_CRL_sign_ctx(crl.get(), ctx.get()) <= 0) ossl::throw_error("X509_CRL_sign_ctx");
  return x509::read_crl(x509::crl_der(crl.get()), "test CRL");
}

}  // namespace kr::test
