// UTC instants as whole seconds, and their RFC 3339 text form ("2015-05-26T00:00:00Z").
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kr {

using UtcTime = std::chrono::sys_seconds;

// Strict: exactly YYYY-MM-DDTHH:MM:SSZ, a real calendar date, years 1950..9999.
std::optional<UtcTime> parse_utc(std::string_view text);
std::string format_utc(UtcTime t);
// Now, with fractional seconds dropped.
UtcTime utc_now();
// Now with milliseconds, for event records: "2026-11-22T23:45:51.123Z".
std::string format_utc_now_millis();

}  // namespace kr
