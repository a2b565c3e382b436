// Key shapes.
#include "ceremony/throwaway_key.h"

#include <openssl/core_names.h>

#include <map>
#include <mutex>

#include "ossl/error.h"
#include "x509/key_info.h"

namespace kr::ceremony {

ossl::EvpPkeyPtr key_shape(pkcs11::KeyAlgorithm algorithm, int rsa_bits, const std::string& curve) {
  if (algorithm == pkcs11::KeyAlgorithm::ec) {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str());
    if (!key) ossl::throw_error("cannot make a " + curve + " key shape");
    return ossl::EvpPkeyPtr(key);
  }
  ossl::BignumPtr n(BN_new()), e(BN_new());
  ossl::OsslParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!n || !e || !bld || !BN_set_bit(n.get(), rsa_bits - 1) || !BN_set_bit(n.get(), 0) ||
      !BN_set_word(e.get(), 65537) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
    ossl::throw_error("cannot make an RSA key shape");
  ossl::OsslParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  ossl::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    ossl::throw_error("cannot make an RSA key shape");
  return ossl::EvpPkeyPtr(key);
}

}  // namespace kr::ceremony
