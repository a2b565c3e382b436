// Key pairs on a token: generation with the attributes a CA key must have, lookup and listing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ossl/types.h"
#include "pkcs11/session.h"
#include "util/bytes.h"

namespace kr::pkcs11 {

enum class KeyAlgorithm { rsa, ec };

// Whether a private key may ever leave the token. `trusted_wrap_only` (for keys that will be backed
// up): CKA_EXTRACTABLE=true with CKA_WRAP_WITH_TRUSTED=true, so the key leaves only wrapped, and
// only by a key the security officer marked CKA_TRUSTED (SoftHSM enforces this; NSS softokn stores
// the attribute but does not enforce it, see lib/backup/README.md). Still sensitive and private.
enum class Backup { never, trusted_wrap_only };

// What to generate. RSA: bits 2048/3072/4096, e = 65537. EC: curve "P-256", "P-384" or "P-521".
struct KeySpec {
  std::string label;
  KeyAlgorithm algorithm = KeyAlgorithm::rsa;
  int rsa_bits = 0;
  std::string curve;
  Backup backup = Backup::never;
  Bytes id;  // the CKA_ID to give both objects; empty: a fresh random one (fresh_key_id)
};

// A key pair found on (or just made on) a token.
struct KeyPair {
  std::string label;
  Bytes id;  // CKA_ID, shared by the private and public objects
  KeyAlgorithm algorithm = KeyAlgorithm::rsa;
  int bits = 0;       // modulus bits, or the curve's field size
  std::string curve;  // "P-256" ... for EC, empty for RSA
  CK_OBJECT_HANDLE private_key = CK_INVALID_HANDLE;
  CK_OBJECT_HANDLE public_key_object = CK_INVALID_HANDLE;
  ossl::EvpPkeyPtr public_key;    // rebuilt from the token's public attributes
  std::string attribute_summary;  // after generation: the CA attributes read back and confirmed

  std::string describe() const;  // "RSA 4096" or "EC P-384"
};

// Generates a pair that is token-resident, private, sensitive and never extractable (or, with
// Backup::trusted_wrap_only, extractable only under a trusted wrapping key), with a unique random
// CKA_ID. Refuses a label already on the token. Reads the attributes back and checks
// them; if any check fails the new objects are destroyed before the error is thrown.
KeyPair generate_key_pair(Session& session, const KeySpec& spec);

// A random 16-byte CKA_ID no object on the token has yet. A caller that records the ID before
// generating (the ceremony's artifact-intent) can find the objects of a generation that failed.
Bytes fresh_key_id(Session& session);

// Destroys every object with this CKA_ID (what a failed or interrupted generation left) and
// returns how many there were.
std::size_t destroy_objects_with_id(Session& session, const Bytes& id);

// Public keys whose CKA_ID no private key has: what a generation killed half-way leaves. They
// block their label (keyrite never reuses one), so kr-token list shows them.
struct LonePublicKey {
  std::string label;
  Bytes id;
};
std::vector<LonePublicKey> list_lone_public_keys(Session& session);

// The private key with this label and its public half; nullopt when there is no such key.
std::optional<KeyPair> find_key_pair(Session& session, const std::string& label);

// A private key that is not a readable pair: a lone private half, or an object with no label, id
// or key material, which a generation killed inside C_GenerateKeyPair leaves (resume removes
// them). `why` is what makes it unreadable.
struct IncompleteKey {
  std::string label;
  Bytes id;
  std::string why;
};

// Every private key on the token with its public half, in label order. A private key that is not
// a readable pair throws, unless `incomplete` is given: it is then listed there instead, so a
// token a crash left half-written can still be looked at.
std::vector<KeyPair> list_key_pairs(Session& session,
                                    std::vector<IncompleteKey>* incomplete = nullptr);

// Destroys both objects of a pair.
void destroy_key_pair(Session& session, const KeyPair& pair);

}  // namespace kr::pkcs11
