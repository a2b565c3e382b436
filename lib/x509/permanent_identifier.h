// RFC 4043's PermanentIdentifier, the code-signing subjectAltName otherName (CPS Appendix B),
// encoded and decoded by an OpenSSL ASN.1 template instead of hand-assembled bytes.
#pragma once

#include <optional>
#include <string>

#include "ossl/types.h"
#include "util/bytes.h"

namespace kr::x509 {

inline constexpr const char* kPermanentIdentifierOid = "1.3.6.1.5.5.7.8.3";

// PermanentIdentifier ::= SEQUENCE { identifierValue UTF8String OPTIONAL,
//                                    assigner OBJECT IDENTIFIER OPTIONAL }
struct PermanentIdentifier {
  std::optional<std::string> value;
  std::optional<std::string> assigner;  // dotted OID
};

// The otherName's value: [0] EXPLICIT PermanentIdentifier { identifierValue } (no assigner).
// The caller owns the returned ASN1_TYPE.
ASN1_TYPE* permanent_identifier_value(const std::string& value);

// Strict: the DER of one PermanentIdentifier, every byte used, re-encoding to the same bytes;
// nullopt otherwise (and OpenSSL's error queue emptied).
std::optional<PermanentIdentifier> decode_permanent_identifier(ByteView der);

}  // namespace kr::x509
