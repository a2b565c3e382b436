// Parameter handling for HSM signatures. Anything keyrite does not sign with is refused with a
// message that names it, rather than silently signing something else.
#include "provider/signature_ctx.h"

#include <openssl/core_names.h>
#include <openssl/rsa.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "provider/errors.h"
#include "provider/key_data.h"

namespace kr::provider {
namespace {

[[noreturn]] void unsupported(const std::string& what) {
  throw ProviderError(Reason::unsupported, what);
}

// OSSL_PARAM_set_* fail only when the caller's buffer or type does not fit.
void answer(int ok, const OSSL_PARAM* p) {
  if (!ok) throw ProviderError(Reason::bad_argument, std::string("cannot return ") + p->key);
}

std::string utf8(const OSSL_PARAM* p) {
  const char* s = nullptr;
  if (!OSSL_PARAM_get_utf8_string_ptr(p, &s) || !s)
    throw ProviderError(Reason::bad_argument, std::string(p->key) + " must be a string");
  return s;
}

Digest digest_param(const OSSL_PARAM* p) {
  std::string name = utf8(p);
  auto d = digest_from_name(name);
  if (!d) unsupported("keyrite signs with SHA-256, SHA-384 or SHA-512, not " + name);
  return *d;
}

Padding padding_param(const OSSL_PARAM* p) {
  int mode = 0;
  if (p->data_type == OSSL_PARAM_UTF8_STRING) {
    std::string s = utf8(p);
    if (s == OSSL_PKEY_RSA_PAD_MODE_PKCSV15) return Padding::pkcs1;
    if (s == OSSL_PKEY_RSA_PAD_MODE_PSS) return Padding::pss;
    unsupported("RSA padding \"" + s + "\" (keyrite signs with pkcs1 or pss)");
  }
  if (!OSSL_PARAM_get_int(p, &mode)) throw ProviderError(Reason::bad_argument, "pad-mode");
  if (mode == RSA_PKCS1_PADDING) return Padding::pkcs1;
  if (mode == RSA_PKCS1_PSS_PADDING) return Padding::pss;
  unsupported("RSA padding mode " + std::to_string(mode) + " (keyrite signs with pkcs1 or pss)");
}

int saltlen_param(const OSSL_PARAM* p) {
  if (p->data_type == OSSL_PARAM_UTF8_STRING) {
    std::string s = utf8(p);
    if (s == OSSL_PKEY_RSA_PSS_SALT_LEN_DIGEST) return RSA_PSS_SALTLEN_DIGEST;
    if (s == OSSL_PKEY_RSA_PSS_SALT_LEN_MAX) return RSA_PSS_SALTLEN_MAX;
    if (s == OSSL_PKEY_RSA_PSS_SALT_LEN_AUTO) return RSA_PSS_SALTLEN_AUTO;
    char* end = nullptr;
    long n = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0') unsupported("PSS salt length \"" + s + "\"");
    return static_cast<int>(n);
  }
  int n = 0;
  if (!OSSL_PARAM_get_int(p, &n)) throw ProviderError(Reason::bad_argument, "saltlen");
  return n;
}

}  // namespace

Scheme SignatureCtx::scheme() const {
  Scheme s{type, digest, padding};
  if (padding == Padding::pss) {
    int want = static_cast<int>(digest_size(digest));
    if (pss_saltlen && *pss_saltlen != RSA_PSS_SALTLEN_DIGEST && *pss_saltlen != want)
      unsupported("PSS salt length " + std::to_string(*pss_saltlen) +
                  ": keyrite signs PSS with a salt as long as the digest (" + std::to_string(want) +
                  " bytes)");
    if (mgf1 && *mgf1 != digest)
      unsupported(std::string("MGF1 with ") + digest_name(*mgf1) + " under " + digest_name(digest) +
                  ": keyrite uses the signing digest for MGF1");
  }
  return s;
}

void SignatureCtx::set_key(void* provkey) {
  auto* data = static_cast<KeyData*>(provkey);
  if (!data || !data->state) throw ProviderError(Reason::bad_argument, "no HSM key");
  if (data->state->type() != type)
    throw ProviderError(Reason::bad_argument, "key type does not match the signature algorithm");
  key = data->state;
  hashing = false;
}

void SignatureCtx::set_params(const OSSL_PARAM params[]) {
  if (!params) return;
  if (const OSSL_PARAM* p = OSSL_PARAM_locate_const(params, OSSL_SIGNATURE_PARAM_DIGEST)) {
    if (hashing) throw ProviderError(Reason::bad_argument, "the digest cannot change mid-message");
    digest = digest_param(p);
  }
  if (type != KeyType::rsa) return;
  if (const OSSL_PARAM* p = OSSL_PARAM_locate_const(params, OSSL_SIGNATURE_PARAM_PAD_MODE))
    padding = padding_param(p);
  if (const OSSL_PARAM* p = OSSL_PARAM_locate_const(params, OSSL_SIGNATURE_PARAM_PSS_SALTLEN))
    pss_saltlen = saltlen_param(p);
  if (const OSSL_PARAM* p = OSSL_PARAM_locate_const(params, OSSL_SIGNATURE_PARAM_MGF1_DIGEST))
    mgf1 = digest_param(p);
}

void SignatureCtx::get_params(OSSL_PARAM params[]) const {
  if (OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_SIGNATURE_PARAM_ALGORITHM_ID)) {
    if (!key) throw ProviderError(Reason::bad_argument, "AlgorithmIdentifier needs a key");
    const Bytes& aid = key->algorithm_id(scheme());
    answer(OSSL_PARAM_set_octet_string(p, aid.data(), aid.size()), p);
  }
  if (OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_SIGNATURE_PARAM_DIGEST))
    answer(OSSL_PARAM_set_utf8_string(p, digest_name(digest)), p);
  if (type != KeyType::rsa) return;
  if (OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_SIGNATURE_PARAM_PAD_MODE)) {
    bool pss = padding == Padding::pss;
    if (p->data_type == OSSL_PARAM_UTF8_STRING)
      answer(OSSL_PARAM_set_utf8_string(
                 p, pss ? OSSL_PKEY_RSA_PAD_MODE_PSS : OSSL_PKEY_RSA_PAD_MODE_PKCSV15),
             p);
    else
      answer(OSSL_PARAM_set_int(p, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING), p);
  }
  if (OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_SIGNATURE_PARAM_PSS_SALTLEN)) {
    int len = static_cast<int>(digest_size(digest));
    if (p->data_type == OSSL_PARAM_UTF8_STRING)
      answer(OSSL_PARAM_set_utf8_string(p, std::to_string(len).c_str()), p);
    else
      answer(OSSL_PARAM_set_int(p, len), p);
  }
  if (OSSL_PARAM* p = OSSL_PARAM_locate(params, OSSL_SIGNATURE_PARAM_MGF1_DIGEST))
    answer(OSSL_PARAM_set_utf8_string(p, digest_name(mgf1.value_or(digest))), p);
}

void SignatureCtx::start_hash() {
  if (!hash) hash.reset(EVP_MD_CTX_new());
  if (!hash || EVP_DigestInit_ex2(hash.get(), evp_md(digest), nullptr) != 1)
    throw ProviderError(Reason::internal, "starting the digest");
  hashing = true;
}

void SignatureCtx::update_hash(const unsigned char* data, std::size_t size) {
  if (!hashing) start_hash();
  if (EVP_DigestUpdate(hash.get(), data, size) != 1)
    throw ProviderError(Reason::internal, "digest update");
}

std::pair<std::array<unsigned char, EVP_MAX_MD_SIZE>, std::size_t> SignatureCtx::finish_hash() {
  if (!hashing) start_hash();  // an empty message is still a message
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(hash.get(), out.data(), &len) != 1)
    throw ProviderError(Reason::internal, "digest final");
  hashing = false;
  return {out, len};
}

std::unique_ptr<SignatureCtx> SignatureCtx::clone() const {
  auto copy = std::make_unique<SignatureCtx>(type);
  copy->key = key;
  copy->digest = digest;
  copy->padding = padding;
  copy->pss_saltlen = pss_saltlen;
  copy->mgf1 = mgf1;
  if (hashing) {
    copy->hash.reset(EVP_MD_CTX_new());
    if (!copy->hash || EVP_MD_CTX_copy_ex(copy->hash.get(), hash.get()) != 1)
      throw ProviderError(Reason::internal, "copying the digest state");
    copy->hashing = true;
  }
  return copy;
}

const OSSL_PARAM* settable_params(KeyType type) {
  static const OSSL_PARAM ec[] = {
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PROPERTIES, nullptr, 0), OSSL_PARAM_END};
  static const OSSL_PARAM rsa[] = {
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PROPERTIES, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_PROPERTIES, nullptr, 0),
      OSSL_PARAM_END};
  return type == KeyType::ec ? ec : rsa;
}

const OSSL_PARAM* gettable_params(KeyType type) {
  static const OSSL_PARAM ec[] = {
      OSSL_PARAM_octet_string(OSSL_SIGNATURE_PARAM_ALGORITHM_ID, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, nullptr, 0), OSSL_PARAM_END};
  static const OSSL_PARAM rsa[] = {
      OSSL_PARAM_octet_string(OSSL_SIGNATURE_PARAM_ALGORITHM_ID, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_DIGEST, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PAD_MODE, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_PSS_SALTLEN, nullptr, 0),
      OSSL_PARAM_utf8_string(OSSL_SIGNATURE_PARAM_MGF1_DIGEST, nullptr, 0),
      OSSL_PARAM_END};
  return type == KeyType::ec ? ec : rsa;
}

}  // namespace kr::provider
