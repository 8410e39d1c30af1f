// The runs of a report as time series and as days: interval midpoints and
// values, weekday classes, negligible intervals, and the time axes of the
// line charts (see sim/report/report_parts.h).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/time.h"
#include "fmt/format.h"
#include "sim/report/report_parts.h"
#include "sim/report/svg.h"

namespace ccsim::html {

using svg::FormatNumber;

namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonths = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Tick spacing must leave room for the labels: "HH:MM" needs about 45
// pixels, a date about 80.
constexpr double kClockSpacing = 46;
constexpr double kDateSpacing = 80;
constexpr double kDayNumberSpacing = 20;

}  // namespace

double ClockSeconds(std::string_view hhmm) {
  int h = 0;
  int m = 0;
  size_t i = 0;
  while (i < hhmm.size() && hhmm[i] != ':') h = h * 10 + (hhmm[i++] - '0');
  for (++i; i < hhmm.size(); ++i) m = m * 10 + (hhmm[i] - '0');
  return h * 3600.0 + m * 60.0;
}

std::vector<double> Midpoints(const Source& s) {
  const double half = s.scenario->interval.seconds() / 2;
  std::vector<double> x;
  x.reserve(s.result->intervals.size());
  for (const IntervalEstimates& ie : s.result->intervals) {
    x.push_back((ie.day - 1) * kDaySeconds + ClockSeconds(ie.start) + half);
  }
  return x;
}

std::vector<double> Means(const Source& s, Metric m, double scale) {
  std::vector<double> y;
  y.reserve(s.result->intervals.size());
  for (const IntervalEstimates& ie : s.result->intervals) {
    y.push_back(Get(ie.metrics, m).mean * scale);
  }
  return y;
}

std::vector<double> Agents(const Source& s, std::span<const Metric> hours) {
  const double interval_h = s.scenario->interval.seconds() / 3600;
  std::vector<double> y;
  y.reserve(s.result->intervals.size());
  for (const IntervalEstimates& ie : s.result->intervals) {
    double sum = 0;
    for (Metric m : hours) sum += Get(ie.metrics, m).mean;
    y.push_back(sum / interval_h);
  }
  return y;
}

// Days of reported intervals (a horizon that merely crosses midnight is not
// two days).
double HorizonDays(const Source& s) {
  return static_cast<double>(s.result->intervals.size()) *
         s.scenario->interval.seconds() / kDaySeconds;
}

std::string DateLabel(const Date& d) {
  return fmt::format("{} {} {}", kWeekdays[d.weekday()], d.day,
                     kMonths[d.month - 1]);
}

std::string ClockLabel(double seconds_of_day) {
  const long minutes = std::lround(seconds_of_day / 60);
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// An axis of clock times over [lo, hi] (seconds since 00:00 of day 1), with
// the date under each midnight when the range spans more than one day.
svg::XAxis HorizonAxis(double lo, double hi, const Date& day1) {
  svg::XAxis axis;
  axis.lo = lo;
  axis.hi = hi;
  const double px_per_s = svg::kLinePlotWidth / std::max(1.0, hi - lo);
  const bool multi_day =
      std::floor(lo / kDaySeconds) != std::floor((hi - 1) / kDaySeconds);
  auto date_of = [&](double t) {
    return day1.plus_days(static_cast<int64_t>(std::floor(t / kDaySeconds)));
  };
  for (double hours : {0.25, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 12.0}) {
    const double step = hours * 3600;
    if (step * px_per_s < kClockSpacing) continue;
    bool first = true;
    for (double t = std::ceil(lo / step) * step; t <= hi; t += step) {
      const double tod = std::fmod(t, kDaySeconds);
      svg::XTick tick{t, ClockLabel(tod), "", tod == 0};
      if (multi_day && (tod == 0 || first))
        tick.sublabel = DateLabel(date_of(t));
      axis.ticks.push_back(std::move(tick));
      first = false;
    }
    if (axis.ticks.empty()) {
      // A range shorter than the step between two of its marks: label the
      // ends.
      for (double t : {lo, hi}) {
        axis.ticks.push_back(
            {t, ClockLabel(std::fmod(t, kDaySeconds)), "", false});
      }
    }
    axis.title = multi_day ? "Date and time of day" : "Time of day";
    return axis;
  }
  // Days. With room for a date per day, a date at each midnight; otherwise
  // the day of the month under each day (or every other day) and the date
  // under the Mondays, every week or every few weeks.
  const double px_per_day = kDaySeconds * px_per_s;
  const int64_t first_day = static_cast<int64_t>(std::ceil(lo / kDaySeconds));
  const int64_t last_day = static_cast<int64_t>(std::floor(hi / kDaySeconds));
  if (px_per_day >= kDateSpacing) {
    for (int64_t d = first_day; d <= last_day; ++d) {
      axis.ticks.push_back(
          {d * kDaySeconds, DateLabel(day1.plus_days(d)), "", true});
    }
    axis.title = "Date (grid at midnight)";
    return axis;
  }
  int64_t number_every = 0;  // 0: no day numbers
  if (px_per_day >= kDayNumberSpacing) {
    number_every = 1;
  } else if (2 * px_per_day >= kDayNumberSpacing) {
    number_every = 2;
  }
  int64_t weeks = 1;
  while (7 * weeks * px_per_day < kDateSpacing) weeks *= 2;
  int64_t first_monday = first_day;
  while (day1.plus_days(first_monday).weekday() != 0) ++first_monday;
  for (int64_t d = static_cast<int64_t>(std::floor(lo / kDaySeconds));
       d <= last_day; ++d) {
    const double noon = d * kDaySeconds + kDaySeconds / 2;
    if (number_every > 0 && (d - first_day) % number_every == 0 && noon >= lo &&
        noon <= hi) {
      axis.ticks.push_back(
          {noon, fmt::format("{}", day1.plus_days(d).day), "", false, false});
    }
    if (d < first_day) continue;
    if (d >= first_monday && (d - first_monday) % (7 * weeks) == 0) {
      axis.ticks.push_back(
          {d * kDaySeconds, "", DateLabel(day1.plus_days(d)), true});
    } else if (px_per_day >= 4) {
      axis.minor_grid.push_back(d * kDaySeconds);
    }
  }
  axis.title = number_every > 0
                   ? "Day of the month (Mondays dated; grid at midnight)"
                   : "Date (Mondays dated; grid at midnight)";
  return axis;
}

svg::XAxis AverageDayAxis() {
  svg::XAxis axis;
  axis.lo = 0;
  axis.hi = kDaySeconds;
  const double px_per_s = svg::kLinePlotWidth / kDaySeconds;
  double step = 6 * 3600;
  for (double hours : {1.0, 2.0, 3.0}) {
    if (hours * 3600 * px_per_s >= kClockSpacing) {
      step = hours * 3600;
      break;
    }
  }
  for (double t = 0; t <= kDaySeconds; t += step) {
    axis.ticks.push_back({t, ClockLabel(t), "", t == 0 || t == kDaySeconds});
  }
  axis.title = "Time of day";
  return axis;
}

int DayClassOf(const Date& d) {
  const int w = d.weekday();
  return w < 5 ? 0 : w - 4;
}

std::string_view DayClassName(int day_class) {
  constexpr std::array<std::string_view, kNumDayClasses> kNames = {
      "Mon\u2013Fri", "Saturday", "Sunday"};
  return kNames[day_class];
}

std::vector<int> DayClasses(const Source& s) {
  std::vector<int> out;
  out.reserve(s.result->intervals.size());
  for (const IntervalEstimates& ie : s.result->intervals) {
    out.push_back(DayClassOf(DateOfDay(*s.scenario, ie.day)));
  }
  return out;
}

PageContext MakePageContext(std::vector<Source> sources, const Scenario& base,
                            bool compare, const ReportOptions& options) {
  PageContext c;
  c.sources = std::move(sources);
  c.compare = compare;
  c.options = options;
  c.interval_text = FormatDuration(base.interval);
  c.threshold_text = FormatDuration(base.service_level.threshold);
  c.target = base.service_level.target;
  const report_internal::AnswerRateReference answer =
      report_internal::AnswerRateReferenceOf(base);
  c.answer_target = answer.value;
  c.answer_target_is_goal = answer.is_goal;
  return c;
}

void AppendFigure(std::string& out, const std::string& svg_text,
                  std::string_view note) {
  out += "<figure>\n";
  out += svg_text;
  if (!note.empty()) {
    out += fmt::format("<p class=\"note\">{}</p>\n", note);
  }
  out += "</figure>\n";
}

}  // namespace ccsim::html
