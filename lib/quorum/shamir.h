// Shamir's secret sharing over GF(2^8), byte by byte (as libgfshare does): the secret is the
// constant term of a random polynomial of degree m-1 and share i is its value at x = i.
// Any m shares give the secret back by Lagrange interpolation at 0; m-1 shares say nothing of it.
#pragma once

#include <cstdint>
#include <vector>

#include "util/secret.h"

namespace kr::quorum {

struct Share {
  std::uint8_t index = 0;  // the x coordinate, 1..255; 0 would be the secret itself
  Secret value;            // as long as the secret
};

// Splits `secret` into n shares with indices 1..n, any m of which recover it.
// Requires 2 <= m <= n <= 255 and a non-empty secret. Coefficients come from RAND_priv_bytes.
std::vector<Share> split(const Secret& secret, int m, int n);

// The same with given coefficients, for known-answer tests: coefficients[k] holds, for every
// byte position, the coefficient of x^(k+1); there must be exactly m-1 rows, each as long as
// the secret.
std::vector<Share> split_with_coefficients(const Secret& secret, int m, int n,
                                           const std::vector<Secret>& coefficients);

// Interpolates at x = 0. Refuses an empty list, index 0, duplicate indices and shares of unequal
// length. It cannot tell whether the shares are enough or belong together: callers check that
// (quorum/unlock.h compares the result with the descriptor's secret-check).
Secret combine(const std::vector<Share>& shares);

}  // namespace kr::quorum
