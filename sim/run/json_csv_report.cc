// FormatJson and FormatCsv (ccsim/report.h): the machine-readable outputs of
// `ccsim run`, with the scopes ReportOptions selects, each interval's date,
// each estimate's `n` and, on request, each replication's values. The
// table, the metric selection and the scope names are in report.cc.
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/report.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"

namespace ccsim {
namespace {

using report_internal::CsvField;
using report_internal::CsvNumber;
using report_internal::DateOfDay;
using report_internal::IsoDate;
using report_internal::JsonNumber;
using report_internal::JsonString;

std::string JsonEstimate(const Estimate& e, const ReportOptions& options) {
  return report_internal::JsonEstimate(e, options.analyst_fields);
}

// {"offered": VALUE(0), ...} over the shown metrics, in key order.
template <typename Value>
void AppendJsonObject(std::string& out, const MetricSet& shown, Value value) {
  out += "{";
  bool first = true;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    if (!first) out += ", ";
    first = false;
    out += fmt::format("\"{}\": {}", kMetricNames[i], value(i));
  }
  out += "}";
}

void AppendJsonMetrics(std::string& out, const MetricEstimates& m,
                       const MetricSet& shown, const ReportOptions& options) {
  AppendJsonObject(out, shown,
                   [&](int i) { return JsonEstimate(m[i], options); });
}

// One replication's values: {"offered": 812, "answer_rate": 0.9, ...}.
void AppendJsonValues(std::string& out, const MetricValues& v,
                      const MetricSet& shown) {
  AppendJsonObject(out, shown, [&](int i) { return JsonNumber(v[i]); });
}

// [{"day": 1, "date": "2024-01-01", "start": "00:00", "metrics": ...}, ...]
void AppendJsonIntervals(std::string& out,
                         const std::vector<IntervalEstimates>& rows,
                         const MetricSet& shown, const Scenario& s,
                         const ReportOptions& options) {
  out += "[";
  for (size_t i = 0; i < rows.size(); ++i) {
    const IntervalEstimates& ie = rows[i];
    out += i == 0 ? "\n" : ",\n";
    out += fmt::format("{{\"day\": {}, ", ie.day);
    if (options.analyst_fields) {
      out += fmt::format("\"date\": \"{}\", ", IsoDate(DateOfDay(s, ie.day)));
    }
    out += fmt::format("\"start\": {}, \"metrics\": ", JsonString(ie.start));
    AppendJsonMetrics(out, ie.metrics, shown, options);
    out += "}";
  }
  out += "]";
}

// The CSV columns after ci95: `n` and `date` (empty where not set).
std::string CsvTail(const ReportOptions& options, std::string_view n,
                    std::string_view date) {
  if (!options.analyst_fields) return "";
  return fmt::format(",{},{}", n, date);
}

// One row per shown metric; `date` is empty outside the intervals.
void AppendCsvRows(std::string& out, std::string_view scope,
                   std::string_view name, std::string_view day,
                   std::string_view start, std::string_view date,
                   const MetricEstimates& m, const MetricSet& shown,
                   const ReportOptions& options) {
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    out += fmt::format("{},{},{},{},{},{},{}{}\n", scope, CsvField(name), day,
                       start, kMetricNames[i], CsvNumber(m[i].mean),
                       CsvNumber(m[i].ci95),
                       CsvTail(options, fmt::format("{}", m[i].n), date));
  }
}

void AppendCsvIntervals(std::string& out, std::string_view scope,
                        std::string_view name,
                        const std::vector<IntervalEstimates>& rows,
                        const MetricSet& shown, const Scenario& s,
                        const ReportOptions& options) {
  for (const IntervalEstimates& ie : rows) {
    AppendCsvRows(out, scope, name, fmt::format("{}", ie.day), ie.start,
                  IsoDate(DateOfDay(s, ie.day)), ie.metrics, shown, options);
  }
}

bool ShowsGroupIntervals(const RunResult& r, const ReportOptions& options) {
  return options.ShowsAgentGroupIntervals() &&
         options.Includes(SweepScope::kInterval) &&
         options.ShownInGroupIntervals().any() &&
         !r.agent_group_intervals.empty();
}

}  // namespace

std::string FormatJson(const RunResult& r, const Scenario& s,
                       const ReportOptions& options) {
  std::string out;
  out += "{";
  out += fmt::format("\"scenario\": {}, ", JsonString(r.scenario));
  out += fmt::format("\"seed\": {}, \"replications\": {}, ", r.seed,
                     r.replications);
  out += fmt::format("\"horizon\": {}, \"warmup\": {}, \"interval\": {}, ",
                     JsonString(FormatDuration(s.horizon)),
                     JsonString(FormatDuration(s.warmup)),
                     JsonString(FormatDuration(s.interval)));
  out += fmt::format("\"service_level_threshold_s\": {}, ",
                     JsonNumber(s.service_level.threshold.seconds()));
  if (options.analyst_fields) {
    out += fmt::format("\"service_level_target\": {}, ",
                       JsonNumber(s.service_level.target));
  }
  out += fmt::format("\"short_abandon_s\": {}",
                     JsonNumber(s.service_level.short_abandon.seconds()));
  if (const auto& second = s.service_level.second; second.has_value()) {
    out += fmt::format(
        ",\n\"service_level_2_threshold_s\": {}, \"service_level_2_target\": "
        "{}",
        JsonNumber(second->threshold.seconds()), JsonNumber(second->target));
  }
  // Each section starts with ",\n" after the header or the one before.
  if (options.Includes(SweepScope::kTotal)) {
    out += ",\n\"metrics\": ";
    AppendJsonMetrics(out, r.total, options.ShownIn(Scope::kTotal), options);
  }
  if (options.ShowsCallFlow()) {
    out += ",\n\"call_flow\": {\"per\": 100";
    const auto steps = CallFlowSteps(r.call_flow);
    for (int k = 0; k < kNumCallFlowSteps; ++k) {
      out += fmt::format(", \"{}\": {}", kCallFlowStepNames[k],
                         JsonEstimate(*steps[k], options));
    }
    out += "}";
  }
  if (options.Includes(SweepScope::kInterval)) {
    out += ",\n\"intervals\": ";
    AppendJsonIntervals(out, r.intervals, options.ShownIn(Scope::kInterval), s,
                        options);
  }
  if (options.Includes(SweepScope::kCallType)) {
    const MetricSet in_call_type = options.ShownIn(Scope::kCallType);
    out += ",\n\"call_types\": {";
    for (size_t i = 0; i < r.call_types.size(); ++i) {
      out += i == 0 ? "\n" : ",\n";
      out +=
          fmt::format("{}: {{\"metrics\": ", JsonString(r.call_types[i].name));
      AppendJsonMetrics(out, r.call_types[i].metrics, in_call_type, options);
      out += "}";
    }
    out += "}";
  }
  if (options.Includes(SweepScope::kAgentGroup)) {
    const MetricSet in_group = options.ShownIn(Scope::kAgentGroup);
    const bool group_intervals = ShowsGroupIntervals(r, options);
    out += ",\n\"agent_groups\": {";
    for (size_t i = 0; i < r.agent_groups.size(); ++i) {
      out += i == 0 ? "\n" : ",\n";
      out += fmt::format("{}: {{\"metrics\": ",
                         JsonString(r.agent_groups[i].name));
      AppendJsonMetrics(out, r.agent_groups[i].metrics, in_group, options);
      if (group_intervals && i < r.agent_group_intervals.size()) {
        out += ", \"intervals\": ";
        AppendJsonIntervals(out, r.agent_group_intervals[i],
                            options.ShownInGroupIntervals(), s, options);
      }
      out += "}";
    }
    out += "}";
  }
  if (options.per_replication && !r.per_replication.empty()) {
    const MetricSet in_total = options.ShownIn(Scope::kTotal);
    const MetricSet in_call_type = options.ShownIn(Scope::kCallType);
    out += ",\n\"per_replication\": [";
    for (size_t k = 0; k < r.per_replication.size(); ++k) {
      const ReplicationTotals& rep = r.per_replication[k];
      out += k == 0 ? "\n" : ",\n";
      out += fmt::format("{{\"replication\": {}", k + 1);
      if (options.Includes(SweepScope::kTotal)) {
        out += ", \"metrics\": ";
        AppendJsonValues(out, rep.total, in_total);
      }
      if (options.Includes(SweepScope::kCallType)) {
        out += ", \"call_types\": {";
        for (size_t t = 0; t < r.call_types.size(); ++t) {
          if (t >= rep.call_types.size()) break;
          out += fmt::format("{}{}: ", t == 0 ? "" : ", ",
                             JsonString(r.call_types[t].name));
          AppendJsonValues(out, rep.call_types[t], in_call_type);
        }
        out += "}";
      }
      out += "}";
    }
    out += "]";
  }
  out += "\n}\n";
  return out;
}

std::string FormatCsv(const RunResult& r, const Scenario& s,
                      const ReportOptions& options) {
  std::string out = "scope,name,day,start,metric,mean,ci95";
  out += options.analyst_fields ? ",n,date\n" : "\n";
  if (options.Includes(SweepScope::kTotal)) {
    AppendCsvRows(out, "total", "", "", "", "", r.total,
                  options.ShownIn(Scope::kTotal), options);
  }
  if (options.ShowsCallFlow()) {
    const auto steps = CallFlowSteps(r.call_flow);
    for (int k = 0; k < kNumCallFlowSteps; ++k) {
      const Estimate& e = *steps[k];
      out +=
          fmt::format("call_flow,per_100,,,{},{},{}{}\n", kCallFlowStepNames[k],
                      CsvNumber(e.mean), CsvNumber(e.ci95),
                      CsvTail(options, fmt::format("{}", e.n), ""));
    }
  }
  if (options.Includes(SweepScope::kInterval)) {
    AppendCsvIntervals(out, "interval", "", r.intervals,
                       options.ShownIn(Scope::kInterval), s, options);
  }
  if (options.Includes(SweepScope::kCallType)) {
    const MetricSet in_call_type = options.ShownIn(Scope::kCallType);
    for (const NamedEstimates& t : r.call_types) {
      AppendCsvRows(out, "call_type", t.name, "", "", "", t.metrics,
                    in_call_type, options);
    }
  }
  if (options.Includes(SweepScope::kAgentGroup)) {
    const MetricSet in_group = options.ShownIn(Scope::kAgentGroup);
    for (const NamedEstimates& g : r.agent_groups) {
      AppendCsvRows(out, "agent_group", g.name, "", "", "", g.metrics, in_group,
                    options);
    }
    if (options.ShowsAgentGroupIntervals() &&
        options.Includes(SweepScope::kInterval)) {
      for (size_t g = 0; g < r.agent_group_intervals.size(); ++g) {
        AppendCsvIntervals(out, "agent_group_interval", r.agent_groups[g].name,
                           r.agent_group_intervals[g],
                           options.ShownInGroupIntervals(), s, options);
      }
    }
  }
  // Each replication's totals: the value in `mean`, ci95 and n empty.
  if (options.per_replication && options.Includes(SweepScope::kTotal)) {
    const MetricSet in_total = options.ShownIn(Scope::kTotal);
    for (size_t k = 0; k < r.per_replication.size(); ++k) {
      const MetricValues& v = r.per_replication[k].total;
      for (int i = 0; i < kNumMetrics; ++i) {
        if (!in_total[i]) continue;
        out +=
            fmt::format("replication,{},,,{},{},{}\n", k + 1, kMetricNames[i],
                        CsvNumber(v[i]), CsvTail(options, "", ""));
      }
    }
  }
  return out;
}

std::string FormatJson(const RunResult& r, const Scenario& s) {
  return FormatJson(r, s, ReportOptions());
}

std::string FormatCsv(const RunResult& r, const Scenario& s) {
  return FormatCsv(r, s, ReportOptions());
}

}  // namespace ccsim
