// The provider's entry point, its algorithm tables, and the dedicated library context.
//
// Why a library context of its own: a provider that registers keymgmt "RSA" and "EC" in the
// default context competes with OpenSSL's default provider for every fetch by those names, and
// which one a fetch without a property query gets is unspecified. Software key generation
// elsewhere in the process (EVP_PKEY_Q_keygen(NULL, NULL, "EC", ...)) could then land in keyrite's
// keymgmt, which cannot generate. Loaded only into hsm_libctx(), keyrite's algorithms are
// invisible to code using the default context; HSM keys carry hsm_libctx() with them, so
// EVP_DigestSignInit/X509_sign on an HSM key still find keyrite's signature implementation.
// The default provider is loaded there too, for what keyrite does not implement (digests, and
// the encoders behind i2d_PUBKEY/X509_set_pubkey, which export only the public half).
#include "provider/provider.h"

#include <openssl/core_dispatch.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/provider.h>

#include <stdexcept>

#include "ossl/error.h"
#include "ossl/types.h"

namespace kr::provider {
namespace {

const OSSL_ALGORITHM kKeymgmt[] = {
    {"EC:id-ecPublicKey:1.2.840.10045.2.1", kKeyriteProperties, kEcKeymgmt, "keyrite HSM EC key"},
    {"RSA:rsaEncryption:1.2.840.113549.1.1.1", kKeyriteProperties, kRsaKeymgmt,
     "keyrite HSM RSA key"},
    {nullptr, nullptr, nullptr, nullptr}};

const OSSL_ALGORITHM kSignature[] = {
    {"ECDSA", kKeyriteProperties, kEcdsaSignature, "ECDSA on an HSM key"},
    {"RSA:rsaEncryption:1.2.840.113549.1.1.1", kKeyriteProperties, kRsaSignature,
     "RSA PKCS#1 v1.5 and PSS on an HSM key"},
    {nullptr, nullptr, nullptr, nullptr}};

const OSSL_ALGORITHM* query_operation(void*, int operation, int* no_cache) {
  *no_cache = 0;
  switch (operation) {
    case OSSL_OP_KEYMGMT:
      return kKeymgmt;
    case OSSL_OP_SIGNATURE:
      return kSignature;
    default:
      return nullptr;
  }
}

const OSSL_PARAM* gettable_params(void*) {
  static const OSSL_PARAM params[] = {OSSL_PARAM_utf8_ptr(OSSL_PROV_PARAM_NAME, nullptr, 0),
                                      OSSL_PARAM_int(OSSL_PROV_PARAM_STATUS, nullptr),
                                      OSSL_PARAM_END};
  return params;
}

int get_params(void*, OSSL_PARAM params[]) {
  OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_PROV_PARAM_NAME);
  if (p && !OSSL_PARAM_set_utf8_ptr(p, "keyrite HSM provider")) return 0;
  p = OSSL_PARAM_locate(params, OSSL_PROV_PARAM_STATUS);
  if (p && !OSSL_PARAM_set_int(p, 1)) return 0;
  return 1;
}

const OSSL_DISPATCH kProviderFunctions[] = {
    {OSSL_FUNC_PROVIDER_QUERY_OPERATION, reinterpret_cast<void (*)()>(query_operation)},
    {OSSL_FUNC_PROVIDER_GETTABLE_PARAMS, reinterpret_cast<void (*)()>(gettable_params)},
    {OSSL_FUNC_PROVIDER_GET_PARAMS, reinterpret_cast<void (*)()>(get_params)},
    {0, nullptr}};

int provider_init(const OSSL_CORE_HANDLE*, const OSSL_DISPATCH*, const OSSL_DISPATCH** out,
                  void** provctx) {
  *out = kProviderFunctions;
  // Nothing is per-instance: every key carries its own state.
  static int instance = 0;
  *provctx = &instance;
  return 1;
}

OSSL_LIB_CTX* create_libctx() {
  ossl::OsslLibCtxPtr ctx(OSSL_LIB_CTX_new());
  if (!ctx) ossl::throw_error("OSSL_LIB_CTX_new");
  // Order matters only for readability: the default property query below picks keyrite's
  // implementation wherever both providers offer one.
  if (OSSL_PROVIDER_add_builtin(ctx.get(), "keyrite", provider_init) != 1 ||
      !OSSL_PROVIDER_load(ctx.get(), "keyrite") || !OSSL_PROVIDER_load(ctx.get(), "default") ||
      EVP_set_default_properties(ctx.get(), "?provider=keyrite") != 1)
    ossl::throw_error("loading keyrite's OpenSSL provider");
  return ctx.release();
}

}  // namespace

OSSL_LIB_CTX* hsm_libctx() {
  // Never freed: EVP_PKEYs of HSM keys may outlive any owner we could give it.
  static OSSL_LIB_CTX* ctx = create_libctx();
  return ctx;
}

}  // namespace kr::provider
