// CIDR text to and from nameConstraints' address-and-mask octets.
#include "x509/ip_range.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace kr::x509 {
namespace {

// Prefix length of a mask that is ones then zeros; -1 otherwise.
int prefix_of(ByteView mask) {
  int bits = 0;
  bool zeros = false;
  for (std::uint8_t octet : mask)
    for (int i = 7; i >= 0; --i) {
      bool one = (octet >> i) & 1;
      if (one && zeros) return -1;
      zeros |= !one;
      bits += one;
    }
  return bits;
}

}  // namespace

std::string ip_range_problem(std::string_view cidr) {
  auto slash = cidr.find('/');
  if (slash == cidr.npos) return "is not a range: write an address, '/', and a prefix length";
  std::string address(cidr.substr(0, slash));
  std::string_view prefix = cidr.substr(slash + 1);
  unsigned char octets[16];
  std::size_t size = 0;
  if (inet_pton(AF_INET, address.c_str(), octets) == 1)
    size = 4;
  else if (inet_pton(AF_INET6, address.c_str(), octets) == 1)
    size = 16;
  else
    return "does not start with an IPv4 or IPv6 address";
  int bits = -1;
  auto [end, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits);
  if (ec != std::errc() || end != prefix.data() + prefix.size() || prefix.empty() ||
      (prefix.size() > 1 && prefix[0] == '0') || bits < 0 || bits > static_cast<int>(size * 8))
    return "has no prefix length from 0 to " + std::to_string(size * 8) + " after the '/'";
  for (std::size_t i = 0; i < size; ++i) {
    int keep = std::max(0, std::min(8, bits - static_cast<int>(i * 8)));
    std::uint8_t mask = static_cast<std::uint8_t>(0xFF00 >> keep);
    if (octets[i] & ~mask) return "has address bits set beyond the /" + std::to_string(bits);
  }
  return {};
}

std::optional<Bytes> ip_range_octets(std::string_view cidr) {
  if (!ip_range_problem(cidr).empty()) return std::nullopt;
  auto slash = cidr.find('/');
  std::string address(cidr.substr(0, slash));
  unsigned char octets[16];
  std::size_t size = inet_pton(AF_INET, address.c_str(), octets) == 1 ? 4 : 16;
  if (size == 16) inet_pton(AF_INET6, address.c_str(), octets);
  int bits = 0;
  std::from_chars(cidr.data() + slash + 1, cidr.data() + cidr.size(), bits);
  Bytes out(octets, octets + size);
  for (std::size_t i = 0; i < size; ++i) {
    int keep = std::max(0, std::min(8, bits - static_cast<int>(i * 8)));
    out.push_back(static_cast<std::uint8_t>(0xFF00 >> keep));
  }
  return out;
}

std::string ip_range_text(ByteView octets) {
  if (octets.size() != 8 && octets.size() != 32) return {};
  std::size_t size = octets.size() / 2;
  int bits = prefix_of(octets.subspan(size));
  if (bits < 0) return {};
  char text[INET6_ADDRSTRLEN];
  if (!inet_ntop(size == 4 ? AF_INET : AF_INET6, octets.data(), text, sizeof text)) return {};
  return std::string(text) + "/" + std::to_string(bits);
}

}  // namespace kr::x509
