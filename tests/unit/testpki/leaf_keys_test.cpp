// The leaf keys made outside EVP keygen (leaf_keys.h) are ordinary keys to everything else: an RSA
// key from two primes passes OpenSSL's full key check and signs verifiably, an EC key encodes to
// the bytes the provider's encoder writes for the same key, and both come from the seeded stream.
#include "testpki/leaf_keys.h"

#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "ossl/der.h"
#include "ossl/error.h"
#include "testpki/seeded_random.h"

using namespace kr;
using namespace kr::testpki;

namespace {

Seed seed_of(const char* text) {
  return seed_from_text(text);
}

ossl::EvpPkeyPtr rsa_key(const SeededLibrary& library, const char* label, int bits) {
  RandomScope scope(library, label);
  return generate_rsa_from_primes(library.libctx(), bits);
}

ossl::EvpPkeyPtr ec_key(const SeededLibrary& library, const char* label, const char* curve) {
  RandomScope scope(library, label);
  return generate_ec_leaf_key(library.libctx(), curve);
}

// The private key's PKCS#8 DER through EVP_PKEY2PKCS8.
Bytes pkcs8_der(EVP_PKEY* key) {
  std::unique_ptr<PKCS8_PRIV_KEY_INFO, ossl::Deleter<PKCS8_PRIV_KEY_INFO_free>> p8(
      EVP_PKEY2PKCS8(key));
  REQUIRE(p8);
  unsigned char* der = nullptr;
  int len = i2d_PKCS8_PRIV_KEY_INFO(p8.get(), &der);
  REQUIRE(len > 0);
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

bool signs_verifiably(EVP_PKEY* key) {
  const unsigned char message[] = "kr-testpki";
  ossl::EvpMdCtxPtr sign(EVP_MD_CTX_new()), verify(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (EVP_DigestSignInit(sign.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(sign.get(), nullptr, &len, message, sizeof message) != 1)
    return false;
  Bytes signature(len);
  if (EVP_DigestSign(sign.get(), signature.data(), &len, message, sizeof message) != 1)
    return false;
  signature.resize(len);
  auto pub = ossl::read_public_key(ossl::spki_der(key), "public key");
  return EVP_DigestVerifyInit(verify.get(), nullptr, EVP_sha256(), nullptr, pub.get()) == 1 &&
         EVP_DigestVerify(verify.get(), signature.data(), signature.size(), message,
                          sizeof message) == 1;
}

}  // namespace

TEST_SUITE("testpki::leaf_keys") {
  TEST_CASE("an RSA key from two primes passes OpenSSL's key check and signs") {
    SeededLibrary library(seed_of("rsa"));
    auto key = rsa_key(library, "leaf-1/key", 2048);
    CHECK(EVP_PKEY_get_bits(key.get()) == 2048);
    BIGNUM* e = nullptr;
    REQUIRE(EVP_PKEY_get_bn_param(key.get(), "e", &e) == 1);
    CHECK(BN_get_word(e) == RSA_F4);
    BN_free(e);
    // The check's Miller-Rabin bases come from the key's (seeded) library context too.
    RandomScope scope(library, "check");
    ossl::EvpPkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(library.libctx(), key.get(), nullptr));
    CHECK(EVP_PKEY_check(check.get()) == 1);  // primality of p and q, d, the CRT values
    CHECK(ossl::drain_errors() == "");
    CHECK(signs_verifiably(key.get()));
  }

  TEST_CASE("the same seed and label give the same key; another label another key") {
    SeededLibrary a(seed_of("same")), b(seed_of("same"));
    CHECK(pkcs8_der(rsa_key(a, "leaf-1/key", 2048).get()) ==
          pkcs8_der(rsa_key(b, "leaf-1/key", 2048).get()));
    CHECK(pkcs8_der(ec_key(a, "leaf-1/key", "P-256").get()) ==
          pkcs8_der(ec_key(b, "leaf-1/key", "P-256").get()));
    CHECK(pkcs8_der(ec_key(a, "leaf-1/key", "P-256").get()) !=
          pkcs8_der(ec_key(a, "leaf-2/key", "P-256").get()));
  }

  TEST_CASE("an EC leaf key encodes as the provider's encoder would encode the same key") {
    SeededLibrary library(seed_of("ec"));
    for (const char* curve : {"P-256", "P-384", "P-521"}) {
      CAPTURE(curve);
      auto key = ec_key(library, "leaf/key", curve);
      // The same key read back is a provider-native key: encoded by the encoder framework.
      const Bytes der = pkcs8_der(key.get());
      const unsigned char* p = der.data();
      ossl::EvpPkeyPtr native(
          d2i_AutoPrivateKey_ex(nullptr, &p, static_cast<long>(der.size()), nullptr, nullptr));
      REQUIRE(native);
      CHECK(ossl::spki_der(key.get()) == ossl::spki_der(native.get()));
      CHECK(der == pkcs8_der(native.get()));
      CHECK(signs_verifiably(key.get()));
    }
  }
}
