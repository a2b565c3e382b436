// Extended key usage purposes by the names profiles use, and dotted-OID helpers shared by the
// profile loader, the request check and the lint.
#pragma once

#include <openssl/asn1.h>

#include <optional>
#include <string>
#include <string_view>

namespace kr::x509 {

// "serverAuth" -> "1.3.6.1.5.5.7.3.1". Names: serverAuth, clientAuth, codeSigning,
// emailProtection, timeStamping, OCSPSigning (RFC 5280 4.2.1.12), documentSigning (RFC 9336),
// msDocumentSigning and msEncryptingFileSystem (Microsoft, the "Document Signing" and "Encrypting
// Filesystem" of CPS Appendix B), anyExtendedKeyUsage. nullopt for any other name.
std::optional<std::string> key_purpose_oid(std::string_view name);

// The name for a known OID, else the OID itself.
std::string key_purpose_name(std::string_view oid);

// True for a dotted OID OpenSSL accepts ("1.3.187.1"): at least two arcs, digits only.
bool is_dotted_oid(std::string_view text);

// The dotted form of an OID object ("(unreadable OID)" when it cannot be printed).
std::string dotted_oid(const ASN1_OBJECT* obj);

}  // namespace kr::x509
