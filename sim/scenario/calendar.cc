// Civil dates for the calendar of a scenario.
#include <cstdint>

#include "ccsim/scenario.h"

namespace ccsim {

namespace {

// Days since 1970-01-01 of a civil date. Shifting the year to start in
// March puts the leap day at the end, so each 400-year era has the same
// layout: 146097 days.
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;      // [0, 399]
  const int64_t month_from_march = (m + 9) % 12;  // March = 0
  const int64_t day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
                             year_of_era / 100 + day_of_year;  // [0, 146096]
  return era * 146097 + day_of_era - 719468;
}

Date CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t month_from_march = (5 * day_of_year + 2) / 153;
  const int day =
      static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const int month = static_cast<int>(
      month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const int year =
      static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return Date{.year = year, .month = month, .day = day};
}

}  // namespace

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  const int64_t days = DaysFromCivil(year, month, day);
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

Date Date::plus_days(int64_t days) const {
  return CivilFromDays(DaysFromCivil(year, month, day) + days);
}

int64_t Date::days_since_epoch() const {
  return DaysFromCivil(year, month, day);
}

Date Date::FromDaysSinceEpoch(int64_t days) { return CivilFromDays(days); }

bool CalendarSpec::always_open() const {
  for (const OpeningHours& h : hours) {
    if (h.open != Time::Zero() || h.close != Time::Days(1)) return false;
  }
  return true;
}

}  // namespace ccsim
