// Splitting and combining; every loop runs over public sizes and indices only.
#include "quorum/shamir.h"

#include <string>

#include "quorum/gf256.h"
#include "util/error.h"

namespace kr::quorum {
namespace {

void check_threshold(int m, int n) {
  if (m < 2)
    throw Error("a quorum needs at least 2 shares to recover the secret (m = " + std::to_string(m) +
                ")");
  if (n > 255)
    throw Error("at most 255 shares are possible in GF(2^8) (n = " + std::to_string(n) + ")");
  if (m > n)
    throw Error("the threshold m = " + std::to_string(m) +
                " is larger than the number of shares n = " + std::to_string(n));
}

}  // namespace

std::vector<Share> split_with_coefficients(const Secret& secret, int m, int n,
                                           const std::vector<Secret>& coefficients) {
  check_threshold(m, n);
  if (secret.empty()) throw Error("cannot split an empty secret");
  if (coefficients.size() != static_cast<std::size_t>(m - 1))
    throw Error("splitting " + std::to_string(m) + "-of-" + std::to_string(n) + " needs " +
                std::to_string(m - 1) + " rows of coefficients");
  for (const auto& row : coefficients)
    if (row.size() != secret.size())
      throw Error("every row of coefficients must be as long as the secret");

  std::vector<Share> shares;
  shares.reserve(static_cast<std::size_t>(n));
  for (int i = 1; i <= n; ++i) {
    Share share;
    share.index = static_cast<std::uint8_t>(i);
    for (std::size_t pos = 0; pos < secret.size(); ++pos) {
      // Horner's rule from the highest coefficient down to the secret.
      std::uint8_t y = 0;
      for (std::size_t k = coefficients.size(); k-- > 0;)
        y = gf256::add(gf256::mul(y, share.index), coefficients[k].data()[pos]);
      y = gf256::add(gf256::mul(y, share.index), secret.data()[pos]);
      share.value.push_back(y);
    }
    shares.push_back(std::move(share));
  }
  return shares;
}

std::vector<Share> split(const Secret& secret, int m, int n) {
  check_threshold(m, n);
  std::vector<Secret> coefficients;
  for (int k = 1; k < m; ++k) {
    coefficients.emplace_back(secret.size(), Secret::Fill::random);
  }
  return split_with_coefficients(secret, m, n, coefficients);
}

Secret combine(const std::vector<Share>& shares) {
  if (shares.empty()) throw Error("no shares to combine");
  const std::size_t size = shares.front().value.size();
  for (std::size_t i = 0; i < shares.size(); ++i) {
    if (shares[i].index == 0) throw Error("share index 0 is not a valid share");
    if (shares[i].value.size() != size)
      throw Error("shares " + std::to_string(shares.front().index) + " and " +
                  std::to_string(shares[i].index) + " differ in length");
    for (std::size_t j = 0; j < i; ++j)
      if (shares[j].index == shares[i].index)
        throw Error("share index " + std::to_string(shares[i].index) + " is given twice");
  }
  Secret secret(size, Secret::Fill::zeros);
  for (std::size_t i = 0; i < shares.size(); ++i) {
    // Lagrange basis polynomial at 0: prod x_j / (x_j - x_i); subtraction is xor in GF(2^8).
    std::uint8_t basis = 1;
    for (std::size_t j = 0; j < shares.size(); ++j) {
      if (j == i) continue;
      basis = gf256::mul(basis, gf256::div(shares[j].index, shares[j].index ^ shares[i].index));
    }
    for (std::size_t pos = 0; pos < size; ++pos)
      secret.data()[pos] ^= gf256::mul(basis, shares[i].value.data()[pos]);
  }
  return secret;
}

}  // namespace kr::quorum
