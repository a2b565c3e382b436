// Calendar arithmetic for validity limits, and validity lengths in words for messages
// ("25 years and 1 second").
#pragma once

#include <string>

#include "profile/profile.h"
#include "util/time.h"

namespace kr::profile {

// t + years and months with the day clamped to the end of the target month (so Feb 29 + 1 year is
// Feb 28 and Jan 31 + 1 month is Feb 28 or 29), then + days; the time of day is kept.
UtcTime add_period(UtcTime t, const Period& p);

// "25 years", "1 year, 2 months and 3 days".
std::string describe_period(const Period& p);

// The length from `from` to `to` (to >= from) as the largest whole years, then months (both by
// add_period), then days, hours, minutes and seconds: "25 years and 1 second", "0 seconds".
std::string describe_span(UtcTime from, UtcTime to);

}  // namespace kr::profile
