// Token signatures in OpenSSL's encodings, and their verification.
#include "backup/proof.h"

#include <openssl/ecdsa.h>
#include <openssl/rand.h>

#include <memory>

#include "ossl/digest.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "pkcs11/rv.h"

namespace kr::backup {
namespace {

Bytes token_sign(pkcs11::Session& session, CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE mechanism,
                 ByteView input) {
  CK_MECHANISM mech{mechanism, nullptr, 0};
  pkcs11::check_rv(session.fn()->C_SignInit(session.handle(), &mech, key), "C_SignInit");
  CK_ULONG len = 0;
  pkcs11::check_rv(session.fn()->C_Sign(session.handle(), const_cast<CK_BYTE_PTR>(input.data()),
                                        input.size(), nullptr, &len),
                   "C_Sign");
  Bytes sig(len);
  pkcs11::check_rv(session.fn()->C_Sign(session.handle(), const_cast<CK_BYTE_PTR>(input.data()),
                                        input.size(), sig.data(), &len),
                   "C_Sign");
  sig.resize(len);
  return sig;
}

// PKCS#11 ECDSA signatures are r || s, each half the length; X.509 wants DER.
Bytes ecdsa_der(const Bytes& raw) {
  if (raw.empty() || raw.size() % 2 != 0)
    throw Error("the token returned an ECDSA signature of odd length");
  const int half = static_cast<int>(raw.size() / 2);
  std::unique_ptr<ECDSA_SIG, ossl::Deleter<ECDSA_SIG_free>> sig(ECDSA_SIG_new());
  BIGNUM* r = BN_bin2bn(raw.data(), half, nullptr);
  BIGNUM* s = BN_bin2bn(raw.data() + half, half, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    ossl::throw_error("converting the ECDSA signature");
  }
  unsigned char* der = nullptr;
  int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) ossl::throw_error("encoding the ECDSA signature");
  Bytes out(der, der + len);
  OPENSSL_free(der);
  return out;
}

}  // namespace

Bytes sign_sha256_on_token(pkcs11::Session& session, CK_OBJECT_HANDLE private_key,
                           pkcs11::KeyAlgorithm algorithm, ByteView data) {
  if (algorithm == pkcs11::KeyAlgorithm::rsa)
    return token_sign(session, private_key, CKM_SHA256_RSA_PKCS, data);
  auto digest = ossl::sha256(data);
  return ecdsa_der(token_sign(session, private_key, CKM_ECDSA, digest));
}

bool verify_sha256(const EVP_PKEY* public_key, ByteView data, ByteView signature) {
  ossl::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit_ex(ctx.get(), nullptr, "SHA256", nullptr, nullptr,
                                      const_cast<EVP_PKEY*>(public_key), nullptr) != 1)
    ossl::throw_error("setting up signature verification");
  int ok =
      EVP_DigestVerify(ctx.get(), signature.data(), signature.size(), data.data(), data.size());
  ERR_clear_error();  // a bad signature leaves its reason on the queue; the answer is `ok`
  return ok == 1;
}

bool token_key_matches(pkcs11::Session& session, CK_OBJECT_HANDLE private_key,
                       pkcs11::KeyAlgorithm algorithm, const EVP_PKEY* public_key) {
  Bytes challenge(32);
  if (RAND_bytes(challenge.data(), static_cast<int>(challenge.size())) != 1)
    ossl::throw_error("random challenge");
  return verify_sha256(public_key, challenge,
                       sign_sha256_on_token(session, private_key, algorithm, challenge));
}

}  // namespace kr::backup
