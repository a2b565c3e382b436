// The CSR builder and the proof-of-possession check.
#include "x509/csr_builder.h"

#include <doctest/doctest.h>
#include <openssl/err.h>

#include "unit/x509/crl_csr_ocsp_support.h"
#include "util/error.h"
#include "x509/name.h"

using namespace kr;

namespace {

const x509::DistinguishedName kSubject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Sub CA"}};

ossl::X509ReqPtr signed_csr(EVP_PKEY* key, std::string_view algorithm) {
  auto csr = x509::build_csr({kSubject, key});
  auto ctx = test::signing_context(key, algorithm);
  REQUIRE(X509_REQ_sign_ctx(csr.get(), ctx.get()) > 0);
  return x509::read_csr(x509::csr_der(csr.get()), "signed CSR");
}

}  // namespace

TEST_SUITE("x509::build_csr") {
  TEST_CASE("a signed request carries the subject and key and proves possession") {
    for (auto [kind, alg] :
         {std::pair{"P-384", "ecdsa-with-SHA384"}, std::pair{"rsa-2048", "sha256WithRSAEncryption"},
          std::pair{"rsa-2048", "rsassaPss-sha256"}}) {
      CAPTURE(alg);
      EVP_PKEY* key = test::shared_key(kind);
      auto csr = signed_csr(key, alg);
      CHECK(X509_REQ_get_version(csr.get()) == 0);
      CHECK(x509::read_name(X509_REQ_get_subject_name(csr.get())) == kSubject);
      CHECK(EVP_PKEY_eq(X509_REQ_get0_pubkey(csr.get()), key) == 1);
      CHECK(X509_REQ_get_attr_count(csr.get()) == 0);
      CHECK(x509::csr_signature_valid(csr.get()));
      CHECK(X509_REQ_verify(csr.get(), key) == 1);
    }
  }

  TEST_CASE("a tampered request fails the signature check") {
    EVP_PKEY* key = test::shared_key("P-256");
    auto csr = signed_csr(key, "ecdsa-with-SHA256");
    Bytes der = x509::csr_der(csr.get());
    // Change one character of the CN inside the signed CertificationRequestInfo.
    std::string text(der.begin(), der.end());
    auto at = text.find("Example Sub CA");
    REQUIRE(at != std::string::npos);
    der[at + 8] = 'X';
    auto tampered = x509::read_csr(der, "tampered CSR");
    CHECK(x509::read_name(X509_REQ_get_subject_name(tampered.get()))[2].second == "Example Xub CA");
    CHECK_FALSE(x509::csr_signature_valid(tampered.get()));
    CHECK(ERR_peek_error() == 0);

    // Signed by another key than the one it carries: no proof of possession either.
    auto other = x509::build_csr({kSubject, key});
    auto ctx = test::signing_context(test::shared_key("P-384"), "ecdsa-with-SHA384");
    REQUIRE(X509_REQ_sign_ctx(other.get(), ctx.get()) > 0);
    CHECK_FALSE(x509::csr_signature_valid(other.get()));
    CHECK_FALSE(x509::csr_signature_valid(nullptr));
  }

  TEST_CASE("the to-be-signed bytes are the same whichever key of the type signs") {
    EVP_PKEY* key = test::shared_key("P-256");
    auto throwaway = test::ec_key("P-256");
    auto a = x509::build_csr({kSubject, key});
    auto b = x509::build_csr({kSubject, key});
    auto ctx_a = test::signing_context(throwaway.get(), "ecdsa-with-SHA256");
    auto ctx_b = test::signing_context(key, "ecdsa-with-SHA256");
    REQUIRE(X509_REQ_sign_ctx(a.get(), ctx_a.get()) > 0);
    REQUIRE(X509_REQ_sign_ctx(b.get(), ctx_b.get()) > 0);
    CHECK(x509::csr_tbs_der(a.get()) == x509::csr_tbs_der(b.get()));
    CHECK_FALSE(x509::csr_signature_valid(a.get()));
    CHECK(x509::csr_signature_valid(b.get()));
  }

  TEST_CASE("refusals and encodings") {
    CHECK_THROWS_WITH_AS(x509::build_csr({kSubject, nullptr}),
                         "the certificate request has no public key", Error);
    CHECK_THROWS_WITH_AS(x509::build_csr({{}, test::shared_key("P-256")}),
                         "the certificate request has an empty subject", Error);
    CHECK_THROWS_AS(x509::build_csr({{{"XX", "y"}}, test::shared_key("P-256")}), Error);

    auto csr = signed_csr(test::shared_key("P-256"), "ecdsa-with-SHA256");
    std::string pem = x509::csr_pem(csr.get());
    CHECK(pem.rfind("-----BEGIN CERTIFICATE REQUEST-----", 0) == 0);
    CHECK(x509::csr_der(x509::read_csr(as_bytes(pem), "pem").get()) == x509::csr_der(csr.get()));
    std::string message;
    try {
      x509::read_csr(as_bytes("not a request"), "junk.csr");
    } catch (const Error& e) {
      message = e.what();
    }
    CHECK(message.rfind("junk.csr: not a PEM or DER certificate request", 0) == 0);
  }
}
