#include "ccsim/report.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"
#include "sim/scenario/yaml_value.h"

namespace ccsim {

namespace {

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

// The items of a comma-separated list, without spaces around them; nullopt
// when one is empty ("a,,b", "a,").
std::optional<std::vector<std::string_view>> SplitList(std::string_view list) {
  std::vector<std::string_view> items;
  size_t pos = 0;
  while (true) {
    const size_t comma = std::min(list.find(',', pos), list.size());
    std::string_view item = list.substr(pos, comma - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) return std::nullopt;
    items.push_back(item);
    if (comma == list.size()) break;
    pos = comma + 1;
  }
  return items;
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
  const std::optional<std::vector<std::string_view>> items = SplitList(list);
  if (!items.has_value()) {
    return absl::InvalidArgumentError(fmt::format(
        "empty metric name in '{}'; expected comma-separated metric keys: {}",
        list, JoinNames(keys)));
  }
  MetricSet set;
  for (std::string_view key : *items) {
    const auto it = std::find(kMetricNames.begin(), kMetricNames.end(), key);
    if (it == kMetricNames.end()) {
      return absl::InvalidArgumentError(
          fmt::format("unknown metric '{}'; expected one of: {}{}", key,
                      JoinNames(keys), DidYouMean(key, keys)));
    }
    set.set(static_cast<size_t>(it - kMetricNames.begin()));
  }
  return set;
}

absl::StatusOr<SweepScope> ParseScope(std::string_view name) {
  using scenario_internal::DidYouMean;
  using scenario_internal::JoinNames;
  const std::vector<std::string> names(std::begin(kSweepScopeNames),
                                       std::end(kSweepScopeNames));
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    return absl::InvalidArgumentError(
        fmt::format("unknown scope '{}'; expected one of: {}{}",
                    scenario_internal::Printable(name), JoinNames(names),
                    DidYouMean(name, names)));
  }
  return static_cast<SweepScope>(it - names.begin());
}

absl::StatusOr<SweepScopes> ParseScopeList(std::string_view list) {
  const std::optional<std::vector<std::string_view>> items = SplitList(list);
  if (!items.has_value()) {
    return absl::InvalidArgumentError(
        fmt::format("empty scope name in '{}'; expected comma-separated "
                    "scopes: total, call_flow, interval, call_type, "
                    "agent_group",
                    list));
  }
  SweepScopes set;
  for (std::string_view name : *items) {
    absl::StatusOr<SweepScope> scope = ParseScope(name);
    if (!scope.ok()) return scope.status();
    set.set(static_cast<size_t>(*scope));
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
  if (options.Includes(SweepScope::kTotal)) {
    AppendTable(out, "total", r.total, Shown(Scope::kTotal, options));
  }
  if (options.ShowsCallFlow()) AppendCallFlowTable(out, r.call_flow, s);
  if (r.call_types.size() > 1 && options.Includes(SweepScope::kCallType)) {
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
  const size_t groups =
      options.Includes(SweepScope::kAgentGroup) ? r.agent_groups.size() : 0;
  for (size_t g = 0; g < groups; ++g) {
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

std::string FormatTable(const RunResult& r, const Scenario& s) {
  return FormatTable(r, s, ReportOptions());
}

std::string FormatResult(const RunResult& r, const Scenario& s,
                         OutputFormat format) {
  return FormatResult(r, s, format, ReportOptions());
}

}  // namespace ccsim
