// Distinguished names as keyrite writes them: an ordered list of (short name, UTF-8 value), one
// attribute per RDN (CPS Appendix B). countryName, jurisdictionCountryName and serialNumber are
// PrintableString (X.520 defines them so); every other attribute is UTF8String (RFC 5280 4.1.2.4:
// new certificates SHOULD use UTF8String). The EV attributes (businessCategory, serialNumber, the
// jurisdiction names) are those of the CA/B Forum EV Guidelines 9.2.
#pragma once

#include <openssl/x509.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ossl/types.h"

namespace kr::x509 {

// Same shape as kr::script::DistinguishedName, so a script's subject passes straight through.
using DistinguishedName = std::vector<std::pair<std::string, std::string>>;

// The attribute types keyrite writes, with RFC 5280 Appendix A upper bounds (in characters).
struct AttributeType {
  std::string_view short_name;  // "CN"
  std::string_view long_name;   // "commonName"
  int nid;
  int max_length;
  bool printable;  // PrintableString rather than UTF8String
};
// nullptr when short_name is not one keyrite writes (attribute_type_names()).
const AttributeType* find_attribute_type(std::string_view short_name);
// "C, ST, L, O, OU, CN, serialNumber, ...": every short name keyrite writes, for messages.
std::string attribute_type_names();

// Throws kr::Error naming the attribute when a type is unknown, a value is empty, too long, not
// UTF-8, or C is not a PrintableString. `printable` names attributes (short names) written as
// PrintableString instead of UTF8String, so a name can have the same bytes as an existing one;
// a value PrintableString cannot hold is refused, never converted.
ossl::X509NamePtr build_name(const DistinguishedName& dn,
                             const std::vector<std::string>& printable = {});

// The name's attributes in order, values as UTF-8; unknown types appear by dotted OID. Values that
// cannot be converted read as "". Never throws for odd input (certificates from the wild).
DistinguishedName read_name(const X509_NAME* name);

// "C = US, O = Amazon, CN = Amazon Root CA 1", the form openssl prints.
std::string name_text(const X509_NAME* name);

}  // namespace kr::x509
