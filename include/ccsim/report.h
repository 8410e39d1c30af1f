// Writing run results as a readable table, JSON or CSV.
//
//   std::string json = ccsim::FormatJson(result, scenario);
//
// All three are deterministic functions of the result: the same scenario
// and seed give byte-identical output for any thread count. Numbers use the
// shortest representation that reads back exactly; undefined values (NaN)
// are `null` in JSON and empty in CSV.
#ifndef CCSIM_REPORT_H_
#define CCSIM_REPORT_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"

namespace ccsim {

enum class OutputFormat { kTable, kJson, kCsv };

// "table", "json" or "csv".
absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name);

// One JSON document:
//   {"scenario": ..., "seed": ..., "replications": ..., "horizon": "30d",
//    "warmup": "1d", "interval": "30m", "service_level_threshold_s": 20,
//    "metrics": {"offered": {"mean": x, "ci95": h}, ...},
//    "intervals": [{"day": 1, "start": "00:00", "metrics": {...}}, ...],
//    "call_types": {"general": {"metrics": {...}}},
//    "agent_groups": {"team": {"metrics": {...}}}}
std::string FormatJson(const RunResult& result, const Scenario& scenario);

// Tidy CSV, one row per scope and metric:
//   scope,name,day,start,metric,mean,ci95
// where scope is total, interval, call_type or agent_group.
std::string FormatCsv(const RunResult& result, const Scenario& scenario);

// Aligned text: the totals (metric, mean, ±95% CI), then per call type and
// per agent group.
std::string FormatTable(const RunResult& result, const Scenario& scenario);

std::string FormatResult(const RunResult& result, const Scenario& scenario,
                         OutputFormat format);

}  // namespace ccsim

#endif  // CCSIM_REPORT_H_
