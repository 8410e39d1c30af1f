// Number and text formatting shared by the report writers (private to the
// library): JSON and CSV values, interval dates, readable table values per
// metric, and which intervals a "peak" statement may name.
#ifndef CCSIM_SIM_RUN_TEXT_FORMAT_H_
#define CCSIM_SIM_RUN_TEXT_FORMAT_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/scenario.h"

namespace ccsim::report_internal {

// Shortest text that reads back exactly; "null" when not finite.
std::string JsonNumber(double v);
// A JSON string literal, quotes included.
std::string JsonString(std::string_view s);
// {"mean": x, "ci95": h, "n": k}, or without "n" (the shape before it).
std::string JsonEstimate(const Estimate& e, bool with_n);
// Shortest text that reads back exactly; "" when not finite.
std::string CsvNumber(double v);
// "YYYY-MM-DD".
std::string IsoDate(const Date& d);
// The date of reported day `day` (1 = the scenario's calendar.start_date,
// the day in which the warm-up ends), as every report dates its intervals.
Date DateOfDay(const Date& start_date, int day);
Date DateOfDay(const Scenario& s, int day);
// The field, quoted when it holds a comma, quote or newline.
std::string CsvField(std::string_view s);
// What a metric's values are, for formatting: counts, seconds, hours,
// calls per caller, or rates and shares (fractions).
enum class MetricUnit { kCount, kSeconds, kHours, kCallsPerCaller, kShare };
MetricUnit UnitOf(Metric metric);

// Readable number for tables: counts with one decimal, seconds, hours and
// calls per caller with two, rates and shares as percentages; "-" when not
// finite.
std::string TableValue(Metric metric, double v);

// "Peak", "lowest" and "largest rise/fall" statements leave out negligible
// intervals (e.g. a few agent-seconds after closing): those whose weight
// (agent hours, calls offered) is below this share of the largest.
inline constexpr double kNegligibleShare = 0.05;
// For each weight: finite, above zero and at least kNegligibleShare of the
// largest finite weight.
std::vector<bool> NotNegligible(std::span<const double> weights);

// The answer rate's reference in reports: the scenario's answer-rate
// staffing goal (`metric: answer_rate`, at least) when it has one, else the
// service-level target, which is a floor (every call answered within the
// threshold is answered). `is_goal` tells which.
struct AnswerRateReference {
  double value = 0.8;
  bool is_goal = false;
};
AnswerRateReference AnswerRateReferenceOf(const Scenario& s);

// How a metric changed per interval in a comparison: the intervals where
// its difference is defined, where it rose and fell significantly, and
// the largest significant rise and fall among the intervals whose offered
// calls in the base are not negligible (null when none); the first of
// equals. The text table and the HTML report state the same.
struct IntervalChanges {
  int defined = 0;
  int higher = 0;
  int lower = 0;
  const IntervalComparison* largest_rise = nullptr;
  const IntervalComparison* largest_fall = nullptr;
};
IntervalChanges CountIntervalChanges(const VariantComparison& vc, Metric m);

// The table's label of call-flow step `step` (index into
// kCallFlowStepNames), with the service-level threshold `threshold`
// ("answered within 20s"); defined in report.cc with the table.
std::string CallFlowLabel(int step, std::string_view threshold);

}  // namespace ccsim::report_internal

#endif  // CCSIM_SIM_RUN_TEXT_FORMAT_H_
