// Public keys of a declared shape for checking a script against a profile before its keys exist.
// (Throwaway keys for trial signatures are x509/throwaway_key.h.)
#pragma once

#include <string>

#include "ossl/types.h"
#include "pkcs11/keys.h"

namespace kr::ceremony {

// A public key with the declared shape (RSA modulus size / EC curve), used only to check what a
// profile allows before the real key is generated. It is not a usable key: an RSA modulus is
// 2^(bits-1) + 1 and is never given to anything that signs or verifies.
ossl::EvpPkeyPtr key_shape(pkcs11::KeyAlgorithm algorithm, int rsa_bits, const std::string& curve);

}  // namespace kr::ceremony
