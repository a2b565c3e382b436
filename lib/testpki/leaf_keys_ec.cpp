// The EC half of leaf_keys.h. EC_KEY is deprecated in OpenSSL 3.0 but kept, with its ASN.1
// methods, through the 3.x series; this file is the only user, so the deprecation warnings are
// silenced here alone.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>

#include <map>
#include <memory>
#include <utility>

#include "ossl/error.h"
#include "testpki/leaf_keys.h"
#include "util/error.h"

namespace kr::testpki {

ossl::EvpPkeyPtr generate_ec_leaf_key(OSSL_LIB_CTX* libctx, const std::string& curve) {
  const int nid = EC_curve_nist2nid(curve.c_str());
  if (nid == NID_undef) throw Error("unknown curve " + curve);
  // A group per thread and curve: making one (its Montgomery constants) cost as much as the key.
  // Named-curve form, so the SubjectPublicKeyInfo names the curve by OID as the provider's encoder
  // would.
  using GroupPtr = std::unique_ptr<EC_GROUP, ossl::Deleter<EC_GROUP_free>>;
  thread_local std::map<std::pair<OSSL_LIB_CTX*, int>, GroupPtr> groups;
  GroupPtr& group = groups[{libctx, nid}];
  if (!group && !(group = GroupPtr(EC_GROUP_new_by_curve_name_ex(libctx, nullptr, nid))))
    ossl::throw_error("making the " + curve + " group");
  // The key's randomness comes from libctx.
  std::unique_ptr<EC_KEY, ossl::Deleter<EC_KEY_free>> ec(EC_KEY_new_ex(libctx, nullptr));
  if (!ec || EC_KEY_set_group(ec.get(), group.get()) != 1 || EC_KEY_generate_key(ec.get()) != 1)
    ossl::throw_error("generating a " + curve + " key");
  ossl::EvpPkeyPtr key(EVP_PKEY_new());
  if (!key || EVP_PKEY_assign_EC_KEY(key.get(), ec.get()) != 1)
    ossl::throw_error("wrapping a " + curve + " key");
  ec.release();  // owned by key now
  return key;
}

}  // namespace kr::testpki
