// Token signatures in OpenSSL's encodings, and their verification.
#include "backup/proof.h"

#include <openssl/ecdsa.h>
#include <openssl/rand.h>

#include <memory>

#include "ossl/der.h"
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

}  // namespace

Bytes sign_sha256_on_token(pkcs11::Session& session, CK_OBJECT_HANDLE private_key,
                           pkcs11::KeyAlgorithm algorithm, ByteView data) {
  if (algorithm == pkcs11::KeyAlgorithm::rsa)
    return token_sign(session, private_key, CKM_SHA256_RSA_PKCS, data);
  auto digest = ossl::sha256(data);
  return ossl::ecdsa_raw_to_der(token_sign(session, private_key, CKM_ECDSA, digest));
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
