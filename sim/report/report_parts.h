// The parts of the run and comparison reports (ccsim/html_report.h),
// private to sim/report: how a metric reads, the runs a report shows, their
// intervals as time series and as days, and the sections of the page.
//
//   metric_format.cc   FormatOf, MetricLabel, Value, Spread, ...
//   interval_axes.cc   Source, midpoints, weekday classes, time axes
//   interval_charts.cc the line charts, the call flow and the differences
//   heatmap_section.cc the heatmaps and the "at a glance" statements
//   interval_table.cc  the collapsible per-interval tables
//   html_report.cc     the two pages
#ifndef CCSIM_SIM_REPORT_REPORT_PARTS_H_
#define CCSIM_SIM_REPORT_REPORT_PARTS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "sim/report/svg.h"
#include "sim/run/text_format.h"

namespace ccsim::html {

// ---- How a metric reads (metric_format.cc) ----------------------------------

// Rates as percentages (differences and CIs in percentage points), times in
// seconds or hours, counts as they are.
struct MetricFormat {
  double scale = 1;
  int decimals = 1;
  std::string_view suffix;       // after a value: "%", " s", " h", ""
  std::string_view diff_suffix;  // after a difference or CI: " pp", ...
  std::string_view unit;         // words, for chart rows
  int diff_decimals = 1;         // of differences and CI half-widths
};

MetricFormat FormatOf(Metric m);
bool IsRate(Metric m);  // shown as a percentage
std::string_view MetricLabel(Metric m);
// Column headings of tables (narrower than MetricLabel).
std::string_view ShortLabel(Metric m);
// "Answer rate <code>answer_rate</code>".
std::string MetricCell(Metric m);
// "80.4%", "12.3 s", "-" (en dash) when undefined.
std::string Value(Metric m, double v);
// A CI half-width (unsigned) or a difference (signed) in the units of
// differences (percentage points for rates), without the unit.
std::string Spread(Metric m, double v, bool sign);
// "+1.23 ± 0.45 pp".
std::string DifferenceText(Metric m, const Estimate& d);
const Estimate& Get(const MetricEstimates& m, Metric metric);
bool Finite(double v);

// ---- Runs and their intervals (interval_axes.cc) ----------------------------

constexpr double kDaySeconds = 86400;

// One scenario's run in a report (the only one, or the base or a variant).
struct Source {
  std::string label;
  const RunResult* result = nullptr;
  const Scenario* scenario = nullptr;
  int style = 0;
};

// Seconds since midnight of "HH:MM".
double ClockSeconds(std::string_view hhmm);
// "Wed 1 Jul"; "HH:MM" of seconds since midnight.
std::string DateLabel(const Date& d);
std::string ClockLabel(double seconds_of_day);
// The date of reported day `day` (1 = the scenario's start date); shared
// with the JSON and CSV writers.
using report_internal::DateOfDay;

// Seconds since 00:00 of day 1 at the middle of each interval, so that
// sources with other intervals or horizons line up by clock time.
std::vector<double> Midpoints(const Source& s);
std::vector<double> Means(const Source& s, Metric m, double scale);
// The average number of agents in a state during each interval: the
// state's agent hours over the interval's length in hours.
std::vector<double> Agents(const Source& s, std::span<const Metric> hours);
// The horizon's length in days.
double HorizonDays(const Source& s);
// The average day is shown when it averages at least two days.
constexpr double kMinAverageDays = 2;

// Days are grouped for the average day by weekday class: Monday to Friday,
// Saturday, Sunday (centres staff and are called differently on each).
constexpr int kNumDayClasses = 3;
int DayClassOf(const Date& d);
std::string_view DayClassName(int day_class);  // "Mon–Fri", "Saturday", ...
// The class of each reported interval's day.
std::vector<int> DayClasses(const Source& s);

// "Peak" and "lowest" statements name only intervals that are not
// negligible (sim/run/text_format.h).
using report_internal::kNegligibleShare;
using report_internal::NotNegligible;

// Which view of the intervals a chart shows.
enum class View { kHorizon, kAverageDay };

svg::XAxis HorizonAxis(double lo, double hi, const Date& day1);
svg::XAxis AverageDayAxis();

// ---- What the page shows
// ------------------------------------------------------

// Shared by the sections of one page.
struct PageContext {
  std::vector<Source> sources;  // the run, or the base then the variants
  bool compare = false;
  ReportOptions options;
  std::string interval_text;   // "30m"
  std::string threshold_text;  // "20s"
  double target = 0.8;         // service level
  // The answer rate's reference: the scenario's answer-rate staffing goal,
  // else the service-level target (a floor: answer rate >= service level).
  double answer_target = 0.8;
  bool answer_target_is_goal = false;

  bool Shows(Metric m) const { return options.Shows(m); }
};

PageContext MakePageContext(std::vector<Source> sources, const Scenario& base,
                            bool compare, const ReportOptions& options);

void AppendFigure(std::string& out, const std::string& svg_text,
                  std::string_view note = "");

// interval_charts.cc: the answer rate with the call flow and the callers
// who gave up, the per-interval charts and the average day per weekday
// class. `average_day` tells whether the average day is drawn.
void AppendAnswerRate(std::string& out, const PageContext& c);
void AppendIntervalCharts(std::string& out, const PageContext& c);
bool HasAverageDay(const PageContext& c);
std::string DifferenceChart(const Comparison& c, const ReportOptions& options);

// heatmap_section.cc: "at a glance" and the heatmaps.
void AppendRunGlance(std::string& out, const PageContext& c);
void AppendRunHeatmaps(std::string& out, const PageContext& c);
void AppendCompareGlance(std::string& out, const PageContext& c,
                         const Comparison& comparison);
void AppendCompareHeatmaps(std::string& out, const PageContext& c,
                           const Comparison& comparison);
// Whether the heatmap sections have anything to show.
bool HasRunHeatmaps(const PageContext& c);
bool HasCompareHeatmaps(const PageContext& c, const Comparison& comparison);

// interval_table.cc: the per-interval tables, collapsed.
void AppendRunIntervalTable(std::string& out, const PageContext& c);
void AppendCompareIntervalTables(std::string& out, const PageContext& c,
                                 const Comparison& comparison);

}  // namespace ccsim::html

#endif  // CCSIM_SIM_REPORT_REPORT_PARTS_H_
