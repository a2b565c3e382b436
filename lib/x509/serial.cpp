// Serial generation and encoding. RAND_priv_bytes draws from the DRBG instance OpenSSL keeps for
// secret values, so a serial never shares output with nonces an observer might see.
#include "x509/serial.h"

#include <openssl/bn.h>
#include <openssl/rand.h>

#include <algorithm>

#include "ossl/error.h"
#include "util/error.h"

namespace kr::x509 {

Bytes random_serial() {
  Bytes serial(16);
  for (;;) {
    ossl::check(RAND_priv_bytes(serial.data(), static_cast<int>(serial.size())), "RAND_priv_bytes");
    serial[0] &= 0x7F;
    if (std::any_of(serial.begin(), serial.end(), [](auto b) { return b != 0; })) return serial;
  }
}

ossl::Asn1IntegerPtr serial_to_asn1(ByteView serial) {
  if (serial.empty()) throw Error("serial number is empty");
  if (serial.size() > 20) throw Error("serial number is longer than 20 octets");
  if (serial[0] & 0x80) throw Error("serial number has its top bit set; it must be positive");
  if (std::all_of(serial.begin(), serial.end(), [](auto b) { return b == 0; }))
    throw Error("serial number is zero; it must be positive");
  ossl::BignumPtr bn(BN_bin2bn(serial.data(), static_cast<int>(serial.size()), nullptr));
  if (!bn) ossl::throw_error("BN_bin2bn");
  ossl::Asn1IntegerPtr out(BN_to_ASN1_INTEGER(bn.get(), nullptr));
  if (!out) ossl::throw_error("BN_to_ASN1_INTEGER");
  return out;
}

std::string serial_hex(const ASN1_INTEGER* serial) {
  if (!serial) return "(none)";
  std::string hex = to_hex(ByteView(ASN1_STRING_get0_data(serial),
                                    static_cast<std::size_t>(ASN1_STRING_length(serial))));
  if (hex.empty()) hex = "00";
  return ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER ? "-" + hex : hex;
}

}  // namespace kr::x509
