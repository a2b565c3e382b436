// One deterministic generator for everything kr-testpki makes: keys, serials, ECDSA nonces,
// RSA-PSS salts and PKCS#12 salts and IVs. It is an OpenSSL RAND implementation installed, through
// a built-in provider, as the DRBG of a library context of its own, so every OpenSSL call made in
// that context draws from it and nothing else in the process does.
//
// Its output is AES-256-CTR keystream under SHA-256(seed || label), where the label names what is
// being made ("node/leaf-17/key"). A stream per label, selected per thread by RandomScope, is what
// keeps the output identical whichever worker thread makes which leaf: bytes never depend on
// scheduling, only on the seed and the label. A draw outside any scope fails (OpenSSL reports an
// error), so no randomness can come from anywhere else by accident.
#pragma once

#include <openssl/types.h>

#include <array>
#include <cstdint>
#include <string_view>

#include "util/bytes.h"

namespace kr::testpki {

using Seed = std::array<std::uint8_t, 32>;

// SHA-256 of the user's --seed text; or 32 bytes from the operating system's generator, which is
// what "without --seed, real randomness" means: the same DRBG construction, keyed unpredictably.
Seed seed_from_text(std::string_view text);
Seed random_seed();

class SeededLibrary {
 public:
  explicit SeededLibrary(const Seed& seed);
  ~SeededLibrary();
  SeededLibrary(const SeededLibrary&) = delete;
  SeededLibrary& operator=(const SeededLibrary&) = delete;

  OSSL_LIB_CTX* libctx() const { return libctx_; }
  const Seed& seed() const { return seed_; }

 private:
  void release();
  Seed seed_;
  OSSL_LIB_CTX* libctx_ = nullptr;
  OSSL_PROVIDER* default_provider_ = nullptr;
  OSSL_PROVIDER* seeded_provider_ = nullptr;
};

// Selects this thread's stream for the scope's lifetime. Scopes do not nest.
class RandomScope {
 public:
  RandomScope(const SeededLibrary& library, std::string_view label);
  ~RandomScope();
  RandomScope(const RandomScope&) = delete;
  RandomScope& operator=(const RandomScope&) = delete;
};

}  // namespace kr::testpki
