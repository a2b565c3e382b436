// IP address ranges as nameConstraints write them (RFC 5280 4.2.1.10): the address followed by the
// mask, 8 octets for IPv4 and 32 for IPv6. Text is CIDR: "192.0.2.0/24", "2001:db8::/32".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/bytes.h"

namespace kr::x509 {

// The octets of a CIDR range, or nullopt when the text is not an address, "/", and a prefix length
// no longer than the address, or when the address has bits set beyond the prefix ("192.0.2.1/24"
// is refused: the range would not say what was meant).
std::optional<Bytes> ip_range_octets(std::string_view cidr);
// What is wrong with the text, or "" when ip_range_octets accepts it.
std::string ip_range_problem(std::string_view cidr);
// The CIDR text of 8 or 32 octets; "" for any other length or a mask that is not a prefix.
std::string ip_range_text(ByteView octets);

}  // namespace kr::x509
