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

// Result scopes: the scopes of the CSV (and sections of the JSON) that
// `ccsim run --scopes` selects and a sweep keeps per point.
enum class SweepScope : int {
  kTotal,       // whole-horizon totals
  kCallFlow,    // the call flow per 100 calls
  kInterval,    // every reported interval
  kCallType,    // per call type
  kAgentGroup,  // per agent group
  kCount,
};
inline constexpr int kNumSweepScopes = static_cast<int>(SweepScope::kCount);
inline constexpr std::string_view kSweepScopeNames[kNumSweepScopes] = {
    "total", "call_flow", "interval", "call_type", "agent_group"};
using SweepScopes = std::bitset<kNumSweepScopes>;

// A scope name as a scope. An unknown name is an InvalidArgumentError
// "unknown scope 'x'; expected one of: ..." suggesting the closest name.
absl::StatusOr<SweepScope> ParseScope(std::string_view name);
// Comma-separated scope names ("total,call_type"; spaces around a name are
// ignored) as a set; errors as ParseScope, and for an empty name.
absl::StatusOr<SweepScopes> ParseScopeList(std::string_view list);

// What a report shows. Scopes, sections and key names do not change with
// the selection; only metrics are left out. A selection of foundation
// metrics only gives exactly the foundation model's output shape.
struct ReportOptions {
  // Metrics to show, in every scope they apply to (MetricApplies).
  MetricSet metrics = AllMetrics();
  // Scopes to show in JSON, CSV and the table (default: all). The agent
  // groups' intervals need both kAgentGroup and kInterval; the call flow
  // needs kCallFlow and `calls`.
  SweepScopes scopes = SweepScopes().set();
  // The analyst additions to JSON and CSV: each interval's `date`, each
  // estimate's `n` and the header's `service_level_target`. False gives the
  // shape of the releases before them, byte for byte.
  bool analyst_fields = true;
  // Each replication's values from RunResult::per_replication (filled by
  // RunOptions::keep_replication_totals): JSON adds "per_replication" (the
  // total and per-call-type values of each replication), CSV `replication`
  // rows (totals, when kTotal is shown); the comparison writes them per
  // variant. Nothing when the result has none.
  bool per_replication = false;

  bool Includes(SweepScope s) const { return scopes.test(static_cast<int>(s)); }

  bool Shows(Metric m) const { return metrics.test(static_cast<int>(m)); }
  // The selected metrics that apply to `scope` (MetricApplies).
  MetricSet ShownIn(Scope scope) const;
  // Those of the per-group intervals: the agent-time metrics shown for
  // agent groups.
  MetricSet ShownInGroupIntervals() const;
  // The call flow is shown when `calls` and its scope are selected.
  bool ShowsCallFlow() const {
    return Shows(Metric::kCalls) && Includes(SweepScope::kCallFlow);
  }
  // Per-group intervals (when the result has them) are shown for the
  // selected agent-time metrics, unless every selected metric is a
  // foundation metric.
  bool ShowsAgentGroupIntervals() const;
};

// One JSON document:
//   {"scenario": ..., "seed": ..., "replications": ..., "horizon": "30d",
//    "warmup": "1d", "interval": "30m", "service_level_threshold_s": 20,
//    "service_level_target": 0.8, "short_abandon_s": 5,
//    "metrics": {"offered": {"mean": x, "ci95": h, "n": k}, ...},
//    "call_flow": {"per": 100, "closed": {"mean": x, "ci95": h, "n": k}, ...},
//    "intervals": [{"day": 1, "date": "2024-01-01", "start": "00:00",
//                   "metrics": {...}}, ...],
//    "call_types": {"general": {"metrics": {...}}},
//    "agent_groups": {"team": {"metrics": {...},
//        "intervals": [{"day": 1, "date": ..., "start": ..., "metrics":
//        ...}]}},
//    "per_replication": [{"replication": 1, "metrics": {"offered": 812, ...},
//                         "call_types": {"general": {...}}}, ...]}
// "call_flow", the agent groups' "intervals" and "per_replication" are left
// out as described at ReportOptions, and so is each section whose scope is
// not selected; "date", "n" and "service_level_target" without
// analyst_fields. `n` is the number of replications in which the value was
// defined; `date` is the interval's calendar date (calendar.start_date is
// day 1).
std::string FormatJson(const RunResult& result, const Scenario& scenario,
                       const ReportOptions& options);
std::string FormatJson(const RunResult& result, const Scenario& scenario);

// Tidy CSV, one row per scope and metric:
//   scope,name,day,start,metric,mean,ci95,n,date
// where scope is total, call_flow (name per_100, metric the CallFlow step,
// right after the total rows), interval, call_type, agent_group or
// agent_group_interval (name, day, start and date set), then with
// ReportOptions::per_replication `replication` (name the replication from
// 1, mean its value, ci95 and n empty). Without analyst_fields the last two
// columns are left out.
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
