// Every signature algorithm of CPS Appendix A, on every key size keyrite generates, signs an
// X.509 certificate through standard OpenSSL code with the key on a real SoftHSM token; OpenSSL
// verifies each result against the token's public key.
#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/ocsp.h>
#include <openssl/rsa.h>

#include "fixture.h"
#include "ossl/der.h"
#include "provider/signing_context.h"

using namespace kr;
using namespace kr::provider;

namespace {

struct Generated {
  pkcs11::KeyPair pair;
  std::vector<std::string> algorithms;
};

std::vector<std::string> rsa_algorithms() {
  return {"sha256WithRSAEncryption", "sha384WithRSAEncryption", "sha512WithRSAEncryption",
          "rsassaPss-sha256",        "rsassaPss-sha384",        "rsassaPss-sha512"};
}
std::vector<std::string> ec_algorithms() {
  return {"ecdsa-with-SHA256", "ecdsa-with-SHA384", "ecdsa-with-SHA512"};
}

// The signature algorithm OID as written in the certificate's outer AlgorithmIdentifier.
std::string signature_oid(const X509* cert) {
  char text[128];
  OBJ_obj2txt(text, sizeof text, X509_get0_tbs_sigalg(cert)->algorithm, 1);
  return text;
}

}  // namespace

TEST_SUITE("provider: signing") {
  TEST_CASE(
      "each algorithm signs a certificate that OpenSSL verifies with the token's public key") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    std::vector<Generated> keys;
    for (int bits : {2048, 3072, 4096})
      keys.push_back({pkcs11::generate_key_pair(session, {"rsa-" + std::to_string(bits),
                                                          pkcs11::KeyAlgorithm::rsa, bits, ""}),
                      rsa_algorithms()});
    for (const char* curve : {"P-256", "P-384", "P-521"})
      keys.push_back({pkcs11::generate_key_pair(session, {std::string("ec-") + curve,
                                                          pkcs11::KeyAlgorithm::ec, 0, curve}),
                      ec_algorithms()});

    // SoftHSM runs OpenSSL in this process and leaves its own engine-probing errors queued.
    ERR_clear_error();
    int signed_count = 0;
    for (const auto& k : keys) {
      auto hsm_key = load_hsm_key(hsm.module(), hsm.token(), k.pair, hsm.user_pin());
      REQUIRE(hsm_key_description(hsm_key.get()).has_value());
      CHECK(ERR_peek_error() == 0);
      for (const auto& alg : k.algorithms) {
        CAPTURE(k.pair.label);
        CAPTURE(alg);
        auto cert = test::tbs_certificate(k.pair.public_key.get());
        auto ctx = make_signing_context(hsm_key.get(), alg);
        REQUIRE(X509_sign_ctx(cert.get(), ctx.get()) > 0);
        CHECK(ERR_peek_error() == 0);
        CHECK(X509_verify(cert.get(), k.pair.public_key.get()) == 1);

        // The same algorithm with a software key of the same type yields the same
        // AlgorithmIdentifier: the HSM path writes what OpenSSL writes.
        ossl::EvpPkeyPtr soft(k.pair.algorithm == pkcs11::KeyAlgorithm::rsa
                                  ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t{2048})
                                  : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
        auto soft_cert = test::tbs_certificate(soft.get());
        auto soft_ctx = make_signing_context(soft.get(), alg);
        REQUIRE(X509_sign_ctx(soft_cert.get(), soft_ctx.get()) > 0);
        const X509_ALGOR* hsm_alg = nullptr;
        const X509_ALGOR* soft_alg = nullptr;
        X509_get0_signature(nullptr, &hsm_alg, cert.get());
        X509_get0_signature(nullptr, &soft_alg, soft_cert.get());
        CHECK(X509_ALGOR_cmp(hsm_alg, soft_alg) == 0);
        CHECK(signature_oid(cert.get()) == signature_oid(soft_cert.get()));
        ++signed_count;
      }
    }
    CHECK(signed_count == 3 * 6 + 3 * 3);
  }

  TEST_CASE("PSS certificates carry RSASSA-PSS parameters with the digest's salt length") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto pair = pkcs11::generate_key_pair(session, {"pss", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    auto cert = test::tbs_certificate(pair.public_key.get());
    REQUIRE(X509_sign_ctx(cert.get(), make_signing_context(key.get(), "rsassaPss-sha384").get()) >
            0);
    CHECK(signature_oid(cert.get()) == "1.2.840.113549.1.1.10");
    const X509_ALGOR* alg = nullptr;
    X509_get0_signature(nullptr, &alg, cert.get());
    int ptype = 0;
    const void* pval = nullptr;
    X509_ALGOR_get0(nullptr, &ptype, &pval, alg);
    REQUIRE(ptype == V_ASN1_SEQUENCE);
    auto* pss = static_cast<RSA_PSS_PARAMS*>(
        ASN1_item_unpack(static_cast<const ASN1_STRING*>(pval), ASN1_ITEM_rptr(RSA_PSS_PARAMS)));
    REQUIRE(pss != nullptr);
    CHECK(ASN1_INTEGER_get(pss->saltLength) == 48);
    CHECK(OBJ_obj2nid(pss->hashAlgorithm->algorithm) == NID_sha384);
    RSA_PSS_PARAMS_free(pss);
    CHECK(X509_verify(cert.get(), pair.public_key.get()) == 1);
  }

  TEST_CASE("CRLs, CSRs and OCSP responses are signed through the same key") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto pair = pkcs11::generate_key_pair(session, {"ca", pkcs11::KeyAlgorithm::ec, 0, "P-384"});
    auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    auto issuer = test::tbs_certificate(pair.public_key.get(), "Test CA");
    REQUIRE(X509_sign_ctx(issuer.get(),
                          make_signing_context(key.get(), "ecdsa-with-SHA384").get()) > 0);

    ossl::X509CrlPtr crl(X509_CRL_new());
    X509_CRL_set_version(crl.get(), X509_CRL_VERSION_2);
    X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.get()));
    ossl::Asn1TimePtr now(ASN1_TIME_set(nullptr, 1767225600));
    X509_CRL_set1_lastUpdate(crl.get(), now.get());
    REQUIRE(X509_CRL_sign_ctx(crl.get(),
                              make_signing_context(key.get(), "ecdsa-with-SHA384").get()) > 0);
    CHECK(X509_CRL_verify(crl.get(), pair.public_key.get()) == 1);

    ossl::X509ReqPtr req(X509_REQ_new());
    X509_REQ_set_subject_name(req.get(), X509_get_subject_name(issuer.get()));
    X509_REQ_set_pubkey(req.get(), pair.public_key.get());
    REQUIRE(X509_REQ_sign_ctx(req.get(),
                              make_signing_context(key.get(), "ecdsa-with-SHA256").get()) > 0);
    CHECK(X509_REQ_verify(req.get(), pair.public_key.get()) == 1);

    ossl::OcspBasicRespPtr basic(OCSP_BASICRESP_new());
    REQUIRE(OCSP_basic_sign_ctx(basic.get(), issuer.get(),
                                make_signing_context(key.get(), "ecdsa-with-SHA512").get(), nullptr,
                                OCSP_NOCERTS) == 1);
    ossl::X509StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), issuer.get());
    STACK_OF(X509)* certs = sk_X509_new_null();
    sk_X509_push(certs, issuer.get());
    CHECK(OCSP_basic_verify(basic.get(), certs, store.get(), OCSP_TRUSTOTHER | OCSP_NOCHECKS) == 1);
    sk_X509_free(certs);
  }

  TEST_CASE("plain X509_sign and EVP_DigestSign work on an HSM key without the helper") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto pair = pkcs11::generate_key_pair(session, {"k", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    ERR_clear_error();  // SoftHSM's own, see above

    auto cert = test::tbs_certificate(key.get());  // X509_set_pubkey exports the public half
    CHECK(ossl::spki_der(key.get()) == ossl::spki_der(pair.public_key.get()));
    REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);
    CHECK(ERR_peek_error() == 0);
    CHECK(X509_verify(cert.get(), pair.public_key.get()) == 1);
    CHECK(X509_verify(cert.get(), key.get()) == 1);  // verification with the HSM key itself

    // Streaming sign (update/final, which duplicates the context) of a long message.
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha512(), nullptr, key.get()) == 1);
    std::string part(10000, 'x');
    for (int i = 0; i < 5; ++i)
      REQUIRE(EVP_DigestSignUpdate(ctx.get(), part.data(), part.size()) == 1);
    size_t len = 0;
    REQUIRE(EVP_DigestSignFinal(ctx.get(), nullptr, &len) == 1);
    Bytes sig(len);
    REQUIRE(EVP_DigestSignFinal(ctx.get(), sig.data(), &len) == 1);
    sig.resize(len);
    ossl::EvpMdCtxPtr vctx(EVP_MD_CTX_new());
    REQUIRE(EVP_DigestVerifyInit(vctx.get(), nullptr, EVP_sha512(), nullptr,
                                 pair.public_key.get()) == 1);
    std::string whole;
    for (int i = 0; i < 5; ++i) whole += part;
    CHECK(EVP_DigestVerify(vctx.get(), sig.data(), sig.size(),
                           reinterpret_cast<const unsigned char*>(whole.data()),
                           whole.size()) == 1);
  }
}
