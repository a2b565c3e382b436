// Calendar validity limits and the words used for validity lengths.
#include "profile/period.h"

#include <doctest/doctest.h>

using namespace kr;
using profile::Period;

namespace {
UtcTime t(const char* text) {
  return *parse_utc(text);
}
}  // namespace

TEST_SUITE("profile::period") {
  TEST_CASE("years keep the date and time of day") {
    CHECK(format_utc(profile::add_period(t("2015-05-26T00:00:00Z"), {25, 0, 0})) ==
          "2040-05-26T00:00:00Z");
    CHECK(format_utc(profile::add_period(t("2025-12-31T23:59:59Z"), {25, 0, 0})) ==
          "2050-12-31T23:59:59Z");
  }

  TEST_CASE("Feb 29 clamps to Feb 28 in a common year and stays in a leap year") {
    CHECK(format_utc(profile::add_period(t("2024-02-29T12:00:00Z"), {25, 0, 0})) ==
          "2049-02-28T12:00:00Z");
    CHECK(format_utc(profile::add_period(t("2024-02-29T12:00:00Z"), {4, 0, 0})) ==
          "2028-02-29T12:00:00Z");
    CHECK(format_utc(profile::add_period(t("2025-01-31T00:00:00Z"), {0, 1, 0})) ==
          "2025-02-28T00:00:00Z");
    CHECK(format_utc(profile::add_period(t("2025-01-31T00:00:00Z"), {0, 1, 1})) ==
          "2025-03-01T00:00:00Z");
  }

  TEST_CASE("spans in words") {
    CHECK(profile::describe_span(t("2015-05-26T00:00:00Z"), t("2040-05-26T00:00:00Z")) ==
          "25 years");
    CHECK(profile::describe_span(t("2015-05-26T00:00:00Z"), t("2040-05-26T00:00:01Z")) ==
          "25 years and 1 second");
    CHECK(profile::describe_span(t("2015-05-26T00:00:00Z"), t("2038-01-17T00:00:00Z")) ==
          "22 years, 7 months and 22 days");
    CHECK(profile::describe_span(t("2015-05-26T00:00:00Z"), t("2016-05-27T01:02:03Z")) ==
          "1 year, 1 day, 1 hour, 2 minutes and 3 seconds");
    CHECK(profile::describe_span(t("2024-02-29T00:00:00Z"), t("2049-03-01T00:00:00Z")) ==
          "25 years and 1 day");
    CHECK(profile::describe_span(t("2015-05-26T00:00:00Z"), t("2015-05-26T00:00:00Z")) ==
          "0 seconds");
    // The clock side of the boundary: one second short of 25 years is 24 years and 11 months and
    // more.
    CHECK(profile::describe_span(t("2015-05-26T00:00:00Z"), t("2040-05-25T23:59:59Z")) ==
          "24 years, 11 months, 29 days, 23 hours, 59 minutes and 59 seconds");
  }

  TEST_CASE("periods in words") {
    CHECK(profile::describe_period({25, 0, 0}) == "25 years");
    CHECK(profile::describe_period({1, 2, 3}) == "1 year, 2 months and 3 days");
    CHECK(profile::describe_period({0, 39, 0}) == "39 months");
  }
}
