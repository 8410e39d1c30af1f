// Self-contained HTML reports with inline SVG charts.
//
//   absl::StatusOr<ccsim::RunResult> r = ccsim::RunScenario(scenario, {});
//   std::string html = ccsim::FormatHtmlReport(*r, scenario);
//
//   absl::StatusOr<ccsim::Comparison> c =
//       ccsim::CompareScenarios(base, variants, {});
//   std::string html = ccsim::FormatHtmlComparison(*c, base, variants);
//
// The page needs nothing else: no network, scripts, fonts or style sheets
// (the only URL in it is the SVG namespace name). It holds a header (the
// scenario, seed, replications, horizon, warm-up, interval and the
// service-level target), then, each part shown when the metrics it needs
// are selected (`options`, as for the text table):
//
//   #glance            "at a glance": the service level and answer rate
//                      against the target, the intervals below it, the
//                      lowest interval, callers who gave up, the call flow
//   heatmap-service-level, heatmap-answer-rate
//                      day x interval of the day, coloured by the distance
//                      from the target, dots where the 95% CI lies wholly
//                      below it (comparison: heatmap-diff-service-level-V
//                      and heatmap-diff-answer-rate-V, the paired
//                      difference of variant V, triangles for significant
//                      rises and falls)
//   #interval-table    every interval's key metrics with CIs, collapsed
//                      (comparison: #interval-table-V per variant)
//   summary-table      key totals with 95% CIs (comparison-table: base,
//                      variant, difference +- CI, significant ones marked)
//   chart-answer-rate  answer rate, callers who gave up, blocked attempts
//   chart-call-flow    what became of 100 call attempts
//   chart-offered-answered, chart-service-level, chart-wait-abandon,
//   chart-agents       per interval over the horizon
//   chart-differences  (comparison only) variant - base per key metric
//
// For horizons of two days or more the per-interval charts (and the answer
// rate) are also drawn for the average day of each weekday class (Mon-Fri,
// Saturday, Sunday; rates pooled, i.e. weighted by each day's offered
// calls), with ids chart-service-level-day and so on. In a comparison the
// base and the variants are overlaid in every per-interval chart. Undefined
// values (NaN, e.g. the service level of an interval without calls) break
// the lines and are grey in heatmaps. Names from scenarios are HTML-escaped.
// The output is a deterministic function of its inputs. docs/html-report.md
// describes every part.
#ifndef CCSIM_HTML_REPORT_H_
#define CCSIM_HTML_REPORT_H_

#include <span>
#include <string>

#include "ccsim/compare.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"

namespace ccsim {

// The report of one run of `scenario`, showing what `options` selects
// (without options: every metric).
std::string FormatHtmlReport(const RunResult& result, const Scenario& scenario,
                             const ReportOptions& options);
std::string FormatHtmlReport(const RunResult& result, const Scenario& scenario);

// The report of a comparison; `variants` as given to CompareScenarios, in
// the order of comparison.variants.
std::string FormatHtmlComparison(const Comparison& comparison,
                                 const Scenario& base,
                                 std::span<const Scenario> variants,
                                 const ReportOptions& options);
std::string FormatHtmlComparison(const Comparison& comparison,
                                 const Scenario& base,
                                 std::span<const Scenario> variants);

}  // namespace ccsim

#endif  // CCSIM_HTML_REPORT_H_
