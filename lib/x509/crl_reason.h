// RFC 5280 5.3.1 CRLReason values by their RFC names, shared by the CRL builder, the CRL profile
// and the lints (CRL and OCSP).
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace kr::x509 {

// The ASN.1 enumeration values; 7 is unused by RFC 5280.
enum class CrlReason : int {
  unspecified = 0,
  key_compromise = 1,
  ca_compromise = 2,
  affiliation_changed = 3,
  superseded = 4,
  cessation_of_operation = 5,
  certificate_hold = 6,
  remove_from_crl = 8,
  privilege_withdrawn = 9,
  aa_compromise = 10,
};

// Every value, in enumeration order.
std::span<const CrlReason> crl_reasons();

// "keyCompromise", "cACompromise", "certificateHold", "aACompromise", ...
std::string_view crl_reason_name(CrlReason reason);
// nullopt when the name is not an RFC 5280 CRLReason name.
std::optional<CrlReason> crl_reason_from_name(std::string_view name);
// nullopt when the ASN.1 value is not a CRLReason (7, negative, > 10).
std::optional<CrlReason> crl_reason_from_value(long value);

}  // namespace kr::x509
