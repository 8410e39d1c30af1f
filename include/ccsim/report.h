// Writing run results as a readable table, JSON or CSV.
//
//   std::string json = ccsim::FormatJson(result, scenario);
//
//   ccsim::ReportOptions options;  // every metric
//   options.metrics = *ccsim::ParseMetricList("offered,service_level");
//   std::string csv = ccsim::FormatCsv(result, scenario, options);
//
// All three are deterministic functions of the result: the same scenario
// and seed give byte-identical output for any thread count. Numbers use the
// shortest representation that reads back exactly; undefined values (NaN)
// are `null` in JSON and empty in CSV.
#ifndef CCSIM_REPORT_H_
#define CCSIM_REPORT_H_

#include <bitset>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"

namespace ccsim {

enum class OutputFormat { kTable, kJson, kCsv };

// "table", "json" or "csv".
absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name);

// A set of metrics, indexed by Metric.
using MetricSet = std::bitset<kNumMetrics>;

// Every metric.
MetricSet AllMetrics();
// The foundation model's metrics (offered ... staffed_hours).
MetricSet FoundationMetrics();
// What a report of `scenario` shows unless told otherwise: every metric,
// less the callback metrics when no call type offers callbacks (so that
// the output of a scenario without them keeps its shape).
MetricSet DefaultMetrics(const Scenario& scenario);

// Comma-separated metric keys ("offered,service_level,occupancy"; spaces
// around a key are ignored) as a set. An unknown or empty key is an
// InvalidArgumentError naming it, listing the valid keys and suggesting the
// closest one.
absl::StatusOr<MetricSet> ParseMetricList(std::string_view list);

// What a report shows. Scopes, sections and key names do not change with
// the selection; only metrics are left out. A selection of foundation
// metrics only gives exactly the foundation model's output shape.
struct ReportOptions {
  // Metrics to show, in every scope they apply to (MetricApplies).
  MetricSet metrics = AllMetrics();

  bool Shows(Metric m) const { return metrics.test(static_cast<int>(m)); }
  // The selected metrics that apply to `scope` (MetricApplies).
  MetricSet ShownIn(Scope scope) const;
  // Those of the per-group intervals: the agent-time metrics shown for
  // agent groups.
  MetricSet ShownInGroupIntervals() const;
  // The call flow is shown when `calls` is selected.
  bool ShowsCallFlow() const { return Shows(Metric::kCalls); }
  // Per-group intervals (when the result has them) are shown for the
  // selected agent-time metrics, unless every selected metric is a
  // foundation metric.
  bool ShowsAgentGroupIntervals() const;
};

// One JSON document:
//   {"scenario": ..., "seed": ..., "replications": ..., "horizon": "30d",
//    "warmup": "1d", "interval": "30m", "service_level_threshold_s": 20,
//    "short_abandon_s": 5,
//    "metrics": {"offered": {"mean": x, "ci95": h}, ...},
//    "call_flow": {"per": 100, "closed": {"mean": x, "ci95": h}, ...},
//    "intervals": [{"day": 1, "start": "00:00", "metrics": {...}}, ...],
//    "call_types": {"general": {"metrics": {...}}},
//    "agent_groups": {"team": {"metrics": {...},
//        "intervals": [{"day": 1, "start": "00:00", "metrics": {...}}]}}}
// "call_flow" and the agent groups' "intervals" are left out as described
// at ReportOptions.
std::string FormatJson(const RunResult& result, const Scenario& scenario,
                       const ReportOptions& options);
std::string FormatJson(const RunResult& result, const Scenario& scenario);

// Tidy CSV, one row per scope and metric:
//   scope,name,day,start,metric,mean,ci95
// where scope is total, call_flow (name per_100, metric the CallFlow step,
// right after the total rows), interval, call_type, agent_group or
// agent_group_interval (name, day and start set).
std::string FormatCsv(const RunResult& result, const Scenario& scenario,
                      const ReportOptions& options);
std::string FormatCsv(const RunResult& result, const Scenario& scenario);

// Aligned text: the totals (metric, mean, ±95% CI), the call flow per 100
// calls, then per call type and per agent group.
std::string FormatTable(const RunResult& result, const Scenario& scenario,
                        const ReportOptions& options);
std::string FormatTable(const RunResult& result, const Scenario& scenario);

std::string FormatResult(const RunResult& result, const Scenario& scenario,
                         OutputFormat format, const ReportOptions& options);
std::string FormatResult(const RunResult& result, const Scenario& scenario,
                         OutputFormat format);

}  // namespace ccsim

#endif  // CCSIM_REPORT_H_
