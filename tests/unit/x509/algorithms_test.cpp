// The Appendix A table against OpenSSL's own object names, and recognition of the algorithms in
// real certificates and in PSS certificates signed here.
#include "x509/algorithms.h"

#include <doctest/doctest.h>
#include <openssl/objects.h>

#include "unit/x509/test_support.h"
#include "x509/builder.h"
#include "x509/serial.h"

using namespace kr;

namespace {

x509::AlgorithmMatch identify(const X509* cert) {
  const X509_ALGOR* alg = nullptr;
  X509_get0_signature(nullptr, &alg, cert);
  return x509::identify_signature_algorithm(alg);
}

ossl::X509Ptr pss_signed(std::string_view name, int salt = -1) {
  EVP_PKEY* key = test::shared_key("rsa-2048");
  x509::CertificateTemplate t;
  t.subject = t.issuer = {{"CN", "PSS test"}};
  t.serial = x509::random_serial();
  t.not_before = *parse_utc("2025-01-01T00:00:00Z");
  t.not_after = *parse_utc("2026-01-01T00:00:00Z");
  t.public_key = key;
  auto cert = x509::build_certificate(t);
  test::sign(cert.get(), key, name, salt);
  return test::reparse(cert.get());
}

}  // namespace

TEST_SUITE("x509::algorithms") {
  TEST_CASE("CPS names and OIDs agree with OpenSSL's object table") {
    int checked = 0;
    for (const auto& a : x509::signature_algorithms()) {
      if (a.pss) continue;  // one OID, parameters decide; OpenSSL calls it rsassaPss
      int nid = OBJ_txt2nid(std::string(a.oid).c_str());
      REQUIRE(nid != NID_undef);
      CHECK(std::string_view(OBJ_nid2ln(nid)) == a.name);
      ++checked;
    }
    CHECK(checked == 13);
    CHECK(OBJ_txt2nid("1.2.840.113549.1.1.10") == NID_rsassaPss);
  }

  TEST_CASE("MD2, MD4, MD5 and SHA-1 algorithms are forbidden, the rest are not") {
    for (const char* name : {"md2WithRSAEncryption", "md4WithRSAEncryption", "md5WithRSAEncryption",
                             "sha1WithRSAEncryption", "dsaWithSHA1", "ecdsa-with-SHA1"})
      CHECK(x509::find_signature_algorithm(name)->forbidden);
    for (const char* name : {"sha256WithRSAEncryption", "rsassaPss-sha384", "ecdsa-with-SHA512"})
      CHECK_FALSE(x509::find_signature_algorithm(name)->forbidden);
    CHECK(x509::find_signature_algorithm("sha256WithRSA") == nullptr);
  }

  TEST_CASE("the Amazon roots' algorithms are recognised with correct parameters") {
    const std::pair<const char*, const char*> expected[] = {
        {"amazon-root-ca-1.pem", "sha256WithRSAEncryption"},
        {"amazon-root-ca-2.pem", "sha384WithRSAEncryption"},
        {"amazon-root-ca-3.pem", "ecdsa-with-SHA256"},
        {"amazon-root-ca-4.pem", "ecdsa-with-SHA384"},
    };
    for (const auto& [file, name] : expected) {
      auto m = identify(test::realworld_cert(file).get());
      REQUIRE(m.algorithm != nullptr);
      CHECK(m.text == name);
      CHECK(m.problem.empty());
    }
  }

  TEST_CASE("SHA-1 roots from the wild are recognised as forbidden") {
    auto m = identify(test::realworld_cert("digicert-global-root-ca.pem").get());
    REQUIRE(m.algorithm != nullptr);
    CHECK(m.text == "sha1WithRSAEncryption");
    CHECK(m.algorithm->forbidden);
  }

  TEST_CASE("RSASSA-PSS is named by its hash when the parameters are the RFC 4055 shape") {
    for (const char* name : {"rsassaPss-sha256", "rsassaPss-sha384", "rsassaPss-sha512"}) {
      auto m = identify(pss_signed(name).get());
      CHECK(m.text == name);
      CHECK(m.problem.empty());
    }
  }

  TEST_CASE("RSASSA-PSS with a salt shorter than the hash is named and explained") {
    auto m = identify(pss_signed("rsassaPss-sha256", 20).get());
    CHECK(m.text == "rsassaPss-sha256");
    CHECK(m.problem == "rsassaPss-sha256 parameters: salt length is 20, not 32");
  }
}
