// Internal to lib/x509: the OpenSSL structures for the extension kinds that carry names, URLs and
// OIDs (extensions.cpp handles the key-related kinds). Each returns a complete X509_EXTENSION
// encoded by OpenSSL, or throws kr::Error naming the value it could not encode.
#pragma once

#include "ossl/types.h"
#include "x509/extension_spec.h"

namespace kr::x509::detail {

ossl::X509ExtensionPtr certificate_policies(const CertificatePolicies& v, bool critical);
ossl::X509ExtensionPtr authority_info_access(const AuthorityInfoAccess& v, bool critical);
ossl::X509ExtensionPtr crl_distribution_points(const CrlDistributionPoints& v, bool critical);
ossl::X509ExtensionPtr extended_key_usage(const ExtendedKeyUsage& v, bool critical);
ossl::X509ExtensionPtr ocsp_no_check(bool critical);
// nullptr when the spec has no names (the caller decides whether that is allowed).
ossl::X509ExtensionPtr subject_alt_name(const SubjectAltName& v, bool critical);
// name_constraints.cpp; throws when both sides are empty or a range or name does not encode.
ossl::X509ExtensionPtr name_constraints(const NameConstraints& v, bool critical);

}  // namespace kr::x509::detail
