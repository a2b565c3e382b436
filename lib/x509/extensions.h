// Writing a profile's extensions into a certificate, and the RFC 5280 method-1 key identifier
// that both the builder and the lint compute.
#pragma once

#include <openssl/x509.h>

#include <span>

#include "util/bytes.h"
#include "x509/extension_spec.h"

namespace kr::x509 {

// SHA-1 of the subjectPublicKey BIT STRING value (without tag, length and unused-bits octet).
// Empty when the certificate has no readable public key.
Bytes key_identifier_sha1(const X509* cert);
Bytes key_identifier_sha1(const EVP_PKEY* key);
// The identifier `method` makes of the same bytes (extension_spec.h). Empty when unreadable.
Bytes key_identifier(const X509* cert, KeyIdMethod method);
Bytes key_identifier(const EVP_PKEY* key, KeyIdMethod method);

// Appends the extensions in order to a certificate whose public key is already set.
// issuer_key_id feeds authorityKeyIdentifier; throws kr::Error if that is asked for and empty.
// subject_key_id, when not empty, is written as the subjectKeyIdentifier instead of the value the
// spec's method makes (a cross-certificate keeps the existing certificate's identifier). A
// subjectAltName without names is left out when its spec is optional and refused otherwise.
void add_extensions(X509* cert, std::span<const ExtensionSpec> specs, ByteView issuer_key_id,
                    ByteView subject_key_id = {});

}  // namespace kr::x509
