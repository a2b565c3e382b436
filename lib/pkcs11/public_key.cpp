// EVP_PKEY construction from CKA_MODULUS/CKA_PUBLIC_EXPONENT and CKA_EC_PARAMS/CKA_EC_POINT.
#include "pkcs11/public_key.h"

#include <openssl/core_names.h>

#include <algorithm>

#include "ossl/error.h"
#include "util/error.h"

namespace kr::pkcs11 {
namespace {

struct Curve {
  const char* name;
  Bytes oid_der;
  std::size_t point_size;  // uncompressed: 1 + 2 * field bytes
};

const std::vector<Curve>& curves() {
  static const std::vector<Curve> table = {
      {"P-256", {0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07}, 65},
      {"P-384", {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22}, 97},
      {"P-521", {0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23}, 133},
  };
  return table;
}

const Curve& curve_named(const std::string& name) {
  for (const auto& c : curves())
    if (name == c.name) return c;
  throw Error("unsupported curve \"" + name + "\" (keyrite supports P-256, P-384 and P-521)");
}

ossl::EvpPkeyPtr from_params(const char* type, OSSL_PARAM_BLD* bld) {
  ossl::OsslParamPtr params(OSSL_PARAM_BLD_to_param(bld));
  ossl::EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
    ossl::throw_error(std::string("cannot build the ") + type + " public key from the token");
  return ossl::EvpPkeyPtr(key);
}

}  // namespace

Bytes curve_params_der(const std::string& curve) {
  return curve_named(curve).oid_der;
}

std::string curve_from_params(ByteView params) {
  for (const auto& c : curves())
    if (std::equal(params.begin(), params.end(), c.oid_der.begin(), c.oid_der.end())) return c.name;
  return {};
}

ossl::EvpPkeyPtr rsa_public_key(ByteView modulus, ByteView exponent) {
  ossl::BignumPtr n(BN_bin2bn(modulus.data(), static_cast<int>(modulus.size()), nullptr));
  ossl::BignumPtr e(BN_bin2bn(exponent.data(), static_cast<int>(exponent.size()), nullptr));
  ossl::OsslParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!n || !e || !bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
    ossl::throw_error("cannot build the RSA public key from the token");
  return from_params("RSA", bld.get());
}

ossl::EvpPkeyPtr ec_public_key(const std::string& curve, ByteView ec_point) {
  const Curve& c = curve_named(curve);
  Bytes point(ec_point.begin(), ec_point.end());
  // PKCS#11 says DER OCTET STRING; some modules return the bare point. Both start with 0x04, so
  // decide by length: a wrapped point is the expected size plus its DER header.
  if (point.size() != c.point_size) {
    const unsigned char* p = point.data();
    ossl::Asn1OctetStringPtr os(
        d2i_ASN1_OCTET_STRING(nullptr, &p, static_cast<long>(point.size())));
    if (!os || p != point.data() + point.size() ||
        static_cast<std::size_t>(ASN1_STRING_length(os.get())) != c.point_size)
      throw Error("the token's CKA_EC_POINT is not a " + curve + " point");
    const unsigned char* inner = ASN1_STRING_get0_data(os.get());
    point.assign(inner, inner + c.point_size);
  }
  ossl::OsslParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, c.name, 0) ||
      !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                        point.size()))
    ossl::throw_error("cannot build the EC public key from the token");
  return from_params("EC", bld.get());
}

}  // namespace kr::pkcs11
