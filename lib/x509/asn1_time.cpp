// ASN1_TIME conversions. ASN1_TIME_set already picks UTCTime for 1950-2049 and GeneralizedTime
// otherwise; the checks here exist for certificates that were not made by us.
#include "x509/asn1_time.h"

#include <ctime>

#include "ossl/error.h"

namespace kr::x509 {

ossl::Asn1TimePtr to_asn1_time(UtcTime t) {
  ossl::Asn1TimePtr out(ASN1_TIME_set(nullptr, static_cast<time_t>(t.time_since_epoch().count())));
  if (!out) ossl::throw_error("encoding time " + format_utc(t));
  return out;
}

std::string asn1_time_text(const ASN1_TIME* t) {
  auto value = from_asn1_time(t);
  return value ? format_utc(*value) : "(unreadable time)";
}

std::optional<UtcTime> from_asn1_time(const ASN1_TIME* t) {
  if (!t || ASN1_TIME_check(t) != 1) {
    ossl::drain_errors();
    return std::nullopt;
  }
  std::tm tm{};
  if (ASN1_TIME_to_tm(t, &tm) != 1) {
    ossl::drain_errors();
    return std::nullopt;
  }
  using namespace std::chrono;
  year_month_day ymd{year{tm.tm_year + 1900}, month{static_cast<unsigned>(tm.tm_mon + 1)},
                     day{static_cast<unsigned>(tm.tm_mday)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd} + hours{tm.tm_hour} + minutes{tm.tm_min} + seconds{tm.tm_sec};
}

std::string time_encoding_problem(const ASN1_TIME* t) {
  if (!t) return "the time is missing";
  auto value = from_asn1_time(t);
  if (!value) return "the time does not parse";
  int type = ASN1_STRING_type(t);
  int length = ASN1_STRING_length(t);
  const unsigned char* data = ASN1_STRING_get0_data(t);
  int year = int(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*value)}.year());
  bool utc_era = year >= 1950 && year <= 2049;
  if (type == V_ASN1_UTCTIME) {
    if (!utc_era) return "UTCTime used for a date outside 1950-2049";
    if (length != 13 || data[12] != 'Z') return "UTCTime is not of the form YYMMDDHHMMSSZ";
  } else if (type == V_ASN1_GENERALIZEDTIME) {
    if (utc_era) return "GeneralizedTime used for a date before 2050";
    if (length != 15 || data[14] != 'Z')
      return "GeneralizedTime is not of the form YYYYMMDDHHMMSSZ";
  } else {
    return "the time is neither UTCTime nor GeneralizedTime";
  }
  return {};
}

}  // namespace kr::x509
