#include "ccsim/html_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/time.h"
#include "fmt/format.h"
#include "sim/report/page.h"
#include "sim/report/svg.h"

namespace ccsim {

namespace {

using report::AppendMetaRow;
using report::AppendPageEnd;
using report::AppendPageStart;
using svg::Escape;
using svg::FormatNumber;

constexpr double kDaySeconds = 86400;

bool Finite(double v) { return std::isfinite(v); }

// ---- What is shown, and how ------------------------------------------------

// How a metric's values read: rates as percentages (differences and CIs in
// percentage points), times in seconds or hours, counts as they are.
struct MetricFormat {
  double scale = 1;
  int decimals = 1;
  std::string_view suffix;       // after a value: "%", " s", " h", ""
  std::string_view diff_suffix;  // after a difference or CI: " pp", ...
  std::string_view unit;         // words, for chart rows
  int diff_decimals = 1;         // of differences and CI half-widths
};

MetricFormat FormatOf(Metric m) {
  switch (m) {
    case Metric::kAnswerRate:
    case Metric::kAbandonRate:
    case Metric::kServiceLevel:
    case Metric::kServiceLevelAnswered:
    case Metric::kServiceLevelExclShort:
    case Metric::kPWait:
    case Metric::kOccupancy:
    case Metric::kRepeatShare:
    case Metric::kFcr:
    case Metric::kUtilisation:
    case Metric::kBreakShare:
      return {100, 1, "%", " pp", "percentage points", 2};
    case Metric::kAsa:
    case Metric::kMeanWait:
    case Metric::kAht:
      return {1, 1, " s", " s", "seconds", 2};
    case Metric::kStaffedHours:
    case Metric::kTalkHours:
    case Metric::kWrapHours:
    case Metric::kBreakHours:
    case Metric::kAuxHours:
    case Metric::kIdleHours:
    case Metric::kAvailableHours:
    case Metric::kOverrunHours:
      return {1, 1, " h", " h", "agent hours", 1};
    case Metric::kCallsPerCaller:
      return {1, 2, "", "", "calls per caller", 3};
    case Metric::kUniqueCallers:
    case Metric::kGaveUp:
      return {1, 1, "", "", "callers per replication", 1};
    case Metric::kBreaksPostponed:
    case Metric::kBreaksForced:
      return {1, 1, "", "", "breaks per replication", 1};
    default:
      return {1, 1, "", "", "calls per replication", 1};
  }
}

std::string_view MetricLabel(Metric m) {
  switch (m) {
    case Metric::kCalls:
      return "Call attempts";
    case Metric::kOffered:
      return "Offered (reached the queue)";
    case Metric::kAnswered:
      return "Answered";
    case Metric::kAbandoned:
      return "Abandoned in queue";
    case Metric::kAnswerRate:
      return "Answer rate";
    case Metric::kAbandonRate:
      return "Abandon rate";
    case Metric::kServiceLevel:
      return "Service level";
    case Metric::kAsa:
      return "Average speed of answer";
    case Metric::kMeanWait:
      return "Mean wait (all offered)";
    case Metric::kPWait:
      return "Share of calls that waited";
    case Metric::kAht:
      return "Average handle time";
    case Metric::kOccupancy:
      return "Occupancy";
    case Metric::kUtilisation:
      return "Utilisation (talk + wrap)";
    case Metric::kStaffedHours:
      return "Staffed agent hours";
    case Metric::kBreakShare:
      return "Break and AUX share";
    case Metric::kBlocked:
      return "Blocked (busy signal)";
    case Metric::kRepeatShare:
      return "Repeat calls";
    case Metric::kFcr:
      return "First contact resolution";
    default:
      return MetricName(m);
  }
}

// The key totals of the summary tables.
constexpr std::array kSummaryMetrics = {
    Metric::kCalls,        Metric::kOffered,      Metric::kAnswered,
    Metric::kAbandoned,    Metric::kAnswerRate,   Metric::kAbandonRate,
    Metric::kServiceLevel, Metric::kAsa,          Metric::kMeanWait,
    Metric::kPWait,        Metric::kAht,          Metric::kOccupancy,
    Metric::kUtilisation,  Metric::kStaffedHours, Metric::kBreakShare,
    Metric::kBlocked,      Metric::kRepeatShare,  Metric::kFcr,
};

// The metrics of the difference chart: volume, service, waiting, and the
// agent side (what a change costs).
constexpr std::array kDifferenceMetrics = {
    Metric::kOffered,      Metric::kAnswered,    Metric::kAbandoned,
    Metric::kServiceLevel, Metric::kAbandonRate, Metric::kAsa,
    Metric::kMeanWait,     Metric::kOccupancy,   Metric::kStaffedHours,
};

std::string Value(Metric m, double v) {
  const MetricFormat f = FormatOf(m);
  if (!Finite(v)) return "\u2013";
  return FormatNumber(v * f.scale, f.decimals) + std::string(f.suffix);
}

// A CI half-width (unsigned) or a difference (signed), in the units of
// differences (percentage points for rates), without the unit.
std::string Spread(Metric m, double v, bool sign) {
  const MetricFormat f = FormatOf(m);
  return sign ? svg::SignedNumber(v * f.scale, f.diff_decimals)
              : FormatNumber(v * f.scale, f.diff_decimals);
}

// "+1.23 ± 0.45 pp".
std::string DifferenceText(Metric m, const Estimate& d) {
  return fmt::format("{} \u00b1 {}{}", Spread(m, d.mean, true),
                     Spread(m, d.ci95, false), FormatOf(m).diff_suffix);
}

const Estimate& Get(const MetricEstimates& m, Metric metric) {
  return m[static_cast<int>(metric)];
}

// ---- Intervals as series
// -----------------------------------------------------

// One scenario's run in a report (the only one, or the base or a variant).
struct Source {
  std::string label;
  const RunResult* result = nullptr;
  const Scenario* scenario = nullptr;
  int style = 0;
};

// Seconds since midnight of "HH:MM".
double ClockSeconds(std::string_view hhmm) {
  int h = 0;
  int m = 0;
  size_t i = 0;
  while (i < hhmm.size() && hhmm[i] != ':') h = h * 10 + (hhmm[i++] - '0');
  for (++i; i < hhmm.size(); ++i) m = m * 10 + (hhmm[i] - '0');
  return h * 3600.0 + m * 60.0;
}

// Every source is drawn on one time line: seconds since 00:00 of day 1, at
// the middle of each interval. Variants with another interval length or
// horizon still line up by clock time.
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

// The average number of agents in a state during each interval: the state's
// agent hours over the interval's length in hours.
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

// Days of reported intervals (the horizon's length in days; a horizon that
// merely crosses midnight is not two days).
double HorizonDays(const Source& s) {
  return static_cast<double>(s.result->intervals.size()) *
         s.scenario->interval.seconds() / kDaySeconds;
}

// The average day is shown when it averages at least two days.
constexpr double kMinAverageDays = 2;

// Which view of the intervals a chart shows.
enum class View { kHorizon, kAverageDay };

// The series as drawn in `view`: for the average day, the mean over days
// at each time of day; with `weights` (the offered calls) a rate is pooled
// over days, sum(w * rate) / sum(w), as if computed from all their calls.
std::pair<std::vector<double>, std::vector<double>> InView(
    View view, const std::vector<double>& x, const std::vector<double>& y,
    const std::vector<double>* weights) {
  if (view == View::kHorizon) return {x, y};
  // Keyed by whole seconds of the day so that equal times match exactly.
  std::map<long, std::pair<double, double>> sums;  // sum w*y, sum w
  for (size_t i = 0; i < x.size(); ++i) {
    const double tod = std::fmod(x[i], kDaySeconds);
    auto& [wy, w] = sums[std::lround(tod)];
    if (!Finite(y[i])) continue;
    const double wi = weights ? (*weights)[i] : 1;
    if (!Finite(wi) || wi <= 0) continue;
    wy += wi * y[i];
    w += wi;
  }
  std::vector<double> ax;
  std::vector<double> ay;
  for (const auto& [tod, sum] : sums) {
    ax.push_back(static_cast<double>(tod));
    ay.push_back(sum.second > 0 ? sum.first / sum.second : NAN);
  }
  return {ax, ay};
}

svg::Series MakeSeries(std::string label, int style, View view,
                       const std::vector<double>& x,
                       const std::vector<double>& y,
                       const std::vector<double>* weights = nullptr) {
  auto [vx, vy] = InView(view, x, y, weights);
  return {std::move(label), style, std::move(vx), std::move(vy)};
}

// ---- Time axes ------------------------------------------------------------

constexpr std::array<std::string_view, 7> kWeekdays = {
    "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<std::string_view, 12> kMonths = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// "Wed 1 Jul".
std::string DateLabel(const Date& d) {
  return fmt::format("{} {} {}", kWeekdays[d.weekday()], d.day,
                     kMonths[d.month - 1]);
}

std::string ClockLabel(double seconds_of_day) {
  const long minutes = std::lround(seconds_of_day / 60);
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

// Tick spacing must leave room for the labels: "HH:MM" needs about 45
// pixels, a date about 80.
constexpr double kClockSpacing = 46;
constexpr double kDateSpacing = 80;
constexpr double kDayNumberSpacing = 20;

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

svg::XAxis AverageDayAxis(double days) {
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
  axis.title =
      fmt::format("Time of day (mean over {} days)",
                  FormatNumber(days, days == std::floor(days) ? 0 : 1));
  return axis;
}

// ---- Charts ---------------------------------------------------------------

// The views and axes of a report's per-interval charts.
struct ChartContext {
  std::vector<Source> sources;
  bool compare = false;
  View view = View::kHorizon;
  svg::XAxis axis;
  std::string interval_text;   // "30m"
  std::string threshold_text;  // "20s"
  double target = 0.8;
};

std::string IdOf(const ChartContext& c, std::string_view base) {
  return c.view == View::kAverageDay ? fmt::format("{}-day", base)
                                     : std::string(base);
}

std::string TitleOf(const ChartContext& c, std::string_view title) {
  return c.view == View::kAverageDay
             ? fmt::format("{} \u2014 average day", title)
             : std::string(title);
}

std::string Scope(const ChartContext& c) {
  return c.view == View::kAverageDay
             ? fmt::format("per {} interval of the average day",
                           c.interval_text)
             : fmt::format("per {} interval", c.interval_text);
}

std::string OfferedAnsweredChart(const ChartContext& c) {
  svg::LineChart chart;
  chart.id = IdOf(c, "chart-offered-answered");
  chart.title = TitleOf(c, "Offered and answered calls");
  chart.x = c.axis;
  if (!c.compare) {
    const Source& s = c.sources[0];
    const std::vector<double> x = Midpoints(s);
    svg::Panel panel;
    panel.caption = "Calls " + Scope(c);
    panel.y_min = 0;
    panel.series.push_back(
        MakeSeries("Offered", 0, c.view, x, Means(s, Metric::kOffered, 1)));
    panel.series.push_back(
        MakeSeries("Answered", 1, c.view, x, Means(s, Metric::kAnswered, 1)));
    chart.panels.push_back(std::move(panel));
  } else {
    for (Metric m : {Metric::kOffered, Metric::kAnswered}) {
      svg::Panel panel;
      panel.caption =
          fmt::format("{} calls {}",
                      m == Metric::kOffered ? "Offered" : "Answered", Scope(c));
      panel.y_min = 0;
      for (const Source& s : c.sources) {
        panel.series.push_back(
            MakeSeries(s.label, s.style, c.view, Midpoints(s), Means(s, m, 1)));
      }
      chart.panels.push_back(std::move(panel));
    }
    chart.panel_height = 170;
  }
  chart.description = chart.title + ": line chart of calls " + Scope(c);
  return svg::RenderLineChart(chart);
}

std::string ServiceLevelChart(const ChartContext& c) {
  svg::LineChart chart;
  chart.id = IdOf(c, "chart-service-level");
  chart.title = TitleOf(c, "Service level and target");
  chart.x = c.axis;
  svg::Panel panel;
  panel.caption = fmt::format("% of offered calls answered within {}, {}",
                              c.threshold_text, Scope(c));
  panel.y_min = 0;
  panel.y_max = 100;
  for (const Source& s : c.sources) {
    // Pooled over days by offered calls in the average day.
    const std::vector<double> w = Means(s, Metric::kOffered, 1);
    panel.series.push_back(
        MakeSeries(c.compare ? s.label : "Service level", s.style, c.view,
                   Midpoints(s), Means(s, Metric::kServiceLevel, 100), &w));
  }
  panel.refs.push_back(
      {100 * c.target,
       fmt::format("Target {}%", FormatNumber(100 * c.target, 0))});
  chart.panels.push_back(std::move(panel));
  chart.description =
      chart.title + ": line chart of the service level " + Scope(c) +
      ", with the target as a horizontal line; gaps where no call was "
      "offered";
  return svg::RenderLineChart(chart);
}

std::string WaitAbandonChart(const ChartContext& c) {
  svg::LineChart chart;
  chart.id = IdOf(c, "chart-wait-abandon");
  chart.title = TitleOf(c, "Waiting and abandonment");
  chart.x = c.axis;
  svg::Panel wait;
  wait.caption = "Mean wait of offered calls, seconds, " + Scope(c);
  wait.y_min = 0;
  svg::Panel abandon;
  abandon.caption = "Abandoned in queue, % of offered calls, " + Scope(c);
  abandon.y_min = 0;
  for (const Source& s : c.sources) {
    const std::vector<double> x = Midpoints(s);
    const std::vector<double> w = Means(s, Metric::kOffered, 1);
    wait.series.push_back(MakeSeries(c.compare ? s.label : "Mean wait", s.style,
                                     c.view, x, Means(s, Metric::kMeanWait, 1),
                                     &w));
    abandon.series.push_back(MakeSeries(
        c.compare ? s.label : "Abandon rate", c.compare ? s.style : 1, c.view,
        x, Means(s, Metric::kAbandonRate, 100), &w));
  }
  chart.panels.push_back(std::move(wait));
  chart.panels.push_back(std::move(abandon));
  chart.panel_height = 170;
  chart.description = chart.title +
                      ": line charts of the mean wait (seconds)"
                      " and the abandon rate (%) " +
                      Scope(c);
  return svg::RenderLineChart(chart);
}

std::string AgentsChart(const ChartContext& c) {
  svg::LineChart chart;
  chart.id = IdOf(c, "chart-agents");
  chart.title = TitleOf(c, "Agents staffed, busy and on break");
  chart.x = c.axis;
  const std::string note = "average number of agents " + Scope(c);
  struct State {
    std::string_view name;
    std::string_view caption;
    std::vector<Metric> hours;
  };
  const std::array<State, 3> states = {{
      {"Staffed", "Staffed (logged in)", {Metric::kStaffedHours}},
      {"Busy (talk + wrap)",
       "Busy (talk + wrap)",
       {Metric::kTalkHours, Metric::kWrapHours}},
      {"On break or AUX",
       "On break or AUX",
       {Metric::kBreakHours, Metric::kAuxHours}},
  }};
  if (!c.compare) {
    const Source& s = c.sources[0];
    const std::vector<double> x = Midpoints(s);
    svg::Panel panel;
    panel.caption = "Agents, " + note;
    panel.y_min = 0;
    for (size_t i = 0; i < states.size(); ++i) {
      panel.series.push_back(MakeSeries(std::string(states[i].name),
                                        static_cast<int>(i), c.view, x,
                                        Agents(s, states[i].hours)));
    }
    chart.panels.push_back(std::move(panel));
  } else {
    for (const State& state : states) {
      svg::Panel panel;
      panel.caption = fmt::format("{}, {}", state.caption, note);
      panel.y_min = 0;
      for (const Source& s : c.sources) {
        panel.series.push_back(MakeSeries(
            s.label, s.style, c.view, Midpoints(s), Agents(s, state.hours)));
      }
      chart.panels.push_back(std::move(panel));
    }
    chart.panel_height = 150;
  }
  chart.description = chart.title + ": line chart of the " + note;
  return svg::RenderLineChart(chart);
}

struct FlowStepLabel {
  std::string_view label;  // {} is the service-level threshold
  bool indent;             // a part of "reached the queue"
  bool optional;           // left out when no call took it
};

// Labels of the call-flow steps, in the order of kCallFlowStepNames. The
// queue's own steps are always shown; the others belong to parts of the
// model a scenario may not use (opening hours, trunks, IVR, repeats).
constexpr std::array<FlowStepLabel, kNumCallFlowSteps> kFlowLabels = {{
    {"Closed (outside opening hours)", false, true},
    {"Blocked (busy signal)", false, true},
    {"Informed by an announcement", false, true},
    {"Left in the IVR", false, true},
    {"Contained in self service", false, true},
    {"Transferred out by the IVR", false, true},
    {"Reached the queue (offered)", false, false},
    {"abandoned in queue", true, false},
    {"answered within {}", true, false},
    {"answered after {}", true, false},
    {"Came back (repeat calls)", false, true},
}};

std::string FlowLabel(int step, const std::string& threshold_text) {
  return fmt::format(fmt::runtime(kFlowLabels[step].label), threshold_text);
}

// The call-flow bar chart; the optional steps that no call took in any
// source are left out and their labels added to `hidden`.
std::string CallFlowChart(const std::vector<Source>& sources,
                          const std::string& threshold_text, bool compare,
                          std::vector<std::string>* hidden) {
  svg::BarChart chart;
  chart.id = "chart-call-flow";
  chart.title = "Caller flow: what became of 100 call attempts";
  chart.description =
      "Bar chart of the call flow per 100 call attempts: blocked, informed, "
      "left in the IVR, contained, offered, abandoned, answered within and "
      "after the threshold, and repeat calls, with 95% CIs";
  chart.x_title = "Per 100 call attempts (mean over replications)";
  std::vector<int> shown;
  for (int step = 0; step < kNumCallFlowSteps; ++step) {
    bool taken = !kFlowLabels[step].optional;
    for (const Source& s : sources) {
      const double v = CallFlowSteps(s.result->call_flow)[step]->mean;
      if (Finite(v) && v != 0) taken = true;
    }
    if (taken) {
      shown.push_back(step);
      chart.categories.push_back(
          {FlowLabel(step, threshold_text), kFlowLabels[step].indent});
    } else {
      hidden->push_back(FlowLabel(step, threshold_text));
    }
  }
  for (const Source& s : sources) {
    svg::BarGroup group;
    group.label = compare ? s.label : "Mean per 100 calls";
    group.style = s.style;
    const auto steps = CallFlowSteps(s.result->call_flow);
    for (int step : shown) {
      group.value.push_back(steps[step]->mean);
      group.ci95.push_back(steps[step]->ci95);
    }
    chart.groups.push_back(std::move(group));
  }
  return svg::RenderBarChart(chart);
}

std::string DifferenceChart(const Comparison& c) {
  svg::DiffChart chart;
  chart.id = "chart-differences";
  chart.title = "Differences from the base (variant \u2212 base, 95% CI)";
  chart.description =
      "Dot and whisker chart of the paired difference variant minus base for "
      "each key metric, with 95% confidence intervals; filled dots are "
      "significant";
  for (size_t v = 0; v < c.variants.size(); ++v) {
    chart.variant_labels.push_back(c.variants[v].label);
    chart.variant_styles.push_back(static_cast<int>(v) + 1);
  }
  for (Metric m : kDifferenceMetrics) {
    const MetricFormat f = FormatOf(m);
    svg::DiffRow row;
    row.label = std::string(MetricLabel(m));
    row.unit = std::string(f.unit);
    row.decimals = f.diff_decimals;
    for (const VariantComparison& vc : c.variants) {
      const PairedEstimate& p = vc.total[static_cast<int>(m)];
      row.points.push_back({p.difference.mean * f.scale,
                            p.difference.ci95 * f.scale, p.significant});
    }
    chart.rows.push_back(std::move(row));
  }
  return svg::RenderDiffChart(chart);
}

// ---- Page -----------------------------------------------------------------

std::string HorizonText(const Scenario& s) {
  const int64_t n = s.horizon / s.interval;
  return fmt::format("{} after a warm-up of {} ({} intervals of {})",
                     FormatDuration(s.horizon), FormatDuration(s.warmup),
                     FormatNumber(static_cast<double>(n), 0),
                     FormatDuration(s.interval));
}

// The short forms, for the comparison's scenario table.
std::string ShortHorizonText(const Scenario& s) {
  return fmt::format("{}, warm-up {}, {} intervals", FormatDuration(s.horizon),
                     FormatDuration(s.warmup), FormatDuration(s.interval));
}

std::string ShortTargetText(const Scenario& s) {
  return fmt::format("{}% within {}",
                     FormatNumber(100 * s.service_level.target, 0),
                     FormatDuration(s.service_level.threshold));
}

std::string TargetText(const Scenario& s) {
  return fmt::format("{}% of offered calls answered within {}",
                     FormatNumber(100 * s.service_level.target, 0),
                     FormatDuration(s.service_level.threshold));
}

std::string StartDateText(const Scenario& s) {
  const Date& d = s.calendar.start_date;
  return fmt::format("{} {} (day 1)", DateLabel(d), d.year);
}

std::string MetricCell(Metric m) {
  return fmt::format("{} <code>{}</code>", Escape(MetricLabel(m)),
                     MetricName(m));
}

// Column headings of the breakdown tables (narrower than MetricLabel).
std::string_view ShortLabel(Metric m) {
  switch (m) {
    case Metric::kOffered:
      return "Offered";
    case Metric::kAsa:
      return "ASA";
    case Metric::kAht:
      return "AHT";
    case Metric::kStaffedHours:
      return "Staffed hours";
    case Metric::kUtilisation:
      return "Utilisation";
    case Metric::kBreakShare:
      return "Break + AUX";
    default:
      return MetricLabel(m);
  }
}

void AppendSummaryTable(std::string& out, const RunResult& r) {
  out +=
      "<table id=\"summary-table\">\n<thead><tr><th>Metric</th>"
      "<th class=\"num\">Mean</th><th class=\"num\">\u00b1 95% CI</th>"
      "</tr></thead>\n<tbody>\n";
  for (Metric m : kSummaryMetrics) {
    const Estimate& e = Get(r.total, m);
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">"
        "\u00b1 {}{}</td></tr>\n",
        MetricCell(m), Value(m, e.mean), Spread(m, e.ci95, false),
        FormatOf(m).diff_suffix);
  }
  out += "</tbody>\n</table>\n";
}

void AppendCallTypeTable(std::string& out, const RunResult& r) {
  if (r.call_types.empty()) return;
  constexpr std::array kColumns = {Metric::kOffered,     Metric::kAnswered,
                                   Metric::kAbandonRate, Metric::kServiceLevel,
                                   Metric::kAsa,         Metric::kAht};
  out += "<table id=\"call-type-table\">\n<thead><tr><th>Call type</th>";
  for (Metric m : kColumns) {
    out += fmt::format("<th class=\"num\">{}</th>", Escape(ShortLabel(m)));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const NamedEstimates& t : r.call_types) {
    out += fmt::format("<tr><td>{}</td>", Escape(t.name));
    for (Metric m : kColumns) {
      out += fmt::format("<td class=\"num\">{}</td>",
                         Value(m, Get(t.metrics, m).mean));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void AppendAgentGroupTable(std::string& out, const RunResult& r) {
  if (r.agent_groups.empty()) return;
  constexpr std::array kColumns = {Metric::kStaffedHours, Metric::kAnswered,
                                   Metric::kOccupancy, Metric::kUtilisation,
                                   Metric::kBreakShare};
  out += "<table id=\"agent-group-table\">\n<thead><tr><th>Agent group</th>";
  for (Metric m : kColumns) {
    out += fmt::format("<th class=\"num\">{}</th>", Escape(ShortLabel(m)));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const NamedEstimates& g : r.agent_groups) {
    out += fmt::format("<tr><td>{}</td>", Escape(g.name));
    for (Metric m : kColumns) {
      out += fmt::format("<td class=\"num\">{}</td>",
                         Value(m, Get(g.metrics, m).mean));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void AppendFigure(std::string& out, const std::string& svg_text,
                  std::string_view note = "") {
  out += "<figure>\n";
  out += svg_text;
  if (!note.empty()) {
    out += fmt::format("<p class=\"note\">{}</p>\n", note);
  }
  out += "</figure>\n";
}

// The per-interval charts of `sources` (horizon view, then the average day
// when it spans two days or more) and the call flow.
void AppendCharts(std::string& out, const std::vector<Source>& sources,
                  const Scenario& base, bool compare) {
  ChartContext c;
  c.sources = sources;
  c.compare = compare;
  c.interval_text = FormatDuration(base.interval);
  c.threshold_text = FormatDuration(base.service_level.threshold);
  c.target = base.service_level.target;

  double lo = INFINITY;
  double hi = -INFINITY;
  double days = 0;
  for (const Source& s : sources) {
    const std::vector<double> x = Midpoints(s);
    const double half = s.scenario->interval.seconds() / 2;
    if (!x.empty()) {
      lo = std::min(lo, x.front() - half);
      hi = std::max(hi, x.back() + half);
    }
    days = std::max(days, HorizonDays(s));
  }
  if (!(hi > lo)) {
    lo = 0;
    hi = kDaySeconds;
  }
  c.axis = HorizonAxis(lo, hi, base.calendar.start_date);

  const std::string gap_note =
      "Gaps in a line: the value is undefined there (no call offered in "
      "that interval).";
  out += "<h2 id=\"per-interval\">Per interval</h2>\n";
  AppendFigure(out, OfferedAnsweredChart(c));
  AppendFigure(out, ServiceLevelChart(c), gap_note);
  AppendFigure(out, WaitAbandonChart(c), gap_note);
  AppendFigure(out, AgentsChart(c),
               "Average number of agents = agent hours in the state / "
               "interval length in hours. Busy = talk + after-call work; on "
               "break = scheduled breaks + AUX.");

  if (days >= kMinAverageDays) {
    c.view = View::kAverageDay;
    c.axis = AverageDayAxis(days);
    out += "<h2 id=\"average-day\">Average day</h2>\n";
    out +=
        "<p class=\"note\">Each time of day averaged over the days of the "
        "horizon. Counts and agents are plain means; service level, mean "
        "wait and abandon rate are pooled over the days (weighted by the "
        "offered calls), as if computed from all their calls.</p>\n";
    AppendFigure(out, OfferedAnsweredChart(c));
    AppendFigure(out, ServiceLevelChart(c));
    AppendFigure(out, WaitAbandonChart(c));
    AppendFigure(out, AgentsChart(c));
  }

  out += "<h2 id=\"call-flow\">Caller flow</h2>\n";
  std::vector<std::string> hidden;
  const std::string flow_chart =
      CallFlowChart(sources, c.threshold_text, compare, &hidden);
  std::string note =
      "The bars not indented, but for repeat calls, are the possible fates "
      "of a call attempt and add up to 100; the indented ones split the "
      "calls that reached the queue. Repeat calls are the share of attempts "
      "that were redials or returns.";
  if (!hidden.empty()) {
    std::string list;
    for (const std::string& h : hidden) {
      list += (list.empty() ? "" : "; ") + h;
    }
    note += " No call took these steps, left out: " + list + ".";
  }
  AppendFigure(out, flow_chart, Escape(note));
}

void AppendContents(std::string& out, bool compare, bool average_day) {
  out +=
      "<nav aria-label=\"Contents\">Contents: "
      "<a href=\"#summary\">Summary</a>";
  if (compare) out += " \u00b7 <a href=\"#differences\">Differences</a>";
  out += " \u00b7 <a href=\"#per-interval\">Per interval</a>";
  if (average_day) {
    out += " \u00b7 <a href=\"#average-day\">Average day</a>";
  }
  out += " \u00b7 <a href=\"#call-flow\">Caller flow</a></nav>\n";
}

}  // namespace

std::string FormatHtmlReport(const RunResult& result,
                             const Scenario& scenario) {
  std::string out;
  const std::vector<Source> sources = {
      {result.scenario, &result, &scenario, 0}};
  AppendPageStart(out, "ccsim report: " + result.scenario);
  out += fmt::format("<header>\n<h1>ccsim report: {}</h1>\n",
                     Escape(result.scenario));
  out += "<table class=\"meta\">\n";
  AppendMetaRow(out, "Scenario", Escape(result.scenario));
  if (!scenario.source.empty()) {
    AppendMetaRow(out, "File", "<code>" + Escape(scenario.source) + "</code>");
  }
  AppendMetaRow(out, "Seed", fmt::format("{}", result.seed));
  AppendMetaRow(out, "Replications", fmt::format("{}", result.replications));
  AppendMetaRow(out, "Horizon", Escape(HorizonText(scenario)));
  AppendMetaRow(out, "Start date", Escape(StartDateText(scenario)));
  AppendMetaRow(out, "Service-level target", Escape(TargetText(scenario)));
  AppendMetaRow(
      out, "Model",
      fmt::format("{} call types, {} agent groups", scenario.call_types.size(),
                  scenario.agent_groups.size()));
  out += "</table>\n</header>\n";
  AppendContents(out, false, HorizonDays(sources[0]) >= kMinAverageDays);

  out += "<h2 id=\"summary\">Summary</h2>\n";
  out += fmt::format(
      "<p class=\"note\">Totals over the horizon, per replication: mean over "
      "{} replications \u00b1 the half-width of the 95% confidence "
      "interval. Rates in %, their CIs in percentage points (pp).</p>\n",
      result.replications);
  AppendSummaryTable(out, result);
  if (result.call_types.size() > 1 || result.agent_groups.size() > 1) {
    out += "<h2 id=\"breakdown\">By call type and agent group</h2>\n";
    out += "<p class=\"note\">Means over replications.</p>\n";
    AppendCallTypeTable(out, result);
    AppendAgentGroupTable(out, result);
  }
  AppendCharts(out, sources, scenario, false);
  AppendPageEnd(out);
  return out;
}

std::string FormatHtmlComparison(const Comparison& comparison,
                                 const Scenario& base,
                                 std::span<const Scenario> variants) {
  const size_t n =
      std::min({comparison.variants.size(), comparison.variant_results.size(),
                variants.size()});
  std::vector<Source> sources;
  sources.push_back({comparison.base_label, &comparison.base, &base, 0});
  for (size_t v = 0; v < n; ++v) {
    sources.push_back({comparison.variants[v].label,
                       &comparison.variant_results[v], &variants[v],
                       static_cast<int>(v) + 1});
  }
  std::string labels;
  for (size_t v = 0; v < n; ++v) {
    labels += (v > 0 ? ", " : "") + comparison.variants[v].label;
  }
  const std::string title =
      fmt::format("ccsim comparison: {} vs {}", comparison.base_label, labels);

  std::string out;
  AppendPageStart(out, title);
  out += fmt::format("<header>\n<h1>{}</h1>\n", Escape(title));
  out += "<table class=\"meta\">\n";
  AppendMetaRow(out, "Seed", fmt::format("{}", comparison.seed));
  AppendMetaRow(out, "Replications",
                fmt::format("{} per scenario, with common random numbers",
                            comparison.replications));
  AppendMetaRow(out, "Horizon", Escape(HorizonText(base)));
  AppendMetaRow(out, "Start date", Escape(StartDateText(base)));
  AppendMetaRow(out, "Service-level target", Escape(TargetText(base)));
  out += "</table>\n";
  out +=
      "<table id=\"scenario-table\">\n<thead><tr><th>Role</th>"
      "<th>Label</th><th>Scenario</th><th>Horizon</th>"
      "<th>Service-level target</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < sources.size(); ++i) {
    const Source& s = sources[i];
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        i == 0 ? std::string("base") : fmt::format("variant {}", i),
        Escape(s.label), Escape(s.scenario->name),
        Escape(ShortHorizonText(*s.scenario)),
        Escape(ShortTargetText(*s.scenario)));
  }
  out += "</tbody>\n</table>\n</header>\n";
  double days = 0;
  for (const Source& s : sources) days = std::max(days, HorizonDays(s));
  AppendContents(out, true, days >= kMinAverageDays);

  out += "<h2 id=\"summary\">Summary</h2>\n";
  out += fmt::format(
      "<p class=\"note\">Totals over the horizon, means over {} "
      "replications. Difference = variant \u2212 base, estimated from the "
      "paired replications, \u00b1 the half-width of its 95% confidence "
      "interval; <b>*</b> marks a significant difference (the CI excludes "
      "zero). Rates in %, their differences in percentage points "
      "(pp).</p>\n",
      comparison.replications);
  out +=
      "<table id=\"comparison-table\">\n<thead><tr><th rowspan=\"2\">"
      "Metric</th>";
  out += fmt::format("<th class=\"num\" rowspan=\"2\">Base<br>{}</th>",
                     Escape(comparison.base_label));
  for (size_t v = 0; v < n; ++v) {
    out += fmt::format("<th colspan=\"2\" class=\"num\">{}</th>",
                       Escape(comparison.variants[v].label));
  }
  out += "</tr>\n<tr>";
  for (size_t v = 0; v < n; ++v) {
    out +=
        "<th class=\"num\">Variant</th><th class=\"num\">Difference "
        "\u00b1 95% CI</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (Metric m : kSummaryMetrics) {
    out +=
        fmt::format("<tr><td>{}</td><td class=\"num\">{}</td>", MetricCell(m),
                    Value(m, Get(comparison.base.total, m).mean));
    for (size_t v = 0; v < n; ++v) {
      const PairedEstimate& p =
          comparison.variants[v].total[static_cast<int>(m)];
      out += fmt::format("<td class=\"num\">{}</td>", Value(m, p.variant.mean));
      const std::string diff = DifferenceText(m, p.difference);
      out += p.significant
                 ? fmt::format("<td class=\"num sig\">{} *</td>", diff)
                 : fmt::format("<td class=\"num\">{}</td>", diff);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";

  out += "<h2 id=\"differences\">Differences</h2>\n";
  AppendFigure(out, DifferenceChart(comparison),
               "Each metric on its own scale, centred on zero. A whisker that "
               "does not cross the zero line is a significant difference.");
  bool grids_differ = false;
  for (size_t v = 0; v < n; ++v) {
    if (comparison.variants[v].intervals.empty() &&
        !comparison.base.intervals.empty()) {
      grids_differ = true;
    }
  }
  if (grids_differ) {
    out +=
        "<p class=\"note\">Some variants report other intervals than the "
        "base (warm-up, horizon or interval length differ); the charts "
        "line them up by date and time of day.</p>\n";
  }
  AppendCharts(out, sources, base, true);
  AppendPageEnd(out);
  return out;
}

}  // namespace ccsim
