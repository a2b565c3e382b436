// A custodian's own Ed25519 signing key: made when the share set is made, kept sealed in the
// custodian's share file, used to sign approvals of ceremony steps.
#pragma once

#include "util/bytes.h"
#include "util/secret.h"

namespace kr::quorum {

constexpr std::size_t kEd25519KeySize = 32;
constexpr std::size_t kEd25519SignatureSize = 64;

class CustodianKey {
 public:
  // A fresh key from the OpenSSL DRBG.
  static CustodianKey generate();
  // The key for a 32-byte private seed (as kept in a share file); throws on a wrong length.
  static CustodianKey from_seed(const Secret& seed);

  const Bytes& public_key() const { return public_key_; }  // raw 32 bytes
  const Secret& seed() const { return seed_; }
  Bytes sign(ByteView message) const;

 private:
  CustodianKey(Secret seed, Bytes public_key)
      : seed_(std::move(seed)), public_key_(std::move(public_key)) {}
  Secret seed_;
  Bytes public_key_;
};

// True when `signature` is a valid Ed25519 signature of `message` under the raw public key.
// False for a wrong length of either, never an exception for bad input.
bool verify_signature(ByteView public_key, ByteView message, ByteView signature);

}  // namespace kr::quorum
