// What kind of public key an EVP_PKEY is, in the terms CPS 6.1.5 uses (RSA modulus bits, NIST
// curve names), so profiles, lints and messages can talk about keys the same way.
#pragma once

#include <openssl/evp.h>

#include <string>

#include "x509/algorithms.h"

namespace kr::x509 {

struct KeyInfo {
  KeyFamily family = KeyFamily::other;
  int bits = 0;       // RSA modulus size, EC field size; 0 when unknown
  std::string curve;  // EC: "P-256" for NIST curves, else OpenSSL's group name; "" if explicit
  std::string
      text;  // "RSA 2048-bit", "P-256", "EC secp256k1", "EC (explicit parameters)", "ED25519"
};

// Never throws; a null or unreadable key gives family other and text "(no public key)".
KeyInfo describe_key(const EVP_PKEY* key);

// The Appendix A algorithm for a signer's key where no profile names one (CSRs, OCSP responses):
// SHA-256 for RSA and P-256, SHA-384 for P-384, SHA-512 for P-521 (the same pairing as the
// certificate profiles' defaults).
std::string default_signature_algorithm(const EVP_PKEY* key);

}  // namespace kr::x509
