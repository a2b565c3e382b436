// AES-256-GCM through EVP; the plaintext only ever lives in Secret buffers.
#include "quorum/aead.h"

#include <openssl/evp.h>

#include <memory>

#include "ossl/error.h"
#include "ossl/types.h"
#include "util/error.h"

namespace kr::quorum {
namespace {

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, ossl::Deleter<EVP_CIPHER_CTX_free>>;

CipherCtxPtr init(const Secret& key, ByteView nonce, bool encrypt) {
  if (key.size() != 32) throw Error("AES-256-GCM needs a 32-byte key");
  if (nonce.size() != kGcmNonceSize) throw Error("AES-256-GCM needs a 12-byte nonce");
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (!ctx) ossl::throw_error("EVP_CIPHER_CTX_new");
  ossl::check(
      EVP_CipherInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr, encrypt ? 1 : 0),
      "AES-256-GCM init");
  ossl::check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()),
                                  nullptr),
              "AES-256-GCM nonce length");
  ossl::check(EVP_CipherInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data(), -1),
              "AES-256-GCM key");
  return ctx;
}

void add_aad(EVP_CIPHER_CTX* ctx, ByteView aad) {
  int len = 0;
  ossl::check(EVP_CipherUpdate(ctx, nullptr, &len, aad.data(), static_cast<int>(aad.size())),
              "AES-256-GCM AAD");
}

}  // namespace

Bytes seal_aes_256_gcm(const Secret& key, ByteView nonce, ByteView aad, const Secret& plaintext) {
  auto ctx = init(key, nonce, true);
  add_aad(ctx.get(), aad);
  Bytes out(plaintext.size() + kGcmTagSize);
  int len = 0;
  ossl::check(EVP_CipherUpdate(ctx.get(), out.data(), &len, plaintext.data(),
                               static_cast<int>(plaintext.size())),
              "AES-256-GCM encrypt");
  int final_len = 0;
  ossl::check(EVP_CipherFinal_ex(ctx.get(), out.data() + len, &final_len), "AES-256-GCM final");
  ossl::check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kGcmTagSize,
                                  out.data() + plaintext.size()),
              "AES-256-GCM tag");
  return out;
}

std::optional<Secret> open_aes_256_gcm(const Secret& key, ByteView nonce, ByteView aad,
                                       ByteView sealed) {
  if (sealed.size() < kGcmTagSize) return std::nullopt;
  const std::size_t size = sealed.size() - kGcmTagSize;
  auto ctx = init(key, nonce, false);
  add_aad(ctx.get(), aad);
  Secret plain(size, Secret::Fill::zeros);
  int len = 0;
  if (size > 0)
    ossl::check(
        EVP_CipherUpdate(ctx.get(), plain.data(), &len, sealed.data(), static_cast<int>(size)),
        "AES-256-GCM decrypt");
  Bytes tag(sealed.begin() + static_cast<std::ptrdiff_t>(size), sealed.end());
  ossl::check(EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kGcmTagSize, tag.data()),
              "AES-256-GCM tag");
  int final_len = 0;
  Secret scratch(16, Secret::Fill::zeros);
  if (EVP_CipherFinal_ex(ctx.get(), scratch.data(), &final_len) != 1) {
    ossl::drain_errors();
    return std::nullopt;  // `plain` is zeroed as it goes out of scope
  }
  return plain;
}

}  // namespace kr::quorum
