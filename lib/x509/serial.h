// Certificate serial numbers: positive, at most 20 octets (RFC 5280 4.1.2.2), and unpredictable.
#pragma once

#include <openssl/asn1.h>

#include <string>

#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::x509 {

// 16 octets from OpenSSL's CSPRNG with the top bit cleared: always positive, 127 random bits
// (well over the 64 the CA/B Forum asks for), and never more than 16 content octets in DER.
Bytes random_serial();

// Big-endian magnitude to INTEGER; throws kr::Error when empty, zero, longer than 20 octets, or
// when its top bit is set (the caller meant a positive number but would get a 21st octet or, with
// a careless encoder, a negative one).
ossl::Asn1IntegerPtr serial_to_asn1(ByteView serial);

// Lower-case hex of the INTEGER's magnitude, with a leading '-' when negative.
std::string serial_hex(const ASN1_INTEGER* serial);

}  // namespace kr::x509
