// Ed25519 through OpenSSL's EVP interface (one-shot DigestSign with no digest).
#include "quorum/custodian_key.h"

#include <openssl/evp.h>

#include "ossl/error.h"
#include "ossl/types.h"
#include "util/error.h"

namespace kr::quorum {
namespace {

ossl::EvpPkeyPtr private_key(const Secret& seed) {
  ossl::EvpPkeyPtr key(
      EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size()));
  if (!key) ossl::throw_error("Ed25519 private key");
  return key;
}

Bytes raw_public(const EVP_PKEY* key) {
  Bytes out(kEd25519KeySize);
  std::size_t len = out.size();
  ossl::check(EVP_PKEY_get_raw_public_key(key, out.data(), &len), "Ed25519 public key");
  if (len != kEd25519KeySize) throw Error("Ed25519 public key has an unexpected length");
  return out;
}

}  // namespace

CustodianKey CustodianKey::generate() {
  return from_seed(Secret(kEd25519KeySize, Secret::Fill::random));
}

CustodianKey CustodianKey::from_seed(const Secret& seed) {
  if (seed.size() != kEd25519KeySize)
    throw Error("a custodian key seed must be 32 bytes, not " + std::to_string(seed.size()));
  auto key = private_key(seed);
  return CustodianKey(seed.clone(), raw_public(key.get()));
}

Bytes CustodianKey::sign(ByteView message) const {
  auto key = private_key(seed_);
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) ossl::throw_error("EVP_MD_CTX_new");
  ossl::check(EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()),
              "Ed25519 sign init");
  Bytes sig(kEd25519SignatureSize);
  std::size_t len = sig.size();
  ossl::check(EVP_DigestSign(ctx.get(), sig.data(), &len, message.data(), message.size()),
              "Ed25519 sign");
  sig.resize(len);
  return sig;
}

bool verify_signature(ByteView public_key, ByteView message, ByteView signature) {
  if (public_key.size() != kEd25519KeySize || signature.size() != kEd25519SignatureSize)
    return false;
  ossl::EvpPkeyPtr key(
      EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, public_key.data(), public_key.size()));
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  bool ok = key && ctx &&
            EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
            EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), message.data(),
                             message.size()) == 1;
  ossl::drain_errors();
  return ok;
}

}  // namespace kr::quorum
