// Find, record, destroy, and confirm nothing of the key remains.
#include "backup/destroy.h"

#include "ossl/der.h"
#include "pkcs11/attributes.h"
#include "pkcs11/keys.h"
#include "pkcs11/wrap.h"
#include "util/error.h"

namespace kr::backup {
using pkcs11::attr;

DestroyedKey destroy_key(pkcs11::Session& session, const std::string& label) {
  auto pair = pkcs11::find_key_pair(session, label);
  if (!pair)
    throw Error("there is no key labelled \"" + label + "\" on the token",
                "nothing was destroyed; check the label with kr-token list");
  if (pair->id.empty())
    throw Error("key \"" + label + "\" has no CKA_ID; keyrite cannot tell which objects are its");
  DestroyedKey out;
  out.label = label;
  out.id_hex = to_hex(pair->id);
  out.spki_sha256 = ossl::spki_sha256_hex(pair->public_key.get());
  out.description = pair->describe();

  CK_OBJECT_CLASS pub_class = CKO_PUBLIC_KEY;
  auto publics = pkcs11::find_objects(session, {attr(CKA_CLASS, &pub_class, sizeof pub_class),
                                                attr(CKA_ID, pair->id.data(), pair->id.size())});
  pkcs11::destroy_object(session, pair->private_key);
  ++out.objects_destroyed;
  for (auto handle : publics) {
    pkcs11::destroy_object(session, handle);
    ++out.objects_destroyed;
  }
  if (!pkcs11::find_objects(session, {attr(CKA_LABEL, label.data(), label.size())}).empty() ||
      !pkcs11::find_objects(session, {attr(CKA_ID, pair->id.data(), pair->id.size())}).empty())
    throw Error("key \"" + label + "\" was destroyed but objects with its label or CKA_ID remain",
                "list the token's objects; another object shares the label or CKA_ID");
  return out;
}

}  // namespace kr::backup
