// What the RFC 5280 lint functions see, shared helpers, and the lint functions each table in
// rfc5280.cpp runs in order.
#pragma once

#include <openssl/x509v3.h>

#include <memory>
#include <optional>
#include <string>

#include "lint/sink.h"
#include "ossl/types.h"
#include "util/bytes.h"
#include "util/time.h"

namespace kr::lint::rfc {

using ossl::Owned;

struct CertContext {
  const X509* cert;
  const X509* issuer;  // nullptr unless given
  Sink& out;
};

struct CrlContext {
  const X509_CRL* crl;
  const X509_CRL* as_written;  // parsed again from the DER: entries in file order
  const X509* issuer;
  Sink& out;
};

// --- helpers (rfc5280_util.cpp) ---
std::string extension_name(const X509_EXTENSION* ext);
std::string octets_hex(const ASN1_STRING* s);
std::string integer_hex(const ASN1_INTEGER* i);  // "-01", "0a3f"
// DER content octets of an INTEGER (what RFC 5280's 20-octet limits count).
int integer_content_octets(const ASN1_INTEGER* i);
std::optional<UtcTime> read_time(const ASN1_TIME* t);
std::string time_text(const ASN1_TIME* t);  // RFC 3339 or the raw text when it does not parse
// The first extension with this NID in a list, or nullptr.
X509_EXTENSION* find_extension(const STACK_OF(X509_EXTENSION) * exts, int nid);
// Reports e_duplicate_extension-style findings for every repeated extension of a list.
void duplicate_extensions(const STACK_OF(X509_EXTENSION) * exts, Sink& out, const std::string& id,
                          const std::string& where, std::string_view same_as);
// The certificate's subjectKeyIdentifier as hex; empty when it has none.
std::string subject_key_id(const X509* cert);
bool is_ca(const X509* cert);  // basicConstraints cA TRUE
// Outer and inner AlgorithmIdentifier encodings of a signed object's DER (Certificate,
// CertificateList); false when the DER does not have that shape.
bool signature_algorithms_match(ByteView der, bool& match);

// --- names (rfc5280_names.cpp) ---
// The primary lint's ids for the name defects it checks itself (empty when it does not).
struct NameIds {
  std::string_view empty_value;
  std::string_view string_type;
  std::string_view country;
  std::string_view utf8;
};
inline constexpr NameIds kCertificateSubjectIds{"e_subject_empty_value", "e_subject_string_type",
                                                "e_country_not_two_letters",
                                                "e_subject_value_not_utf8"};
inline constexpr NameIds kCsrSubjectIds{"e_csr_subject_empty_value", "", "", ""};
// which: "subject", "issuer", "subjectAltName directoryName".
void check_name(const X509_NAME* name, const std::string& which, Sink& out, const NameIds& ids);
void cert_names(const CertContext& c);
void alt_names(const CertContext& c);

// --- certificate fields (rfc5280_fields.cpp) ---
void serial(const CertContext& c);
void version(const CertContext& c);
void signature_algorithm(const CertContext& c);
void validity(const CertContext& c);

// --- certificate extensions (rfc5280_extensions.cpp) ---
void extension_list(const CertContext& c);
void basic_constraints_and_key_usage(const CertContext& c);
void key_identifiers(const CertContext& c);
void name_constraints(const CertContext& c);
void criticality(const CertContext& c);
void unknown_critical_extensions(const CertContext& c);  // rfc5280_unknown_critical.cpp

// --- strict readings (rfc5280_strict.cpp) ---
void extension_der(const CertContext& c);
void policy_qualifiers(const CertContext& c);
void crl_distribution_points(const CertContext& c);
void end_entity(const CertContext& c);

// --- the issuing CA (rfc5280_issuer.cpp) ---
void certificate_issuer(const CertContext& c);
void crl_issuer(const CrlContext& c);

// --- CRLs (rfc5280_crl.cpp, rfc5280_crl_entries.cpp) ---
void crl_fields(const CrlContext& c);
void crl_signature_algorithm(const CrlContext& c, ByteView der);
void crl_extensions(const CrlContext& c);
void crl_entry_order(const CrlContext& c);
void crl_entries(const CrlContext& c);

}  // namespace kr::lint::rfc
