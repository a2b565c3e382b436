// The RSA half of leaf_keys.h: two primes from BN_generate_prime_ex2 (its sieve and OpenSSL 3.0's
// 64 Miller-Rabin rounds), then n, d and the CRT values, checked as RFC 8017 and FIPS 186-4 B.3.1
// ask (e is 65537, p and q differ in their top 100 bits, d > 2^(nlen/2)); the key is built by the
// default provider from those numbers (EVP_PKEY_fromdata), so it is an ordinary provider key.
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include "ossl/error.h"
#include "testpki/leaf_keys.h"
#include "util/error.h"

namespace kr::testpki {
namespace {

using BnCtxPtr = std::unique_ptr<BN_CTX, ossl::Deleter<BN_CTX_free>>;

ossl::BignumPtr bn() {
  ossl::BignumPtr b(BN_new());
  if (!b) ossl::throw_error("BN_new");
  return b;
}

// A prime of `bits` bits (top two bits set, so p * q has exactly twice as many) with gcd(p - 1, e)
// = 1; e = 65537 is prime, so that is (p - 1) mod e != 0.
ossl::BignumPtr prime(int bits, BN_CTX* ctx) {
  for (;;) {
    auto p = bn();
    if (BN_generate_prime_ex2(p.get(), bits, 0, nullptr, nullptr, nullptr, ctx) != 1)
      ossl::throw_error("generating an RSA prime");
    if (BN_mod_word(p.get(), RSA_F4) != 1) return p;
  }
}

}  // namespace

ossl::EvpPkeyPtr generate_rsa_from_primes(OSSL_LIB_CTX* libctx, int bits) {
  BnCtxPtr ctx(BN_CTX_secure_new_ex(libctx));
  if (!ctx) ossl::throw_error("BN_CTX_new");
  auto e = bn(), n = bn(), d = bn(), p1 = bn(), q1 = bn(), gcd = bn(), lcm = bn(), dp = bn(),
       dq = bn(), qinv = bn(), diff = bn();
  ossl::check(BN_set_word(e.get(), RSA_F4), "BN_set_word");
  ossl::BignumPtr p, q;
  for (;;) {
    p = prime(bits / 2, ctx.get());
    q = prime(bits - bits / 2, ctx.get());
    // FIPS 186-4 B.3.1: |p - q| > 2^(nlen/2 - 100); and p > q for the CRT coefficient.
    ossl::check(BN_sub(diff.get(), p.get(), q.get()), "BN_sub");
    if (BN_num_bits(diff.get()) <= bits / 2 - 100) continue;
    if (BN_is_negative(diff.get())) std::swap(p, q);
    ossl::check(BN_mul(n.get(), p.get(), q.get(), ctx.get()), "BN_mul");
    if (BN_num_bits(n.get()) != bits) continue;
    // d = e^-1 mod lcm(p - 1, q - 1), and (FIPS 186-4 B.3.1) d > 2^(nlen/2).
    ossl::check(BN_sub(p1.get(), p.get(), BN_value_one()) &&
                    BN_sub(q1.get(), q.get(), BN_value_one()) &&
                    BN_gcd(gcd.get(), p1.get(), q1.get(), ctx.get()) &&
                    BN_mul(lcm.get(), p1.get(), q1.get(), ctx.get()) &&
                    BN_div(lcm.get(), nullptr, lcm.get(), gcd.get(), ctx.get()),
                "computing lcm(p - 1, q - 1)");
    if (!BN_mod_inverse(d.get(), e.get(), lcm.get(), ctx.get())) ossl::throw_error("computing d");
    if (BN_num_bits(d.get()) <= bits / 2) continue;
    break;
  }
  ossl::check(BN_mod(dp.get(), d.get(), p1.get(), ctx.get()) &&
                  BN_mod(dq.get(), d.get(), q1.get(), ctx.get()),
              "computing the CRT exponents");
  if (!BN_mod_inverse(qinv.get(), q.get(), p.get(), ctx.get()))
    ossl::throw_error("computing q^-1 mod p");

  ossl::OsslParamBldPtr build(OSSL_PARAM_BLD_new());
  if (!build || !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get()) ||
      !OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qinv.get()))
    ossl::throw_error("collecting the RSA key's numbers");
  ossl::OsslParamPtr params(OSSL_PARAM_BLD_to_param(build.get()));
  ossl::EvpPkeyCtxPtr from(EVP_PKEY_CTX_new_from_name(libctx, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !from || EVP_PKEY_fromdata_init(from.get()) != 1 ||
      EVP_PKEY_fromdata(from.get(), &key, EVP_PKEY_KEYPAIR, params.get()) != 1)
    ossl::throw_error("building an RSA key");
  return ossl::EvpPkeyPtr(key);
}

ossl::EvpPkeyPtr generate_leaf_key(OSSL_LIB_CTX* libctx, const KeySpec& key) {
  return key.family == KeySpec::Family::rsa ? generate_rsa_from_primes(libctx, key.bits)
                                            : generate_ec_leaf_key(libctx, key.curve);
}

}  // namespace kr::testpki
