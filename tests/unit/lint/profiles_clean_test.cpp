// Every shipped certificate profile: a request that fits it passes the check, and the certificate
// built from it and signed with software keys lints clean against its issuer. OpenSSL's own path
// validation (strict mode, with the purpose each profile is for) is the independent check.
#include <doctest/doctest.h>
#include <openssl/x509_vfy.h>

#include "unit/lint/findings.h"
#include "unit/profile/hierarchy_support.h"

using namespace kr;

namespace {

const test::pki::Ca& issuer_for(const std::string& name) {
  return test::pki::issued_ca_profile(name) ? test::pki::root() : test::pki::issuing_ca();
}

profile::CertificateRequest request_for(const std::string& name) {
  auto r = test::pki::good_request(name, issuer_for(name));
  if (name == "cross-ca") {
    r.existing = test::pki::second_root().cert.get();
    r.subject = {};
    r.public_key = nullptr;
  }
  return r;
}

int purpose_for(const std::string& name) {
  if (name == "tls-server" || name == "tls-server-ev") return X509_PURPOSE_SSL_SERVER;
  if (name == "client") return X509_PURPOSE_SSL_CLIENT;
  if (name == "ocsp-signing") return X509_PURPOSE_OCSP_HELPER;
  if (name == "time-stamping") return X509_PURPOSE_TIMESTAMP_SIGN;
  return X509_PURPOSE_ANY;
}

// OpenSSL path validation at 2026-01-01 with X509_V_FLAG_X509_STRICT; X509_V_OK when it accepts.
int openssl_verify(X509* cert, const std::string& name) {
  ossl::X509StorePtr store(X509_STORE_new());
  X509_STORE_add_cert(store.get(), const_cast<X509*>(test::pki::root().cert.get()));
  STACK_OF(X509)* untrusted = sk_X509_new_null();
  sk_X509_push(untrusted, const_cast<X509*>(test::pki::issuing_ca().cert.get()));
  ossl::X509StoreCtxPtr ctx(X509_STORE_CTX_new());
  X509_STORE_CTX_init(ctx.get(), store.get(), cert, untrusted);
  X509_STORE_CTX_set_time(ctx.get(), 0,
                          test::pki::utc("2026-01-01T00:00:00Z").time_since_epoch().count());
  X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_X509_STRICT);
  X509_STORE_CTX_set_purpose(ctx.get(), purpose_for(name));
  int ok = X509_verify_cert(ctx.get());
  int err = X509_STORE_CTX_get_error(ctx.get());
  sk_X509_free(untrusted);
  return ok == 1 ? X509_V_OK : err;
}

}  // namespace

TEST_SUITE("lint::profiles clean") {
  TEST_CASE("each issued profile: the good request passes and its certificate lints clean") {
    for (std::string name : test::pki::kCertificateProfiles) {
      if (name == "root-ca") continue;  // lint_clean_test.cpp
      CAPTURE(name);
      const auto& p = test::pki::profile_named(name);
      const test::pki::Ca& issuer = issuer_for(name);
      auto r = request_for(name);
      CHECK(test::pki::violation_ids(profile::check_request(p, r)).empty());
      auto cert = test::pki::issue(name, r, issuer);
      CHECK(X509_verify(cert.get(), issuer.key) == 1);
      auto findings = lint::lint_certificate(cert.get(), p, issuer.cert.get());
      CHECK(test::ids(findings).empty());
      CHECK(openssl_verify(cert.get(), name) == X509_V_OK);
    }
  }

  TEST_CASE(
      "the test hierarchy itself: root and issuing CA lint clean, the issuing CA has pathLen 0") {
    CHECK(test::ids(lint::lint_certificate(test::pki::root().cert.get(),
                                           test::pki::profile_named("root-ca"), nullptr))
              .empty());
    const X509* ca = test::pki::issuing_ca().cert.get();
    CHECK(test::ids(lint::lint_certificate(ca, test::pki::profile_named("subordinate-ca"),
                                           test::pki::root().cert.get()))
              .empty());
    CHECK(X509_get_pathlen(const_cast<X509*>(ca)) == 0);
    CHECK(openssl_verify(const_cast<X509*>(ca), "subordinate-ca") == X509_V_OK);
  }

  TEST_CASE("every RSA and EC key CPS 6.1.5 allows, with its default algorithm, under an RSA CA") {
    // An RSA issuer, so the default algorithm comes from the issuer's key, not the subject's.
    ossl::EvpPkeyPtr rsa_ca_key = test::rsa_key(2048);
    auto root_r = test::root_request(rsa_ca_key.get());
    test::pki::Ca rsa_root{test::make_certificate(root_r), rsa_ca_key.get()};
    for (std::string kind : {"rsa-2048", "rsa-3072", "rsa-4096", "P-384", "P-521"}) {
      CAPTURE(kind);
      auto r = test::pki::good_request("subordinate-ca", rsa_root, test::shared_key(kind));
      r.not_before = root_r.not_before;
      r.not_after = test::pki::utc("2035-05-26T00:00:00Z");
      const auto& p = test::pki::profile_named("subordinate-ca");
      REQUIRE(profile::check_request(p, r).empty());
      CHECK(profile::effective_signature_algorithm(p, r) == "sha256WithRSAEncryption");
      auto cert = test::pki::issue("subordinate-ca", r, rsa_root);
      CHECK(test::ids(lint::lint_certificate(cert.get(), p, rsa_root.cert.get())).empty());
    }
  }
}
