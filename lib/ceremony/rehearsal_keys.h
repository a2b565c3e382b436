// The keys of a rehearsal (ceremony/rehearsal.h): software keys made in memory where the ceremony
// would make token keys, and stand-ins for keys already on the token. Nothing here is written to
// disk, and the token is never opened.
#pragma once

#include <map>
#include <set>
#include <string>

#include "ossl/types.h"
#include "pkcs11/keys.h"
#include "util/error.h"

namespace kr::ceremony {

// Thrown when a rehearsed step needs a key the rehearsal cannot know: one already on the token
// whose public key no input file shows. The step is then checked when the run opens the token.
struct NotRehearsable : Error {
  using Error::Error;
};

class RehearsalKeys {
 public:
  // A fresh software key pair of the declared shape, under `label` (generate-key).
  pkcs11::KeyPair generate(const std::string& label, pkcs11::KeyAlgorithm algorithm, int bits,
                           const std::string& curve);
  // The same key under a second label (restore-key of a backup made earlier in the script).
  pkcs11::KeyPair alias(const std::string& label, const std::string& existing);
  // A key already on the token whose public key an input file shows (an issuer certificate, a
  // backup descriptor): it signs in the rehearsal with a throwaway key of the same shape, so
  // everything but the signature can be checked.
  void know_public_key(const std::string& label, const EVP_PKEY* public_key);
  pkcs11::KeyPair stand_in(const std::string& label);
  void forget(const std::string& label);

  // The private key that signs for `label` in the rehearsal; throws NotRehearsable when unknown.
  EVP_PKEY* signing_key(const std::string& label);
  // True when `label` signs with a throwaway key whose public half is not the pair's: signatures
  // by it are not verified in the rehearsal.
  bool is_stand_in(const std::string& label) const { return stand_ins_.count(label) > 0; }
  // Whether generate-key made `label` with "backup: true" (backup-key refuses other keys).
  bool made_for_backup(const std::string& label) const { return backup_.count(label) > 0; }
  void mark_for_backup(const std::string& label) { backup_.insert(label); }
  bool generated(const std::string& label) const { return private_keys_.count(label) > 0; }

 private:
  std::map<std::string, ossl::EvpPkeyPtr> private_keys_;  // generated in memory, by label
  std::map<std::string, ossl::EvpPkeyPtr> public_keys_;   // known from input files, by label
  std::set<std::string> stand_ins_;
  std::set<std::string> backup_;
};

}  // namespace kr::ceremony
