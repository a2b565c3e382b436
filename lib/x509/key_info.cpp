// EVP_PKEY inspection through the OpenSSL 3 parameter interface, which works the same for software
// keys and for keys held by keyrite's PKCS#11 provider.
#include "x509/key_info.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/objects.h>

namespace kr::x509 {

KeyInfo describe_key(const EVP_PKEY* key) {
  KeyInfo info;
  if (!key) {
    info.text = "(no public key)";
    return info;
  }
  info.bits = EVP_PKEY_get_bits(key);
  if (info.bits < 0) info.bits = 0;
  if (EVP_PKEY_is_a(key, "RSA")) {
    info.family = KeyFamily::rsa;
    info.text = "RSA " + std::to_string(info.bits) + "-bit";
  } else if (EVP_PKEY_is_a(key, "EC")) {
    info.family = KeyFamily::ec;
    char group[80] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                       &len) == 1) {
      const char* nist = EC_curve_nid2nist(OBJ_sn2nid(group));
      info.curve = nist ? nist : group;
      info.text = nist ? info.curve : "EC " + info.curve;
    } else {
      info.text = "EC (explicit parameters)";
    }
  } else if (EVP_PKEY_is_a(key, "DSA")) {
    info.family = KeyFamily::dsa;
    info.text = "DSA " + std::to_string(info.bits) + "-bit";
  } else {
    const char* name = EVP_PKEY_get0_type_name(key);
    info.text = name ? name : "(unknown key type)";
  }
  return info;
}

std::string default_signature_algorithm(const EVP_PKEY* key) {
  const auto info = describe_key(key);
  if (info.family == KeyFamily::rsa) return "sha256WithRSAEncryption";
  if (info.curve == "P-384") return "ecdsa-with-SHA384";
  if (info.curve == "P-521") return "ecdsa-with-SHA512";
  return "ecdsa-with-SHA256";
}

}  // namespace kr::x509
