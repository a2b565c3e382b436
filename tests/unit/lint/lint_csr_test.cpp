// The CSR lint: keyrite's requests lint clean; each id fires on a hand-made broken request.
#include "lint/lint_csr.h"

#include <doctest/doctest.h>
#include <openssl/x509v3.h>

#include <functional>

#include "unit/lint/findings.h"
#include "unit/profile/profile_support.h"
#include "unit/x509/crl_csr_ocsp_support.h"
#include "x509/csr_builder.h"

using namespace kr;

namespace {

using Ids = std::vector<std::string>;
const x509::DistinguishedName kSubject = {{"C", "US"}, {"O", "Example"}, {"CN", "Example Sub CA"}};

// Builds a request for `key`, lets `tweak` change it, signs it with `signer` (default: `key`).
ossl::X509ReqPtr make_csr(EVP_PKEY* key, std::string algorithm = {},
                          std::function<void(X509_REQ*)> tweak = {}, EVP_PKEY* signer = nullptr) {
  auto csr = x509::build_csr({kSubject, key});
  if (tweak) tweak(csr.get());
  EVP_PKEY* sk = signer ? signer : key;
  auto ctx = test::signing_context(sk, algorithm.empty() ? test::algorithm_for(sk) : algorithm);
  REQUIRE(X509_REQ_sign_ctx(csr.get(), ctx.get()) > 0);
  return x509::read_csr(x509::csr_der(csr.get()), "test CSR");
}

std::vector<lint::Finding> lint_of(const X509_REQ* csr) {
  return lint::lint_csr(csr);
}

}  // namespace

TEST_SUITE("lint::lint_csr") {
  TEST_CASE("keyrite's requests lint clean") {
    CHECK(test::ids(lint_of(make_csr(test::shared_key("P-256")).get())).empty());
    CHECK(test::ids(lint_of(make_csr(test::shared_key("P-384")).get())).empty());
    CHECK(test::ids(lint_of(make_csr(test::shared_key("rsa-2048"), "rsassaPss-sha256").get()))
              .empty());
    // Requested extensions that decode are fine.
    auto with_ext = make_csr(test::shared_key("P-256"), {}, [](X509_REQ* r) {
      STACK_OF(X509_EXTENSION)* exts = sk_X509_EXTENSION_new_null();
      sk_X509_EXTENSION_push(
          exts, X509V3_EXT_conf_nid(nullptr, nullptr, NID_basic_constraints, "critical,CA:TRUE"));
      X509_REQ_add_extensions(r, exts);
      sk_X509_EXTENSION_pop_free(exts, X509_EXTENSION_free);
    });
    CHECK(test::ids(lint_of(with_ext.get())).empty());
  }

  TEST_CASE("proof of possession") {
    EVP_PKEY* key = test::shared_key("P-256");
    auto other_signer = make_csr(key, {}, {}, test::shared_key("P-384"));
    auto f = lint_of(other_signer.get());
    CHECK(test::ids(f) == Ids{"e_csr_signature_invalid"});
    CHECK(test::message_of(f, "e_csr_signature_invalid") ==
          "the signature does not verify with the request's own public key: no proof of "
          "possession (RFC 2986 3)");

    Bytes der = x509::csr_der(make_csr(key).get());
    std::string text(der.begin(), der.end());
    der[text.find("Example Sub CA")] = 'e';
    CHECK(test::ids(lint_of(x509::read_csr(der, "tampered").get())) ==
          Ids{"e_csr_signature_invalid"});
  }

  TEST_CASE("keys and signature algorithms") {
    auto weak = test::rsa_key(1024);
    auto f = lint_of(make_csr(weak.get()).get());
    CHECK(test::ids(f) == Ids{"e_csr_key_too_weak"});
    CHECK(test::message_of(f, "e_csr_key_too_weak") ==
          "RSA 1024-bit key is too weak; CPS 6.1.5 allows RSA of at least 2048 bits (a multiple "
          "of 8) or NIST P-256, P-384 or P-521");

    auto k1 = test::ec_key("secp256k1");
    f = lint_of(make_csr(k1.get()).get());
    CHECK(test::ids(f) == Ids{"e_csr_key_not_allowed"});
    CHECK(test::message_of(f, "e_csr_key_not_allowed") ==
          "EC secp256k1 key is not allowed; CPS 6.1.5 allows RSA of at least 2048 bits (a "
          "multiple of 8) or NIST P-256, P-384 or P-521");

    f = lint_of(make_csr(test::shared_key("P-256"), "ecdsa-with-SHA1").get());
    CHECK(test::ids(f) == Ids{"e_csr_sig_alg_forbidden"});
    CHECK(test::message_of(f, "e_csr_sig_alg_forbidden") ==
          "ecdsa-with-SHA1 is forbidden: keyrite never accepts MD2, MD4, MD5 or SHA-1 signatures");

    ossl::EvpPkeyPtr ed(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    auto ed_csr = x509::build_csr({kSubject, ed.get()});
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    REQUIRE(EVP_DigestSignInit_ex(ctx.get(), nullptr, nullptr, nullptr, nullptr, ed.get(),
                                  nullptr) == 1);
    REQUIRE(X509_REQ_sign_ctx(ed_csr.get(), ctx.get()) > 0);
    f = lint_of(ed_csr.get());
    CHECK(test::ids(f) == Ids{"e_csr_sig_alg_not_appendix_a", "e_csr_key_not_allowed"});
    CHECK(test::message_of(f, "e_csr_sig_alg_not_appendix_a")
              .find("is not a CPS Appendix A signature algorithm") != std::string::npos);
  }

  TEST_CASE("version, subject and attributes") {
    EVP_PKEY* key = test::shared_key("P-256");
    auto f = lint_of(make_csr(key, {}, [](X509_REQ* r) { X509_REQ_set_version(r, 1); }).get());
    CHECK(test::ids(f) == Ids{"e_csr_version"});
    CHECK(test::message_of(f, "e_csr_version") == "version is 1; RFC 2986 4.1 requires 0 (v1)");

    f = lint_of(make_csr(key, {}, [](X509_REQ* r) {
                  ossl::X509NamePtr empty(X509_NAME_new());
                  X509_REQ_set_subject_name(r, empty.get());
                }).get());
    CHECK(test::ids(f) == Ids{"e_csr_subject_empty"});

    f = lint_of(make_csr(key, {}, [](X509_REQ* r) {
                  X509_NAME* name = X509_REQ_get_subject_name(r);
                  X509_NAME_add_entry_by_txt(name, "OU", MBSTRING_UTF8,
                                             reinterpret_cast<const unsigned char*>("Ops"), -1, -1,
                                             -1);
                }).get());
    CHECK(test::ids(f) == Ids{"e_csr_multi_attr_rdn"});
    CHECK(test::message_of(f, "e_csr_multi_attr_rdn") ==
          "RDN 3 holds more than one attribute; keyrite writes one attribute per RDN");

    f = lint_of(make_csr(key, {}, [](X509_REQ* r) {
                  X509_NAME* name = X509_REQ_get_subject_name(r);
                  X509_NAME_add_entry_by_txt(name, "OU", V_ASN1_UTF8STRING,
                                             reinterpret_cast<const unsigned char*>(""), 0, -1, 0);
                }).get());
    CHECK(test::ids(f) == Ids{"e_csr_subject_empty_value"});
    CHECK(test::message_of(f, "e_csr_subject_empty_value") == "organizationalUnitName is empty");

    f = lint_of(make_csr(key, {}, [](X509_REQ* r) {
                  X509_REQ_add1_attr_by_NID(r, NID_pkcs9_challengePassword, MBSTRING_ASC,
                                            reinterpret_cast<const unsigned char*>("secret"), -1);
                }).get());
    CHECK(test::ids(f) == Ids{"e_csr_attribute_unknown"});
    CHECK(test::message_of(f, "e_csr_attribute_unknown") ==
          "attribute challengePassword is not accepted; keyrite reads extensionRequest only (a "
          "challengePassword is a secret in clear text)");
  }

  TEST_CASE("no request") {
    auto f = lint_of(nullptr);
    CHECK(test::ids(f) == Ids{"e_csr_lint_failed"});
  }
}
