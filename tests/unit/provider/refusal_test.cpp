// What the provider refuses: a key whose public key is not the expected one, a CKA_ID shared by
// two keys, a key swapped on the token after loading, private key export, wrong PINs, names and
// key types that do not fit. Each refusal names the key and leaves no signature behind.
#include <doctest/doctest.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <functional>

#include "fixture.h"
#include "ossl/der.h"
#include "provider/signing_context.h"

using namespace kr;
using namespace kr::provider;

namespace {

std::string error_text(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_SUITE("provider: refusals") {
  TEST_CASE("a key whose token public key differs from the expected one is refused at load") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto signer =
        pkcs11::generate_key_pair(session, {"signer", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    auto other =
        pkcs11::generate_key_pair(session, {"other", pkcs11::KeyAlgorithm::ec, 0, "P-256"});

    HsmKeySpec spec{hsm.module(), hsm.token(), signer.id, signer.label, other.public_key.get()};
    ERR_clear_error();  // SoftHSM's own engine-probing errors from key generation
    std::string message = error_text([&] { load_hsm_key(spec, hsm.user_pin()); });
    CHECK(contains(message,
                   "key \"signer\" (CKA_ID " + to_hex(signer.id) + ") on token \"kr-test\""));
    CHECK(contains(message, "does not verify against the expected public key (SPKI SHA-256 " +
                                ossl::spki_sha256_hex(other.public_key.get()) + ")"));
    CHECK(ERR_peek_error() == 0);  // the error became the exception, nothing left queued
  }

  TEST_CASE("a key replaced on the token after loading yields an error, never a signature") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    Bytes id{0x4b, 0x52, 0x01};
    auto original = test::raw_ec_pair(session, id, "original");
    auto key = load_hsm_key(hsm.module(), hsm.token(), original, hsm.user_pin());

    auto cert = test::tbs_certificate(original.public_key.get());
    REQUIRE(X509_sign_ctx(cert.get(), make_signing_context(key.get(), "ecdsa-with-SHA256").get()) >
            0);
    CHECK(X509_verify(cert.get(), original.public_key.get()) == 1);

    // Same CKA_ID, different key: pkcs11-helper's cached handle goes stale, it looks the ID up
    // again and finds the impostor.
    test::destroy_raw(session, original);
    auto impostor = test::raw_ec_pair(session, id, "impostor");

    auto second = test::tbs_certificate(original.public_key.get(), "second");
    auto ctx = make_signing_context(key.get(), "ecdsa-with-SHA256");
    CHECK(X509_sign_ctx(second.get(), ctx.get()) == 0);
    std::string queued = ossl::drain_errors();
    CHECK(contains(queued, "keyrite provider"));
    CHECK(contains(queued,
                   "key \"original\" (CKA_ID 4b5201) on token \"kr-test\": the token's "
                   "signature does not verify against the expected public key"));
    const ASN1_BIT_STRING* sig = nullptr;
    X509_get0_signature(&sig, nullptr, second.get());
    CHECK((sig == nullptr || ASN1_STRING_length(sig) == 0));
    CHECK(X509_verify(second.get(), impostor.public_key.get()) <= 0);
  }

  TEST_CASE("two private keys sharing a CKA_ID are refused at load") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    Bytes id{0x01, 0x02};
    auto a = test::raw_ec_pair(session, id, "a");
    auto b = test::raw_ec_pair(session, id, "b");
    CHECK(
        error_text([&] { load_hsm_key(hsm.module(), hsm.token(), b, hsm.user_pin()); }) ==
        "key \"b\" (CKA_ID 0102) on token \"kr-test\": more than one private key has this CKA_ID");
  }

  TEST_CASE("an unknown CKA_ID and a wrong PIN are refused at load, naming the token") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    auto pair = [&] {
      pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
      return pkcs11::generate_key_pair(session, {"k", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    }();
    CHECK(error_text([&] {
            load_hsm_key({hsm.module(), hsm.token(), {0xde, 0xad}, "", pair.public_key.get()},
                         hsm.user_pin());
          }) == "no private key with CKA_ID dead on token \"kr-test\"");
    CHECK(error_text([&] {
            load_hsm_key(hsm.module(), hsm.token(), pair, Secret("wrong-pin-0"));
          }) == "login on token \"kr-test\" failed: CKR_PIN_INCORRECT");
    CHECK_FALSE(test::logged_in(hsm));
  }

  TEST_CASE("private key material cannot be exported, the public half can") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    for (auto algorithm : {pkcs11::KeyAlgorithm::rsa, pkcs11::KeyAlgorithm::ec}) {
      auto pair = pkcs11::generate_key_pair(
          session,
          {algorithm == pkcs11::KeyAlgorithm::rsa ? "rsa" : "ec", algorithm, 2048, "P-256"});
      auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
      CAPTURE(pair.describe());

      OSSL_PARAM* params = nullptr;
      CHECK(EVP_PKEY_todata(key.get(), EVP_PKEY_KEYPAIR, &params) != 1);
      CHECK(contains(ossl::drain_errors(), "private key export refused"));
      CHECK(i2d_PrivateKey(key.get(), nullptr) <= 0);
      ossl::BioPtr bio(BIO_new(BIO_s_mem()));
      CHECK(PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1);
      BIGNUM* secret = nullptr;
      CHECK(EVP_PKEY_get_bn_param(key.get(), algorithm == pkcs11::KeyAlgorithm::rsa ? "d" : "priv",
                                  &secret) != 1);
      CHECK(secret == nullptr);
      ERR_clear_error();

      REQUIRE(EVP_PKEY_todata(key.get(), EVP_PKEY_PUBLIC_KEY, &params) == 1);
      OSSL_PARAM_free(params);
      CHECK(ossl::public_key_pem(key.get()) == ossl::public_key_pem(pair.public_key.get()));
      CHECK(EVP_PKEY_eq(key.get(), pair.public_key.get()) == 1);
      CHECK(EVP_PKEY_get_bits(key.get()) == EVP_PKEY_get_bits(pair.public_key.get()));
    }
  }

  TEST_CASE("algorithm names and key types that do not fit are refused") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto pair = pkcs11::generate_key_pair(session, {"ec", pkcs11::KeyAlgorithm::ec, 0, "P-256"});
    auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    CHECK(error_text([&] { make_signing_context(key.get(), "sha256WithRSAEncryption"); }) ==
          "sha256WithRSAEncryption needs an RSA key, not key \"ec\" (CKA_ID " + to_hex(pair.id) +
              ") on token \"kr-test\"");
    CHECK(error_text([&] { make_signing_context(key.get(), "ecdsa-with-SHA1"); }) ==
          "unknown signature algorithm \"ecdsa-with-SHA1\"");
    ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    CHECK(EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha1(), nullptr, key.get()) != 1);
    CHECK(
        contains(ossl::drain_errors(), "keyrite signs with SHA-256, SHA-384 or SHA-512, not SHA1"));
  }

  TEST_CASE("PSS with another salt length or MGF1 digest is refused, not silently changed") {
    test::TempSoftHsm hsm;
    pkcs11::Session session(hsm.module(), hsm.token().slot, pkcs11::Access::read_write);
    pkcs11::Login login(session, pkcs11::UserType::user, hsm.user_pin());
    auto pair = pkcs11::generate_key_pair(session, {"rsa", pkcs11::KeyAlgorithm::rsa, 2048, ""});
    auto key = load_hsm_key(hsm.module(), hsm.token(), pair, hsm.user_pin());
    ERR_clear_error();
    auto attempt = [&](int saltlen, const EVP_MD* mgf1) {
      auto cert = test::tbs_certificate(pair.public_key.get());
      ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
      EVP_PKEY_CTX* pctx = nullptr;
      REQUIRE(EVP_DigestSignInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key.get()) == 1);
      REQUIRE(EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1);
      REQUIRE(EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltlen) == 1);
      REQUIRE(EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, mgf1) == 1);
      int ok = X509_sign_ctx(cert.get(), ctx.get());
      std::string queued = ossl::drain_errors();
      return ok > 0 && X509_verify(cert.get(), pair.public_key.get()) == 1 ? std::string("signed")
                                                                           : queued;
    };
    CHECK(attempt(RSA_PSS_SALTLEN_DIGEST, EVP_sha256()) == "signed");
    CHECK(attempt(32, EVP_sha256()) == "signed");
    CHECK(contains(attempt(20, EVP_sha256()),
                   "PSS salt length 20: keyrite signs PSS with a salt as long as the digest (32 "
                   "bytes)"));
    CHECK(contains(attempt(RSA_PSS_SALTLEN_DIGEST, EVP_sha512()),
                   "MGF1 with SHA2-512 under SHA2-256: keyrite uses the signing digest for MGF1"));
  }
}
