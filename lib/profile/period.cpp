// Calendar periods. Clamping to the month's end (rather than rolling over into the next month)
// keeps the limit at or before the naive date, so Feb 29 never buys an extra day of validity.
#include "profile/period.h"

#include <algorithm>
#include <vector>

namespace kr::profile {
namespace {

using namespace std::chrono;

UtcTime add_months(UtcTime t, long count) {
  sys_days day = floor<days>(t);
  year_month_day ymd{day};
  year_month target = year_month{ymd.year(), ymd.month()} + months{count};
  auto last = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
  return sys_days{target / std::min(ymd.day(), last)} + (t - day);
}

std::string plural(long n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

std::string join(const std::vector<std::string>& parts) {
  if (parts.empty()) return "0 seconds";
  std::string out = parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i)
    out += (i + 1 == parts.size() ? " and " : ", ") + parts[i];
  return out;
}

}  // namespace

UtcTime add_period(UtcTime t, const Period& p) {
  return add_months(t, 12L * p.years + p.months) + days{p.days};
}

std::string describe_period(const Period& p) {
  std::vector<std::string> parts;
  if (p.years) parts.push_back(plural(p.years, "year"));
  if (p.months) parts.push_back(plural(p.months, "month"));
  if (p.days) parts.push_back(plural(p.days, "day"));
  return join(parts);
}

std::string describe_span(UtcTime from, UtcTime to) {
  if (to < from) return "negative";
  // Whole months first: start from the year-month difference and step back while it overshoots.
  year_month_day a{floor<days>(from)}, b{floor<days>(to)};
  long months = (int(b.year()) - int(a.year())) * 12L +
                (long(unsigned(b.month())) - long(unsigned(a.month())));
  while (months > 0 && add_months(from, months) > to) --months;
  UtcTime base = add_months(from, months);
  auto rest = to - base;
  auto d = duration_cast<days>(rest);
  rest -= d;
  auto h = duration_cast<hours>(rest);
  rest -= h;
  auto m = duration_cast<minutes>(rest);
  rest -= m;
  std::vector<std::string> parts;
  if (months / 12) parts.push_back(plural(months / 12, "year"));
  if (months % 12) parts.push_back(plural(months % 12, "month"));
  if (d.count()) parts.push_back(plural(d.count(), "day"));
  if (h.count()) parts.push_back(plural(h.count(), "hour"));
  if (m.count()) parts.push_back(plural(m.count(), "minute"));
  if (rest.count()) parts.push_back(plural(rest.count(), "second"));
  return join(parts);
}

}  // namespace kr::profile
