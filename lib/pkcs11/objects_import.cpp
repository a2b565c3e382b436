// Building the PKCS#11 template of a public key object from an EVP_PKEY.
#include "pkcs11/objects_import.h"

#include <openssl/core_names.h>

#include <vector>

#include "ossl/der.h"
#include "ossl/error.h"
#include "ossl/types.h"
#include "pkcs11/attributes.h"
#include "pkcs11/public_key.h"
#include "pkcs11/rv.h"

namespace kr::pkcs11 {
namespace {

Bytes bn_param(const EVP_PKEY* key, const char* name) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) ossl::throw_error("reading the RSA public key");
  ossl::BignumPtr bn(raw);
  Bytes out(static_cast<std::size_t>(BN_num_bytes(bn.get())));
  BN_bn2bin(bn.get(), out.data());
  return out;
}

// OpenSSL's group names for the curves keyrite supports, in keyrite's spelling.
std::string curve_of(const EVP_PKEY* key) {
  char group[64] = {};
  if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                     nullptr) != 1)
    ossl::throw_error("reading the EC public key's curve");
  std::string g = group;
  if (g == "prime256v1" || g == "P-256") return "P-256";
  if (g == "secp384r1" || g == "P-384") return "P-384";
  if (g == "secp521r1" || g == "P-521") return "P-521";
  throw Error("the public key is on curve " + g + ", which keyrite does not support");
}

// The uncompressed point, wrapped in the DER OCTET STRING that CKA_EC_POINT holds.
Bytes ec_point_der(const EVP_PKEY* key) {
  std::size_t len = 0;
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, nullptr, 0, &len) !=
      1)
    ossl::throw_error("reading the EC public point");
  Bytes point(len);
  if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point.data(),
                                      point.size(), &len) != 1)
    ossl::throw_error("reading the EC public point");
  if (point.empty() || point[0] != 0x04)
    throw Error("the EC public point is not in uncompressed form");
  ossl::Asn1OctetStringPtr os(ASN1_OCTET_STRING_new());
  if (!os || ASN1_OCTET_STRING_set(os.get(), point.data(), static_cast<int>(len)) != 1)
    ossl::throw_error("encoding CKA_EC_POINT");
  return ossl::to_der(os.get(), i2d_ASN1_OCTET_STRING, "CKA_EC_POINT");
}

}  // namespace

CK_OBJECT_HANDLE create_public_key_object(Session& session, const EVP_PKEY* key,
                                          const std::string& label, ByteView id) {
  CK_OBJECT_CLASS cls = CKO_PUBLIC_KEY;
  CK_KEY_TYPE type = CKK_RSA;
  Bytes first, second;  // modulus and exponent, or EC params and point
  std::vector<CK_ATTRIBUTE> t;
  if (EVP_PKEY_is_a(key, "RSA")) {
    first = bn_param(key, OSSL_PKEY_PARAM_RSA_N);
    second = bn_param(key, OSSL_PKEY_PARAM_RSA_E);
    t = {attr(CKA_MODULUS, first), attr(CKA_PUBLIC_EXPONENT, second)};
  } else if (EVP_PKEY_is_a(key, "EC")) {
    type = CKK_EC;
    first = curve_params_der(curve_of(key));
    second = ec_point_der(key);
    t = {attr(CKA_EC_PARAMS, first), attr(CKA_EC_POINT, second)};
  } else {
    throw Error("only RSA and EC public keys can be put on a token");
  }
  std::vector<CK_ATTRIBUTE> common = {attr(CKA_CLASS, &cls, sizeof cls),
                                      attr(CKA_KEY_TYPE, &type, sizeof type),
                                      flag(CKA_TOKEN, true),
                                      flag(CKA_PRIVATE, false),
                                      flag(CKA_VERIFY, true),
                                      flag(CKA_ENCRYPT, false),
                                      flag(CKA_WRAP, false),
                                      attr(CKA_LABEL, label.data(), label.size()),
                                      attr(CKA_ID, id.data(), id.size())};
  t.insert(t.end(), common.begin(), common.end());
  CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
  check_rv(session.fn()->C_CreateObject(session.handle(), t.data(), t.size(), &handle),
           "C_CreateObject (public key)");
  return handle;
}

}  // namespace kr::pkcs11
