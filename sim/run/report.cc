#include "ccsim/report.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"
#include "sim/scenario/yaml_value.h"

namespace ccsim {

namespace {

using report_internal::CsvField;
using report_internal::CsvNumber;
using report_internal::JsonNumber;
using report_internal::JsonString;
using report_internal::TableValue;

// The metrics a report shows in `scope`, in key order.
MetricSet Shown(Scope scope, const ReportOptions& options) {
  return options.ShownIn(scope);
}

// One step of the call flow in the reports.
struct CallFlowStep {
  std::string_view key;    // JSON / CSV key
  std::string_view label;  // table label; {} is the service-level threshold
  bool in_queue;           // a part of "reached the queue" (indented)
  Estimate CallFlow::*estimate;
};

constexpr CallFlowStep kCallFlowSteps[] = {
    {"closed", "closed (outside hours)", false, &CallFlow::closed},
    {"blocked", "blocked (busy signal)", false, &CallFlow::blocked},
    {"informed", "informed (announcement)", false, &CallFlow::informed},
    {"ivr_abandoned", "left in the IVR", false, &CallFlow::ivr_abandoned},
    {"contained", "contained in self service", false, &CallFlow::contained},
    {"transferred_out", "transferred out by the IVR", false,
     &CallFlow::transferred_out},
    {"offered", "reached the queue", false, &CallFlow::offered},
    {"abandoned", "abandoned in queue", true, &CallFlow::abandoned},
    {"answered_within", "answered within {}", true, &CallFlow::answered_within},
    {"answered_after", "answered after {}", true, &CallFlow::answered_after},
    {"came_back", "came back (repeat calls)", false, &CallFlow::came_back},
};

void AppendJsonMetrics(std::string& out, const MetricEstimates& m,
                       const MetricSet& shown) {
  out += "{";
  bool first = true;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    if (!first) out += ", ";
    first = false;
    out +=
        fmt::format("\"{}\": {{\"mean\": {}, \"ci95\": {}}}", kMetricNames[i],
                    JsonNumber(m[i].mean), JsonNumber(m[i].ci95));
  }
  out += "}";
}

void AppendCsvRows(std::string& out, std::string_view scope,
                   std::string_view name, std::string_view day,
                   std::string_view start, const MetricEstimates& m,
                   const MetricSet& shown) {
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    out += fmt::format("{},{},{},{},{},{},{}\n", scope, CsvField(name), day,
                       start, kMetricNames[i], CsvNumber(m[i].mean),
                       CsvNumber(m[i].ci95));
  }
}

void AppendTable(std::string& out, std::string_view title,
                 const MetricEstimates& m, const MetricSet& shown) {
  if (shown.none()) return;  // no header without rows (--metrics answer_rate)
  out += fmt::format("\n{}\n", title);
  out += fmt::format("  {:<26} {:>14} {:>14}\n", "metric", "mean", "±95% CI");
  for (int i = 0; i < kNumMetrics; ++i) {
    const Metric metric = static_cast<Metric>(i);
    if (!shown[i]) continue;
    out += fmt::format("  {:<26} {:>14} {:>14}\n", kMetricNames[i],
                       TableValue(metric, m[i].mean),
                       TableValue(metric, m[i].ci95));
  }
}

std::string CallFlowLabel(const CallFlowStep& step, const Scenario& s) {
  return fmt::format(fmt::runtime(step.label),
                     FormatDuration(s.service_level.threshold));
}

static_assert(std::size(kCallFlowSteps) == kNumCallFlowSteps);

void AppendCallFlowTable(std::string& out, const CallFlow& flow,
                         const Scenario& s) {
  out += "\ncall flow (per 100 calls)\n";
  out += fmt::format("  {:<26} {:>14} {:>14}\n", "of 100 calls", "mean",
                     "±95% CI");
  auto value = [](double v) {
    return std::isfinite(v) ? fmt::format("{:.2f}", v) : std::string("-");
  };
  for (const CallFlowStep& step : kCallFlowSteps) {
    const Estimate& e = flow.*step.estimate;
    const std::string label =
        (step.in_queue ? "  " : "") + CallFlowLabel(step, s);
    out += fmt::format("  {:<26} {:>14} {:>14}\n", label, value(e.mean),
                       value(e.ci95));
  }
}

// "peak break_share: 12.50% (±1.20%) on day 2 at 10:00": the interval with
// the highest mean, the first of equals, among the intervals whose staffed
// time is not negligible (NotNegligible: a share of a few agent-seconds
// after closing says nothing). Empty when no interval has
// break or AUX time.
std::string PeakBreakShare(const std::vector<IntervalEstimates>& rows) {
  const IntervalEstimates* peak = nullptr;
  const int k = static_cast<int>(Metric::kBreakShare);
  const int staffed = static_cast<int>(Metric::kStaffedHours);
  std::vector<double> hours;
  for (const IntervalEstimates& row : rows) {
    hours.push_back(row.metrics[staffed].mean);
  }
  const std::vector<bool> counts = report_internal::NotNegligible(hours);
  for (size_t i = 0; i < rows.size(); ++i) {
    const IntervalEstimates& row = rows[i];
    if (!counts[i] || !std::isfinite(row.metrics[k].mean)) continue;
    if (peak == nullptr || row.metrics[k].mean > peak->metrics[k].mean) {
      peak = &row;
    }
  }
  // Nothing to point at in a centre without breaks and AUX.
  if (peak == nullptr || !(peak->metrics[k].mean > 0)) return "";
  return fmt::format("  peak break_share: {} (±{}) on day {} at {}\n",
                     TableValue(Metric::kBreakShare, peak->metrics[k].mean),
                     TableValue(Metric::kBreakShare, peak->metrics[k].ci95),
                     peak->day, peak->start);
}

}  // namespace

std::string report_internal::CallFlowLabel(int step,
                                           std::string_view threshold) {
  return fmt::format(fmt::runtime(kCallFlowSteps[step].label), threshold);
}

MetricSet AllMetrics() { return MetricSet().set(); }

MetricSet DefaultMetrics(const Scenario& scenario) {
  MetricSet set = AllMetrics();
  // The second service level only where the scenario defines one.
  if (!scenario.service_level.second.has_value()) {
    set.reset(static_cast<int>(Metric::kServiceLevel2));
  }
  bool callbacks = false, follow_ups = false;
  for (const CallTypeSpec& t : scenario.call_types) {
    callbacks = callbacks || t.callback.has_value();
    follow_ups = follow_ups || t.follow_up.has_value();
  }
  for (int i = 0; i < kNumMetrics; ++i) {
    const Metric m = static_cast<Metric>(i);
    if ((!callbacks && IsCallbackMetric(m)) ||
        (!follow_ups && IsFollowUpMetric(m))) {
      set.reset(i);
    }
  }
  return set;
}

MetricSet FoundationMetrics() {
  MetricSet set;
  for (int i = 0; i < kNumFoundationMetrics; ++i) set.set(i);
  return set;
}

absl::StatusOr<MetricSet> ParseMetricList(std::string_view list) {
  // The scenario loader's helpers, for the same "expected one of: ...
  // (did you mean 'x'?)" messages as a misspelt scenario key.
  using scenario_internal::DidYouMean;
  using scenario_internal::JoinNames;
  const std::vector<std::string> keys(kMetricNames.begin(), kMetricNames.end());
  MetricSet set;
  size_t pos = 0;
  while (true) {
    const size_t comma = std::min(list.find(',', pos), list.size());
    std::string_view key = list.substr(pos, comma - pos);
    while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
    while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
    if (key.empty()) {
      return absl::InvalidArgumentError(fmt::format(
          "empty metric name in '{}'; expected comma-separated metric keys: {}",
          list, JoinNames(keys)));
    }
    const auto it = std::find(kMetricNames.begin(), kMetricNames.end(), key);
    if (it == kMetricNames.end()) {
      return absl::InvalidArgumentError(
          fmt::format("unknown metric '{}'; expected one of: {}{}", key,
                      JoinNames(keys), DidYouMean(key, keys)));
    }
    set.set(static_cast<size_t>(it - kMetricNames.begin()));
    if (comma == list.size()) break;
    pos = comma + 1;
  }
  return set;
}

MetricSet ReportOptions::ShownIn(Scope scope) const {
  MetricSet shown;
  for (int i = 0; i < kNumMetrics; ++i) {
    shown[i] = metrics[i] && MetricApplies(scope, static_cast<Metric>(i));
  }
  return shown;
}

// Per-group intervals show only the agent-time metrics.
MetricSet ReportOptions::ShownInGroupIntervals() const {
  MetricSet shown = ShownIn(Scope::kAgentGroup);
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!IsAgentTimeMetric(static_cast<Metric>(i))) shown[i] = false;
  }
  return shown;
}

bool ReportOptions::ShowsAgentGroupIntervals() const {
  return (metrics & ~FoundationMetrics()).any();
}

absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return absl::InvalidArgumentError(fmt::format(
      "unknown format '{}'; expected one of: table, json, csv", name));
}

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
  out += fmt::format(
      "\"service_level_threshold_s\": {}, \"short_abandon_s\": {},\n",
      JsonNumber(s.service_level.threshold.seconds()),
      JsonNumber(s.service_level.short_abandon.seconds()));
  if (const auto& second = s.service_level.second; second.has_value()) {
    out += fmt::format(
        "\"service_level_2_threshold_s\": {}, \"service_level_2_target\": "
        "{},\n",
        JsonNumber(second->threshold.seconds()), JsonNumber(second->target));
  }
  out += "\"metrics\": ";
  AppendJsonMetrics(out, r.total, Shown(Scope::kTotal, options));
  if (options.ShowsCallFlow()) {
    out += ",\n\"call_flow\": {\"per\": 100";
    for (const CallFlowStep& step : kCallFlowSteps) {
      const Estimate& e = r.call_flow.*step.estimate;
      out += fmt::format(", \"{}\": {{\"mean\": {}, \"ci95\": {}}}", step.key,
                         JsonNumber(e.mean), JsonNumber(e.ci95));
    }
    out += "}";
  }
  const MetricSet in_interval = Shown(Scope::kInterval, options);
  out += ",\n\"intervals\": [";
  for (size_t i = 0; i < r.intervals.size(); ++i) {
    const IntervalEstimates& ie = r.intervals[i];
    out += i == 0 ? "\n" : ",\n";
    out += fmt::format("{{\"day\": {}, \"start\": {}, \"metrics\": ", ie.day,
                       JsonString(ie.start));
    AppendJsonMetrics(out, ie.metrics, in_interval);
    out += "}";
  }
  const MetricSet in_call_type = Shown(Scope::kCallType, options);
  out += "],\n\"call_types\": {";
  for (size_t i = 0; i < r.call_types.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += fmt::format("{}: {{\"metrics\": ", JsonString(r.call_types[i].name));
    AppendJsonMetrics(out, r.call_types[i].metrics, in_call_type);
    out += "}";
  }
  const MetricSet in_group = Shown(Scope::kAgentGroup, options);
  const MetricSet in_group_interval = options.ShownInGroupIntervals();
  const bool group_intervals = options.ShowsAgentGroupIntervals() &&
                               in_group_interval.any() &&
                               !r.agent_group_intervals.empty();
  out += "},\n\"agent_groups\": {";
  for (size_t i = 0; i < r.agent_groups.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out +=
        fmt::format("{}: {{\"metrics\": ", JsonString(r.agent_groups[i].name));
    AppendJsonMetrics(out, r.agent_groups[i].metrics, in_group);
    if (group_intervals && i < r.agent_group_intervals.size()) {
      out += ", \"intervals\": [";
      const std::vector<IntervalEstimates>& rows = r.agent_group_intervals[i];
      for (size_t k = 0; k < rows.size(); ++k) {
        out += k == 0 ? "\n" : ",\n";
        out += fmt::format("{{\"day\": {}, \"start\": {}, \"metrics\": ",
                           rows[k].day, JsonString(rows[k].start));
        AppendJsonMetrics(out, rows[k].metrics, in_group_interval);
        out += "}";
      }
      out += "]";
    }
    out += "}";
  }
  out += "}\n}\n";
  return out;
}

std::string FormatCsv(const RunResult& r, const Scenario&,
                      const ReportOptions& options) {
  std::string out = "scope,name,day,start,metric,mean,ci95\n";
  AppendCsvRows(out, "total", "", "", "", r.total,
                Shown(Scope::kTotal, options));
  if (options.ShowsCallFlow()) {
    for (const CallFlowStep& step : kCallFlowSteps) {
      const Estimate& e = r.call_flow.*step.estimate;
      out += fmt::format("call_flow,per_100,,,{},{},{}\n", step.key,
                         CsvNumber(e.mean), CsvNumber(e.ci95));
    }
  }
  const MetricSet in_interval = Shown(Scope::kInterval, options);
  for (const IntervalEstimates& ie : r.intervals) {
    AppendCsvRows(out, "interval", "", fmt::format("{}", ie.day), ie.start,
                  ie.metrics, in_interval);
  }
  const MetricSet in_call_type = Shown(Scope::kCallType, options);
  for (const NamedEstimates& t : r.call_types) {
    AppendCsvRows(out, "call_type", t.name, "", "", t.metrics, in_call_type);
  }
  const MetricSet in_group = Shown(Scope::kAgentGroup, options);
  for (const NamedEstimates& g : r.agent_groups) {
    AppendCsvRows(out, "agent_group", g.name, "", "", g.metrics, in_group);
  }
  const MetricSet in_group_interval = options.ShownInGroupIntervals();
  if (options.ShowsAgentGroupIntervals()) {
    for (size_t g = 0; g < r.agent_group_intervals.size(); ++g) {
      for (const IntervalEstimates& ie : r.agent_group_intervals[g]) {
        AppendCsvRows(out, "agent_group_interval", r.agent_groups[g].name,
                      fmt::format("{}", ie.day), ie.start, ie.metrics,
                      in_group_interval);
      }
    }
  }
  return out;
}

std::string FormatTable(const RunResult& r, const Scenario& s,
                        const ReportOptions& options) {
  std::string out;
  out += fmt::format(
      "scenario {}: {} replications of {} after {} warm-up, seed {}\n",
      r.scenario, r.replications, FormatDuration(s.horizon),
      FormatDuration(s.warmup), r.seed);
  out += fmt::format(
      "service level: answered within {}; short abandons: within {}\n",
      FormatDuration(s.service_level.threshold),
      FormatDuration(s.service_level.short_abandon));
  if (const auto& second = s.service_level.second; second.has_value()) {
    out += fmt::format(
        "targets: service_level {:.0f}% within {}, service_level_2 {:.0f}% "
        "within {}\n",
        100 * s.service_level.target, FormatDuration(s.service_level.threshold),
        100 * second->target, FormatDuration(second->threshold));
  }
  AppendTable(out, "total", r.total, Shown(Scope::kTotal, options));
  if (options.ShowsCallFlow()) AppendCallFlowTable(out, r.call_flow, s);
  if (r.call_types.size() > 1) {
    const MetricSet in_call_type = Shown(Scope::kCallType, options);
    for (const NamedEstimates& t : r.call_types) {
      AppendTable(out, fmt::format("call type {}", t.name), t.metrics,
                  in_call_type);
    }
  }
  const MetricSet in_group = Shown(Scope::kAgentGroup, options);
  // Per-group intervals are too long for the table; it names the interval
  // with the most agent time off the phones instead.
  const bool peaks =
      options.ShowsAgentGroupIntervals() && options.Shows(Metric::kBreakShare);
  for (size_t g = 0; g < r.agent_groups.size(); ++g) {
    AppendTable(out, fmt::format("agent group {}", r.agent_groups[g].name),
                r.agent_groups[g].metrics, in_group);
    if (peaks && g < r.agent_group_intervals.size()) {
      out += PeakBreakShare(r.agent_group_intervals[g]);
    }
  }
  return out;
}

std::string FormatResult(const RunResult& r, const Scenario& s,
                         OutputFormat format, const ReportOptions& options) {
  switch (format) {
    case OutputFormat::kTable:
      return FormatTable(r, s, options);
    case OutputFormat::kJson:
      return FormatJson(r, s, options);
    case OutputFormat::kCsv:
      return FormatCsv(r, s, options);
  }
  return "";
}

std::string FormatJson(const RunResult& r, const Scenario& s) {
  return FormatJson(r, s, ReportOptions());
}

std::string FormatCsv(const RunResult& r, const Scenario& s) {
  return FormatCsv(r, s, ReportOptions());
}

std::string FormatTable(const RunResult& r, const Scenario& s) {
  return FormatTable(r, s, ReportOptions());
}

std::string FormatResult(const RunResult& r, const Scenario& s,
                         OutputFormat format) {
  return FormatResult(r, s, format, ReportOptions());
}

}  // namespace ccsim
