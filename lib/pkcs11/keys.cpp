// CA key pair generation, read-back checks, lookup, listing and destruction.
#include "pkcs11/keys.h"

#include <openssl/rand.h>

#include <algorithm>

#include "ossl/error.h"
#include "pkcs11/attributes.h"
#include "pkcs11/public_key.h"
#include "pkcs11/public_lookup.h"
#include "pkcs11/rv.h"

namespace kr::pkcs11 {
namespace {

CK_OBJECT_CLASS kPrivateClass = CKO_PRIVATE_KEY;
CK_OBJECT_CLASS kPublicClass = CKO_PUBLIC_KEY;

bool has_objects(Session& session, std::vector<CK_ATTRIBUTE> query) {
  return !find_objects(session, std::move(query)).empty();
}

}  // namespace

Bytes fresh_key_id(Session& session) {
  for (int attempt = 0; attempt < 8; ++attempt) {
    Bytes id(16);
    if (RAND_bytes(id.data(), static_cast<int>(id.size())) != 1) ossl::throw_error("random CKA_ID");
    // pkcs11-helper finds keys by CKA_ID alone, so an ID must be unique on the token.
    if (!has_objects(session, {attr(CKA_ID, id)})) return id;
  }
  throw Error("could not find an unused CKA_ID on the token");
}

namespace {

std::string describe(KeyAlgorithm algorithm, int bits, const std::string& curve) {
  return algorithm == KeyAlgorithm::rsa ? "RSA " + std::to_string(bits) : "EC " + curve;
}

void require(bool ok, const std::string& label, const std::string& what) {
  if (!ok)
    throw Error(
        "key \"" + label + "\" was generated but " + what + "; the new key has been destroyed",
        "the token does not honour CA key attributes; do not use it for a ceremony");
}

// Fills in the algorithm, size and public key of a pair from its objects' attributes.
void read_public_half(Session& session, KeyPair& pair) {
  CK_OBJECT_HANDLE typed =
      pair.private_key != CK_INVALID_HANDLE ? pair.private_key : pair.public_key_object;
  auto key_type = get_ulong(session, typed, CKA_KEY_TYPE, "CKA_KEY_TYPE");
  if (key_type == CKK_RSA) {
    pair.algorithm = KeyAlgorithm::rsa;
    CK_OBJECT_HANDLE source =
        pair.public_key_object != CK_INVALID_HANDLE ? pair.public_key_object : pair.private_key;
    auto n = get_attribute(session, source, CKA_MODULUS);
    auto e = get_attribute(session, source, CKA_PUBLIC_EXPONENT);
    if (!n || !e) throw Error("key \"" + pair.label + "\" has no readable RSA public key");
    pair.public_key = rsa_public_key(*n, *e);
  } else if (key_type == CKK_EC) {
    pair.algorithm = KeyAlgorithm::ec;
    if (pair.public_key_object == CK_INVALID_HANDLE)
      throw Error("key \"" + pair.label + "\" has no public key object on the token");
    auto params = get_attribute(session, pair.public_key_object, CKA_EC_PARAMS);
    auto point = get_attribute(session, pair.public_key_object, CKA_EC_POINT);
    if (!params || !point) throw Error("key \"" + pair.label + "\" has no readable EC public key");
    pair.curve = curve_from_params(*params);
    if (pair.curve.empty())
      throw Error("key \"" + pair.label + "\" is on a curve keyrite does not support");
    pair.public_key = ec_public_key(pair.curve, *point);
  } else {
    throw Error("key \"" + pair.label + "\" is neither RSA nor EC");
  }
  pair.bits = EVP_PKEY_get_bits(pair.public_key.get());
}

std::optional<CK_OBJECT_HANDLE> public_object_for(Session& session, const Bytes& id) {
  auto found = find_objects(
      session, {attr(CKA_CLASS, &kPublicClass, sizeof kPublicClass), attr(CKA_ID, id)});
  if (found.empty()) return std::nullopt;
  return found.front();
}

KeyPair pair_from_private(Session& session, CK_OBJECT_HANDLE priv) {
  KeyPair pair;
  pair.private_key = priv;
  auto label = get_attribute(session, priv, CKA_LABEL);
  pair.label = label ? std::string(label->begin(), label->end()) : std::string();
  auto id = get_attribute(session, priv, CKA_ID);
  pair.id = id ? *id : Bytes();
  if (!pair.id.empty())
    pair.public_key_object = public_object_for(session, pair.id).value_or(CK_INVALID_HANDLE);
  read_public_half(session, pair);
  return pair;
}

// The checks a CA key must pass after generation (CPS 6.1.1, 6.2.x).
void check_generated(Session& session, const KeySpec& spec, KeyPair& pair) {
  const auto& l = spec.label;
  auto priv = pair.private_key;
  require(get_bool(session, priv, CKA_TOKEN, "CKA_TOKEN"), l, "it is not stored on the token");
  require(get_bool(session, priv, CKA_PRIVATE, "CKA_PRIVATE"), l, "it is not private");
  require(get_bool(session, priv, CKA_SENSITIVE, "CKA_SENSITIVE"), l, "it is not sensitive");
  require(get_bool(session, priv, CKA_ALWAYS_SENSITIVE, "CKA_ALWAYS_SENSITIVE"), l,
          "it was not always sensitive");
  if (spec.backup == Backup::never) {
    require(!get_bool(session, priv, CKA_EXTRACTABLE, "CKA_EXTRACTABLE"), l, "it is extractable");
    require(get_bool(session, priv, CKA_NEVER_EXTRACTABLE, "CKA_NEVER_EXTRACTABLE"), l,
            "it was extractable at some time");
  } else {
    // Extractable is the point of a backup key; what keeps it safe is that only a trusted key may
    // wrap it, so that attribute must have been stored.
    require(get_bool(session, priv, CKA_EXTRACTABLE, "CKA_EXTRACTABLE"), l,
            "it is not extractable, so it cannot be backed up");
    require(get_bool(session, priv, CKA_WRAP_WITH_TRUSTED, "CKA_WRAP_WITH_TRUSTED"), l,
            "it does not require a trusted wrapping key (CKA_WRAP_WITH_TRUSTED)");
  }
  require(get_bool(session, priv, CKA_SIGN, "CKA_SIGN"), l, "it cannot sign");
  pair.attribute_summary =
      spec.backup == Backup::never
          ? "token private sensitive always-sensitive never-extractable sign"
          : "token private sensitive always-sensitive extractable-only-with-trusted-wrap sign";
  if (get_bool(session, priv, CKA_LOCAL, "CKA_LOCAL")) {
    pair.attribute_summary += " local";
  } else {
    // NSS softokn does not keep CKA_LOCAL in its database (a documented interoperability limit);
    // the pair was made by our own C_GenerateKeyPair call a moment ago, so we record that instead.
    require(!session.module()->reports_cka_local(), l, "it was not generated on the token");
    pair.attribute_summary += " local-not-reported-by-module";
  }
  read_public_half(session, pair);
  if (spec.algorithm == KeyAlgorithm::rsa) {
    require(pair.algorithm == KeyAlgorithm::rsa && pair.bits == spec.rsa_bits, l,
            "its modulus is " + std::to_string(pair.bits) + " bits, not " +
                std::to_string(spec.rsa_bits));
    ossl::BignumPtr e;
    BIGNUM* raw = nullptr;
    EVP_PKEY_get_bn_param(pair.public_key.get(), "e", &raw);
    e.reset(raw);
    require(e && BN_get_word(e.get()) == 65537, l, "its public exponent is not 65537");
  } else {
    require(pair.algorithm == KeyAlgorithm::ec && pair.curve == spec.curve, l,
            "it is on " + pair.curve + ", not " + spec.curve);
  }
}

}  // namespace

std::string KeyPair::describe() const {
  return pkcs11::describe(algorithm, bits, curve);
}

KeyPair generate_key_pair(Session& session, const KeySpec& spec) {
  if (spec.label.empty()) throw Error("a key needs a label");
  if (has_objects(session, {attr(CKA_LABEL, spec.label)}))
    throw Error("a key labelled \"" + spec.label + "\" already exists on the token",
                "keyrite never reuses or replaces a key; choose another label");
  Bytes id = spec.id.empty() ? fresh_key_id(session) : spec.id;

  CK_ULONG bits = static_cast<CK_ULONG>(spec.rsa_bits);
  const Bytes exponent{0x01, 0x00, 0x01};
  Bytes ec_params;
  CK_MECHANISM mechanism{CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0};
  std::vector<CK_ATTRIBUTE> pub = {flag(CKA_TOKEN, true),  flag(CKA_PRIVATE, false),
                                   flag(CKA_VERIFY, true), flag(CKA_ENCRYPT, false),
                                   flag(CKA_WRAP, false),  attr(CKA_LABEL, spec.label),
                                   attr(CKA_ID, id)};
  const bool extractable = spec.backup != Backup::never;
  std::vector<CK_ATTRIBUTE> priv = {flag(CKA_TOKEN, true),       flag(CKA_PRIVATE, true),
                                    flag(CKA_SENSITIVE, true),   flag(CKA_EXTRACTABLE, extractable),
                                    flag(CKA_SIGN, true),        flag(CKA_DECRYPT, false),
                                    flag(CKA_UNWRAP, false),     flag(CKA_DERIVE, false),
                                    attr(CKA_LABEL, spec.label), attr(CKA_ID, id)};
  if (spec.backup == Backup::trusted_wrap_only) priv.push_back(flag(CKA_WRAP_WITH_TRUSTED, true));
  if (spec.algorithm == KeyAlgorithm::rsa) {
    pub.push_back(attr(CKA_MODULUS_BITS, &bits, sizeof bits));
    pub.push_back(attr(CKA_PUBLIC_EXPONENT, exponent));
  } else {
    mechanism.mechanism = CKM_EC_KEY_PAIR_GEN;
    ec_params = curve_params_der(spec.curve);
    pub.push_back(attr(CKA_EC_PARAMS, ec_params));
  }

  KeyPair pair;
  pair.label = spec.label;
  pair.id = id;
  check_rv(session.fn()->C_GenerateKeyPair(session.handle(), &mechanism, pub.data(), pub.size(),
                                           priv.data(), priv.size(), &pair.public_key_object,
                                           &pair.private_key),
           "C_GenerateKeyPair");
  try {
    check_generated(session, spec, pair);
  } catch (...) {
    destroy_key_pair(session, pair);  // no half-made or non-compliant key stays behind
    throw;
  }
  return pair;
}

std::optional<KeyPair> find_key_pair(Session& session, const std::string& label) {
  auto found = find_objects(
      session, {attr(CKA_CLASS, &kPrivateClass, sizeof kPrivateClass), attr(CKA_LABEL, label)});
  if (found.empty()) return std::nullopt;
  if (found.size() > 1)
    throw Error("more than one private key labelled \"" + label + "\" on the token",
                "keyrite needs key labels to be unique; rename or remove the extra key");
  return pair_from_private(session, found.front());
}

std::optional<KeyPair> find_public_key(Session& session, const std::string& label) {
  auto found = find_objects(
      session, {attr(CKA_CLASS, &kPublicClass, sizeof kPublicClass), attr(CKA_LABEL, label)});
  if (found.empty()) return std::nullopt;
  if (found.size() > 1)
    throw Error("more than one public key labelled \"" + label + "\" on the token",
                "keyrite needs key labels to be unique; rename or remove the extra key");
  KeyPair pair;
  pair.label = label;
  pair.public_key_object = found.front();
  auto id = get_attribute(session, found.front(), CKA_ID);
  pair.id = id ? *id : Bytes();
  read_public_half(session, pair);
  return pair;
}

std::vector<KeyPair> list_key_pairs(Session& session, std::vector<IncompleteKey>* incomplete) {
  std::vector<KeyPair> pairs;
  for (auto handle :
       find_objects(session, {attr(CKA_CLASS, &kPrivateClass, sizeof kPrivateClass)})) {
    try {
      pairs.push_back(pair_from_private(session, handle));
    } catch (const Error& e) {
      if (!incomplete) throw;
      auto label = get_attribute(session, handle, CKA_LABEL);
      incomplete->push_back({label ? std::string(label->begin(), label->end()) : std::string(),
                             get_attribute(session, handle, CKA_ID).value_or(Bytes()), e.what()});
    }
  }
  std::sort(pairs.begin(), pairs.end(),
            [](const KeyPair& a, const KeyPair& b) { return a.label < b.label; });
  return pairs;
}

std::size_t destroy_objects_with_id(Session& session, const Bytes& id) {
  auto found = find_objects(session, {attr(CKA_ID, id)});
  for (auto handle : found)
    check_rv(session.fn()->C_DestroyObject(session.handle(), handle), "C_DestroyObject");
  return found.size();
}

std::vector<LonePublicKey> list_lone_public_keys(Session& session) {
  std::vector<LonePublicKey> out;
  for (auto handle : find_objects(session, {attr(CKA_CLASS, &kPublicClass, sizeof kPublicClass)})) {
    auto id = get_attribute(session, handle, CKA_ID);
    if (id && !id->empty() &&
        has_objects(session,
                    {attr(CKA_CLASS, &kPrivateClass, sizeof kPrivateClass), attr(CKA_ID, *id)}))
      continue;
    auto label = get_attribute(session, handle, CKA_LABEL);
    out.push_back(
        {label ? std::string(label->begin(), label->end()) : std::string(), id.value_or(Bytes())});
  }
  std::sort(out.begin(), out.end(),
            [](const LonePublicKey& a, const LonePublicKey& b) { return a.label < b.label; });
  return out;
}

void destroy_key_pair(Session& session, const KeyPair& pair) {
  if (pair.private_key != CK_INVALID_HANDLE)
    check_rv(session.fn()->C_DestroyObject(session.handle(), pair.private_key), "C_DestroyObject");
  if (pair.public_key_object != CK_INVALID_HANDLE)
    check_rv(session.fn()->C_DestroyObject(session.handle(), pair.public_key_object),
             "C_DestroyObject");
}

}  // namespace kr::pkcs11
