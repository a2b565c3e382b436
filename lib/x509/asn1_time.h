// UtcTime <-> ASN1_TIME, with the RFC 5280 4.1.2.5 rule: UTCTime through 2049, GeneralizedTime
// from 2050, always whole seconds in "Z".
#pragma once

#include <openssl/asn1.h>

#include <optional>
#include <string>

#include "ossl/types.h"
#include "util/time.h"

namespace kr::x509 {

ossl::Asn1TimePtr to_asn1_time(UtcTime t);

// nullopt when the value is not a time OpenSSL can read.
std::optional<UtcTime> from_asn1_time(const ASN1_TIME* t);
// format_utc of the time, or "(unreadable time)".
std::string asn1_time_text(const ASN1_TIME* t);

// Empty when the encoding is what RFC 5280 requires for its value; otherwise why not
// ("UTCTime 491231235959Z"-style text is fine; "GeneralizedTime for a date before 2050" is not).
std::string time_encoding_problem(const ASN1_TIME* t);

}  // namespace kr::x509
