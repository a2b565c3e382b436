// Software keys for the rehearsal.
#include "ceremony/rehearsal_keys.h"

#include <openssl/evp.h>

#include "ossl/der.h"
#include "ossl/digest.h"
#include "ossl/error.h"
#include "x509/key_info.h"
#include "x509/throwaway_key.h"

namespace kr::ceremony {
namespace {

// A KeyPair as the token code would describe it, over a software public key.
pkcs11::KeyPair pair_for(const std::string& label, const EVP_PKEY* key) {
  pkcs11::KeyPair pair;
  pair.label = label;
  auto info = x509::describe_key(key);
  pair.algorithm =
      info.family == x509::KeyFamily::rsa ? pkcs11::KeyAlgorithm::rsa : pkcs11::KeyAlgorithm::ec;
  pair.bits = info.bits;
  pair.curve = info.curve;
  // Only the public half: what the token code would have read back.
  Bytes spki = ossl::spki_der(key);
  pair.public_key = ossl::read_public_key(spki, "rehearsal key " + label);
  auto digest = ossl::sha256(spki);
  pair.id.assign(digest.begin(), digest.begin() + 20);
  pair.attribute_summary = "rehearsal: a software key in memory";
  return pair;
}

}  // namespace

pkcs11::KeyPair RehearsalKeys::generate(const std::string& label, pkcs11::KeyAlgorithm algorithm,
                                        int bits, const std::string& curve) {
  EVP_PKEY* key = algorithm == pkcs11::KeyAlgorithm::rsa
                      ? EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits))
                      : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str());
  if (!key) ossl::throw_error("cannot make a rehearsal key for \"" + label + "\"");
  private_keys_[label].reset(key);
  stand_ins_.erase(label);
  return pair_for(label, key);
}

pkcs11::KeyPair RehearsalKeys::alias(const std::string& label, const std::string& existing) {
  auto it = private_keys_.find(existing);
  if (it == private_keys_.end()) return stand_in(existing);
  EVP_PKEY_up_ref(it->second.get());
  private_keys_[label].reset(it->second.get());
  return pair_for(label, it->second.get());
}

void RehearsalKeys::know_public_key(const std::string& label, const EVP_PKEY* public_key) {
  if (private_keys_.count(label) || public_keys_.count(label)) return;
  public_keys_[label] = ossl::read_public_key(ossl::spki_der(public_key), "the key of " + label);
}

pkcs11::KeyPair RehearsalKeys::stand_in(const std::string& label) {
  if (auto it = private_keys_.find(label); it != private_keys_.end())
    return pair_for(label, it->second.get());
  auto it = public_keys_.find(label);
  if (it == public_keys_.end())
    throw NotRehearsable("key \"" + label +
                         "\" is on the token, and no input file shows its public key");
  stand_ins_.insert(label);
  auto pair = pair_for(label, it->second.get());
  pair.attribute_summary = "rehearsal: the token's key, as its certificate shows it";
  return pair;
}

void RehearsalKeys::forget(const std::string& label) {
  private_keys_.erase(label);
  public_keys_.erase(label);
  stand_ins_.erase(label);
}

EVP_PKEY* RehearsalKeys::signing_key(const std::string& label) {
  if (auto it = private_keys_.find(label); it != private_keys_.end()) return it->second.get();
  auto it = public_keys_.find(label);
  if (it == public_keys_.end())
    throw NotRehearsable("key \"" + label + "\" is not known to the rehearsal");
  return x509::throwaway_key_like(it->second.get());
}

}  // namespace kr::ceremony
