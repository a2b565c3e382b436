// Arithmetic in GF(2^8) with the field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11d), the one
// Debian's libgfshare uses, so its gfsplit/gfcombine can cross-check our shares. Constant time:
// no branch and no table lookup depends on an operand, since the operands are secret share bytes.
#pragma once

#include <cstdint>

namespace kr::quorum::gf256 {

constexpr unsigned kPolynomial = 0x11d;

constexpr std::uint8_t add(std::uint8_t a, std::uint8_t b) {
  return a ^ b;
}

// Shift-and-add multiplication; every step runs, masks stand in for the branches.
constexpr std::uint8_t mul(std::uint8_t a, std::uint8_t b) {
  unsigned x = a;
  unsigned y = b;
  unsigned product = 0;
  for (int bit = 0; bit < 8; ++bit) {
    product ^= x & (0u - (y & 1u));
    y >>= 1;
    unsigned carry = 0u - ((x >> 7) & 1u);
    x = ((x << 1) ^ (carry & kPolynomial)) & 0xffu;
  }
  return static_cast<std::uint8_t>(product);
}

// a^254 = a^-1 for a != 0 (the multiplicative group has order 255); inv(0) = 0. A fixed chain
// of squarings and multiplications, so the time does not depend on a.
constexpr std::uint8_t inv(std::uint8_t a) {
  std::uint8_t a2 = mul(a, a);          // a^2
  std::uint8_t a3 = mul(a2, a);         // a^3
  std::uint8_t a6 = mul(a3, a3);        // a^6
  std::uint8_t a12 = mul(a6, a6);       // a^12
  std::uint8_t a15 = mul(a12, a3);      // a^15
  std::uint8_t a30 = mul(a15, a15);     // a^30
  std::uint8_t a60 = mul(a30, a30);     // a^60
  std::uint8_t a120 = mul(a60, a60);    // a^120
  std::uint8_t a240 = mul(a120, a120);  // a^240
  std::uint8_t a252 = mul(a240, a12);   // a^252
  return mul(a252, a2);                 // a^254
}

constexpr std::uint8_t div(std::uint8_t a, std::uint8_t b) {
  return mul(a, inv(b));
}

}  // namespace kr::quorum::gf256
