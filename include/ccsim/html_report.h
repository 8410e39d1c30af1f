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
// service-level target), a table of the key totals with 95% CIs, and charts,
// each an <svg role="img"> with a stable id:
//
//   chart-offered-answered   offered and answered calls per interval
//   chart-service-level      service level per interval and the target
//   chart-wait-abandon       mean wait and abandon rate per interval
//   chart-agents             agents staffed, busy and on break per interval
//   chart-call-flow          what became of 100 call attempts
//   chart-differences        (comparison only) variant - base per key
//                            metric, with 95% CI whiskers
//
// For horizons of two days or more the four per-interval charts are also
// drawn for the average day (mean over days by time of day; rates are
// pooled, i.e. weighted by each day's offered calls), with ids
// chart-offered-answered-day and so on. In a comparison the base and the
// variants are overlaid in every per-interval chart, and the tables show
// base, variant and difference +- CI with significant differences marked.
// Undefined values (NaN, e.g. the service level of an interval without
// calls) break the lines. Names from scenarios are HTML-escaped. The output
// is a deterministic function of its inputs.
#ifndef CCSIM_HTML_REPORT_H_
#define CCSIM_HTML_REPORT_H_

#include <span>
#include <string>

#include "ccsim/compare.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"

namespace ccsim {

// The report of one run of `scenario`.
std::string FormatHtmlReport(const RunResult& result, const Scenario& scenario);

// The report of a comparison; `variants` as given to CompareScenarios, in
// the order of comparison.variants.
std::string FormatHtmlComparison(const Comparison& comparison,
                                 const Scenario& base,
                                 std::span<const Scenario> variants);

}  // namespace ccsim

#endif  // CCSIM_HTML_REPORT_H_
