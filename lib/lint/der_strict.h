// A strict DER reader for extension values: X.690 section 10 (DER) as RFC 5280 4.1 demands of a
// certificate. OpenSSL decodes extensions leniently (its d2i stops after the first structure and
// ignores what follows, and it accepts several BER forms), so a value OpenSSL reads can still be
// malformed; this walker finds what it lets through. It knows the universal types, not the
// extension's ASN.1 module: structure per extension stays with the decoders.
#pragma once

#include <string>
#include <vector>

#include "util/bytes.h"

namespace kr::lint {

struct DerProblem {
  // "malformed": not one complete TLV (truncated, or bytes left over); "not-der": a BER form DER
  // forbids (the value still decodes).
  enum class Kind { malformed, not_der } kind;
  std::string message;  // "1 octet follows the value's structure at offset 4"
};

// Every problem in `value`, which must be exactly one TLV. Offsets count from the value's start.
// Checked: tag and length forms (high-tag form only for tags >= 31, definite minimal lengths),
// constructed contents made of whole TLVs, BOOLEAN 00/FF, INTEGER and ENUMERATED minimal, BIT
// STRING unused bits (at most 7, zero padding, none in an empty string), NULL empty, OBJECT
// IDENTIFIER subidentifiers minimal, no constructed string types, SET elements in ascending order
// of their encodings (X.690 11.6), UTF8String valid UTF-8, PrintableString and IA5String in their
// character sets. Nesting deeper than 32 levels is reported, never followed.
std::vector<DerProblem> strict_der_problems(ByteView value);

}  // namespace kr::lint
