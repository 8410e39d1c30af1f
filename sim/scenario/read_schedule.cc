// Readers for the calendar (start date, opening hours), the day factors of
// arrivals and the shifts of agent groups.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"

namespace ccsim::scenario_internal {
namespace {

constexpr std::string_view kHoursExample =
    "opening hours \"HH:MM-HH:MM\" (e.g. \"08:00-20:00\") or closed";

// "closed" or "HH:MM-HH:MM" with the opening before the closing time.
absl::StatusOr<OpeningHours> ReadOpeningHours(const YamlValue& v) {
  const std::string text = v.raw();
  if (v.is_scalar() && text == "closed") {
    return OpeningHours{.open = Time::Zero(), .close = Time::Zero()};
  }
  const size_t dash = text.find('-');
  std::optional<Time> open, close;
  if (v.is_scalar() && dash != std::string::npos) {
    open = ParseTimeOfDay(std::string_view(text).substr(0, dash), false);
    close = ParseTimeOfDay(std::string_view(text).substr(dash + 1), true);
  }
  if (!open.has_value() || !close.has_value()) {
    return v.Expected(kHoursExample);
  }
  if (*open >= *close) {
    return v.Error(fmt::format(
        "expected the opening time before the closing time (hours past "
        "midnight are not supported: split them over two days), got {}",
        text));
  }
  return OpeningHours{.open = *open, .close = *close};
}

// A map of weekday or month names to factors >= 0, or a sequence of one
// factor each; `names` are the keys in order.
template <size_t N>
absl::StatusOr<std::array<double, N>> ReadNamedFactors(
    const YamlValue& v, const std::vector<std::string>& names,
    std::string_view what, std::string_view example, std::string_view per) {
  std::array<double, N> out;
  out.fill(1.0);
  if (v.is_sequence()) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<double> list, ReadWeights(v, N, per));
    std::copy(list.begin(), list.end(), out.begin());
    return out;
  }
  if (!v.is_map()) {
    return v.Expected(fmt::format(
        "a map of {} names to factors such as {}, or a sequence of {} "
        "factors ({})",
        what, example, N, per));
  }
  CCSIM_ASSIGN_OR_RETURN(YamlMap m, v.AsMap(names));
  for (const YamlMap::Entry& e : m.entries()) {
    const size_t i = static_cast<size_t>(
        std::find(names.begin(), names.end(), e.key) - names.begin());
    CCSIM_ASSIGN_OR_RETURN(out[i], e.value.NonNegativeNumber());
  }
  return out;
}

// `days` of a day_of_month range: a day or "A-B".
absl::StatusOr<std::pair<int, int>> ReadDayRange(const YamlValue& v) {
  const std::string text = v.raw();
  auto day = [](std::string_view s) -> int {
    if (s.empty() || s.size() > 2) return -1;
    int d = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return -1;
      d = d * 10 + (c - '0');
    }
    return d >= 1 && d <= 31 ? d : -1;
  };
  int first = -1, last = -1;
  if (v.is_scalar()) {
    const size_t dash = text.find('-');
    if (dash == std::string::npos) {
      first = last = day(text);
    } else {
      first = day(std::string_view(text).substr(0, dash));
      last = day(std::string_view(text).substr(dash + 1));
    }
  }
  if (first < 0 || last < 0) {
    return v.Expected(
        "a day of the month (1 to 31) or a range of days such as 16-31");
  }
  if (first > last) {
    return v.Error(fmt::format(
        "expected a range whose first day is not after its last, got {}",
        text));
  }
  return std::make_pair(first, last);
}

// One break of a shift that starts at `start` and lasts `length`.
absl::StatusOr<BreakSpec> ReadBreak(const YamlValue& v, Time start,
                                    Time length) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m, v.AsMap({"earliest", "latest", "duration"},
                         "a break map such as {earliest: \"10:00\", latest: "
                         "\"11:00\", duration: 15m}"));
  for (const char* key : {"earliest", "latest", "duration"}) {
    CCSIM_RETURN_IF_ERROR(m.Require(key).status());
  }
  // Offsets from the shift start, so that breaks after midnight work.
  auto offset = [&](Time clock) { return (clock - start) % Time::Days(1); };
  const YamlValue earliest_value = *m.Find("earliest");
  const YamlValue latest_value = *m.Find("latest");
  const YamlValue duration_value = *m.Find("duration");
  CCSIM_ASSIGN_OR_RETURN(Time earliest, ReadTimeOfDay(earliest_value, false));
  CCSIM_ASSIGN_OR_RETURN(Time latest, ReadTimeOfDay(latest_value, false));
  CCSIM_ASSIGN_OR_RETURN(Time duration, ReadPositiveDuration(duration_value));
  BreakSpec b{.earliest = offset(earliest),
              .latest = offset(latest),
              .duration = duration};
  if (b.earliest >= length) {
    return earliest_value.Error(fmt::format(
        "expected a time within the shift ({} to {}), got {}",
        FormatClock(start), FormatClock(start + length), earliest_value.raw()));
  }
  if (b.latest < b.earliest) {
    return latest_value.Error(fmt::format(
        "expected a time not before earliest ({}) within the shift ({} to "
        "{}), got {}",
        earliest_value.raw(), FormatClock(start), FormatClock(start + length),
        latest_value.raw()));
  }
  if (b.latest + b.duration > length) {
    return duration_value.Error(fmt::format(
        "expected the break to end within the shift ({} to {}), but a break "
        "of {} taken at latest ({}) ends at {}",
        FormatClock(start), FormatClock(start + length), duration_value.raw(),
        latest_value.raw(), FormatClock(start + b.latest + b.duration)));
  }
  return b;
}

absl::StatusOr<ShiftSpec> ReadShift(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(
      YamlMap m,
      v.AsMap({"start", "end", "agents", "days", "breaks"},
              "a shift map such as {start: \"08:00\", end: \"16:30\", "
              "agents: 10}"));
  for (const char* key : {"start", "end", "agents"}) {
    CCSIM_RETURN_IF_ERROR(m.Require(key).status());
  }
  ShiftSpec shift;
  CCSIM_ASSIGN_OR_RETURN(shift.start, ReadTimeOfDay(*m.Find("start"), false));
  CCSIM_ASSIGN_OR_RETURN(Time end, ReadTimeOfDay(*m.Find("end"), true));
  // An end at or before the start is on the next day.
  shift.length =
      end > shift.start ? end - shift.start : end + Time::Days(1) - shift.start;
  CCSIM_ASSIGN_OR_RETURN(int64_t agents,
                         m.Find("agents")->Integer(0, kMaxAgentsPerInterval));
  shift.agents = static_cast<int>(agents);
  if (std::optional<YamlValue> days = m.Find("days")) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<int> listed,
                           ReadReferences(*days, WeekdayNames(), "weekday"));
    shift.weekdays.fill(false);
    for (int d : listed) shift.weekdays[d] = true;
  }
  if (std::optional<YamlValue> breaks = m.Find("breaks")) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                           breaks->Sequence("breaks"));
    for (const YamlValue& e : entries) {
      CCSIM_ASSIGN_OR_RETURN(BreakSpec b,
                             ReadBreak(e, shift.start, shift.length));
      shift.breaks.push_back(b);
    }
    std::stable_sort(shift.breaks.begin(), shift.breaks.end(),
                     [](const BreakSpec& a, const BreakSpec& b) {
                       return a.earliest < b.earliest;
                     });
  }
  return shift;
}

}  // namespace

absl::StatusOr<CalendarSpec> ReadCalendar(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(YamlMap m,
                         v.AsMap({"start_date", "opening_hours"},
                                 "a calendar map such as {start_date: "
                                 "2026-07-01}"));
  CalendarSpec calendar;
  if (std::optional<YamlValue> d = m.Find("start_date")) {
    CCSIM_ASSIGN_OR_RETURN(calendar.start_date, ReadDate(*d));
  }
  if (std::optional<YamlValue> h = m.Find("opening_hours")) {
    std::vector<std::string> keys = {"default"};
    for (const std::string& day : WeekdayNames()) keys.push_back(day);
    CCSIM_ASSIGN_OR_RETURN(YamlMap hours,
                           h->AsMap(keys,
                                    "a map of weekday names (or default) to "
                                    "opening hours such as {default: "
                                    "\"08:00-20:00\", sunday: closed}"));
    if (std::optional<YamlValue> d = hours.Find("default")) {
      CCSIM_ASSIGN_OR_RETURN(OpeningHours all, ReadOpeningHours(*d));
      calendar.hours.fill(all);
    }
    for (size_t day = 0; day < 7; ++day) {
      if (std::optional<YamlValue> d = hours.Find(WeekdayNames()[day])) {
        CCSIM_ASSIGN_OR_RETURN(calendar.hours[day], ReadOpeningHours(*d));
      }
    }
  }
  return calendar;
}

absl::StatusOr<std::array<double, 7>> ReadWeekdayFactors(const YamlValue& v) {
  return ReadNamedFactors<7>(v, WeekdayNames(), "weekday",
                             "{saturday: 0.6, sunday: 0.4}",
                             "one per weekday, Monday first");
}

absl::StatusOr<std::array<double, 12>> ReadMonthFactors(const YamlValue& v) {
  return ReadNamedFactors<12>(v, MonthNames(), "month",
                              "{july: 1.2, august: 1.3}",
                              "one per month, January first");
}

absl::StatusOr<std::array<double, 31>> ReadDayOfMonthFactors(
    const YamlValue& v) {
  constexpr std::string_view kExpected =
      "a sequence of day ranges such as [{days: 16-31, factor: 1.3}], or a "
      "sequence of 31 factors (one per day of the month)";
  std::array<double, 31> out;
  out.fill(1.0);
  if (!v.is_sequence()) return v.Expected(kExpected);
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("day ranges"));
  if (!entries[0].is_map()) {
    CCSIM_ASSIGN_OR_RETURN(std::vector<double> list,
                           ReadWeights(v, 31, "one per day of the month"));
    std::copy(list.begin(), list.end(), out.begin());
    return out;
  }
  // Which entry gave each day its factor, for overlaps.
  std::array<std::string, 31> given_by;
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(
        YamlMap m,
        e.AsMap({"days", "factor"},
                "a day range map such as {days: 16-31, factor: 1.3}"));
    for (const char* key : {"days", "factor"}) {
      CCSIM_RETURN_IF_ERROR(m.Require(key).status());
    }
    const YamlValue days = *m.Find("days");
    CCSIM_ASSIGN_OR_RETURN(auto range, ReadDayRange(days));
    CCSIM_ASSIGN_OR_RETURN(double factor,
                           m.Find("factor")->NonNegativeNumber());
    for (int d = range.first; d <= range.second; ++d) {
      if (!given_by[d - 1].empty()) {
        return days.Error(fmt::format(
            "day {} is already given a factor by {} (ranges must not "
            "overlap)",
            d, given_by[d - 1]));
      }
      given_by[d - 1] = days.path();
      out[d - 1] = factor;
    }
  }
  return out;
}

absl::StatusOr<std::vector<ShiftSpec>> ReadShifts(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("shifts"));
  std::vector<ShiftSpec> shifts;
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(ShiftSpec shift, ReadShift(e));
    shifts.push_back(std::move(shift));
  }
  return shifts;
}

void AsAvailableAgents(AgentGroupSpec& g) {
  g.shifts.clear();
  g.late_login.reset();
  g.early_logout.reset();
  g.aux_per_hour = 0;
  g.aux_duration.reset();
  g.break_cap_agents = -1;
  g.break_cap_share = -1;
}

}  // namespace ccsim::scenario_internal
