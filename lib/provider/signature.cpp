// Signatures with HSM keys (OSSL_OP_SIGNATURE, "ECDSA" and "RSA"): hash in software, sign the
// digest on the token, release the signature only once it verifies. Verification is offered
// too, with the expected public key, so X509_verify(cert, hsm_key) works.
#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>

#include "provider/errors.h"
#include "provider/provider.h"
#include "provider/signature_ctx.h"

namespace kr::provider {
namespace {

SignatureCtx* ctx_of(void* ctx) {
  return static_cast<SignatureCtx*>(ctx);
}

template <KeyType Type>
void* new_ctx(void*, const char*) {
  return guard<void*>("signature newctx", nullptr, [] { return new SignatureCtx(Type); });
}

void free_ctx(void* ctx) {
  delete ctx_of(ctx);
}

void* dup_ctx(void* ctx) {
  return guard<void*>("signature dupctx", nullptr, [&] { return ctx_of(ctx)->clone().release(); });
}

int init(void* vctx, void* provkey, const OSSL_PARAM params[], const char* mdname = nullptr) {
  SignatureCtx* ctx = ctx_of(vctx);
  ctx->set_key(provkey);
  if (mdname && *mdname) {
    const OSSL_PARAM md[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, const_cast<char*>(mdname), 0),
        OSSL_PARAM_construct_end()};
    ctx->set_params(md);
  }
  ctx->set_params(params);
  return 1;
}

int sign_init(void* ctx, void* provkey, const OSSL_PARAM params[]) {
  return guard("sign init", 0, [&] { return init(ctx, provkey, params); });
}

// Answers a size query (sig == nullptr) or signs `digest`.
int sign_digest(SignatureCtx& ctx, unsigned char* sig, size_t* siglen, size_t sigsize,
                ByteView digest) {
  if (!ctx.key) throw ProviderError(Reason::bad_argument, "no key");
  if (!sig) {
    *siglen = ctx.key->max_signature_size();
    return 1;
  }
  *siglen = ctx.key->sign_digest(ctx.scheme(), digest, sig, sigsize);
  return 1;
}

int sign(void* ctx, unsigned char* sig, size_t* siglen, size_t sigsize, const unsigned char* tbs,
         size_t tbslen) {
  return guard("sign", 0, [&] {
    return sign_digest(*ctx_of(ctx), sig, siglen, sigsize, {tbs, tbslen});
  });
}

int verify_init(void* ctx, void* provkey, const OSSL_PARAM params[]) {
  return guard("verify init", 0, [&] { return init(ctx, provkey, params); });
}

int verify(void* vctx, const unsigned char* sig, size_t siglen, const unsigned char* tbs,
           size_t tbslen) {
  return guard("verify", 0, [&] {
    SignatureCtx& ctx = *ctx_of(vctx);
    if (!ctx.key) throw ProviderError(Reason::bad_argument, "no key");
    return ctx.key->verify_digest(ctx.scheme(), {tbs, tbslen}, {sig, siglen}) ? 1 : 0;
  });
}

int digest_init(void* ctx, const char* mdname, void* provkey, const OSSL_PARAM params[]) {
  return guard("digest sign/verify init", 0, [&] { return init(ctx, provkey, params, mdname); });
}

int digest_update(void* ctx, const unsigned char* data, size_t size) {
  return guard("digest update", 0, [&] {
    ctx_of(ctx)->update_hash(data, size);
    return 1;
  });
}

int digest_sign_final(void* vctx, unsigned char* sig, size_t* siglen, size_t sigsize) {
  return guard("digest sign final", 0, [&] {
    SignatureCtx& ctx = *ctx_of(vctx);
    if (!sig) return sign_digest(ctx, nullptr, siglen, 0, {});
    auto [digest, size] = ctx.finish_hash();
    return sign_digest(ctx, sig, siglen, sigsize, {digest.data(), size});
  });
}

// One-shot EVP_DigestSign (what X509_sign_ctx uses): no copy of the digest state, no
// size query to the token.
int digest_sign(void* vctx, unsigned char* sig, size_t* siglen, size_t sigsize,
                const unsigned char* tbs, size_t tbslen) {
  return guard("digest sign", 0, [&] {
    SignatureCtx& ctx = *ctx_of(vctx);
    if (!sig) return sign_digest(ctx, nullptr, siglen, 0, {});
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(tbs, tbslen, digest, &size, evp_md(ctx.digest), nullptr) != 1)
      throw ProviderError(Reason::internal, "digest");
    return sign_digest(ctx, sig, siglen, sigsize, {digest, size});
  });
}

int digest_verify_final(void* vctx, const unsigned char* sig, size_t siglen) {
  return guard("digest verify final", 0, [&] {
    SignatureCtx& ctx = *ctx_of(vctx);
    if (!ctx.key) throw ProviderError(Reason::bad_argument, "no key");
    auto [digest, size] = ctx.finish_hash();
    return ctx.key->verify_digest(ctx.scheme(), {digest.data(), size}, {sig, siglen}) ? 1 : 0;
  });
}

int get_ctx_params(void* ctx, OSSL_PARAM params[]) {
  return guard("signature get_ctx_params", 0, [&] {
    ctx_of(ctx)->get_params(params);
    return 1;
  });
}

int set_ctx_params(void* ctx, const OSSL_PARAM params[]) {
  return guard("signature set_ctx_params", 0, [&] {
    ctx_of(ctx)->set_params(params);
    return 1;
  });
}

template <KeyType Type>
const OSSL_PARAM* settable(void*, void*) {
  return settable_params(Type);
}

template <KeyType Type>
const OSSL_PARAM* gettable(void*, void*) {
  return gettable_params(Type);
}

#define KR_FN(id, f) \
  { id, reinterpret_cast<void (*)()>(f) }
#define KR_SIGNATURE_TABLE(Type)                                                                   \
  KR_FN(OSSL_FUNC_SIGNATURE_NEWCTX, new_ctx<Type>), KR_FN(OSSL_FUNC_SIGNATURE_FREECTX, free_ctx),  \
      KR_FN(OSSL_FUNC_SIGNATURE_DUPCTX, dup_ctx), KR_FN(OSSL_FUNC_SIGNATURE_SIGN_INIT, sign_init), \
      KR_FN(OSSL_FUNC_SIGNATURE_SIGN, sign), KR_FN(OSSL_FUNC_SIGNATURE_VERIFY_INIT, verify_init),  \
      KR_FN(OSSL_FUNC_SIGNATURE_VERIFY, verify),                                                   \
      KR_FN(OSSL_FUNC_SIGNATURE_DIGEST_SIGN_INIT, digest_init),                                    \
      KR_FN(OSSL_FUNC_SIGNATURE_DIGEST_SIGN_UPDATE, digest_update),                                \
      KR_FN(OSSL_FUNC_SIGNATURE_DIGEST_SIGN_FINAL, digest_sign_final),                             \
      KR_FN(OSSL_FUNC_SIGNATURE_DIGEST_SIGN, digest_sign),                                         \
      KR_FN(OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_INIT, digest_init),                                  \
      KR_FN(OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_UPDATE, digest_update),                              \
      KR_FN(OSSL_FUNC_SIGNATURE_DIGEST_VERIFY_FINAL, digest_verify_final),                         \
      KR_FN(OSSL_FUNC_SIGNATURE_GET_CTX_PARAMS, get_ctx_params),                                   \
      KR_FN(OSSL_FUNC_SIGNATURE_GETTABLE_CTX_PARAMS, gettable<Type>),                              \
      KR_FN(OSSL_FUNC_SIGNATURE_SET_CTX_PARAMS, set_ctx_params),                                   \
      KR_FN(OSSL_FUNC_SIGNATURE_SETTABLE_CTX_PARAMS, settable<Type>), {                            \
    0, nullptr                                                                                     \
  }

}  // namespace

const OSSL_DISPATCH kEcdsaSignature[] = {KR_SIGNATURE_TABLE(KeyType::ec)};
const OSSL_DISPATCH kRsaSignature[] = {KR_SIGNATURE_TABLE(KeyType::rsa)};

}  // namespace kr::provider
