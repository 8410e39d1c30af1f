#include "ccsim/report.h"

#include <cmath>
#include <string>

#include "absl/status/status.h"
#include "fmt/format.h"

namespace ccsim {

namespace {

std::string JsonNumber(double v) {
  if (!std::isfinite(v)) return "null";
  return fmt::format("{}", v);
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<int>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void AppendJsonMetrics(std::string& out, const MetricEstimates& m,
                       Scope scope) {
  out += "{";
  bool first = true;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!MetricApplies(scope, static_cast<Metric>(i))) continue;
    if (!first) out += ", ";
    first = false;
    out +=
        fmt::format("\"{}\": {{\"mean\": {}, \"ci95\": {}}}", kMetricNames[i],
                    JsonNumber(m[i].mean), JsonNumber(m[i].ci95));
  }
  out += "}";
}

std::string CsvNumber(double v) {
  if (!std::isfinite(v)) return "";
  return fmt::format("{}", v);
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void AppendCsvRows(std::string& out, std::string_view scope,
                   std::string_view name, std::string_view day,
                   std::string_view start, const MetricEstimates& m,
                   Scope kind) {
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!MetricApplies(kind, static_cast<Metric>(i))) continue;
    out += fmt::format("{},{},{},{},{},{},{}\n", scope, CsvField(name), day,
                       start, kMetricNames[i], CsvNumber(m[i].mean),
                       CsvNumber(m[i].ci95));
  }
}

// Readable number for the table: counts without decimals, rates as
// percentages, seconds with one decimal.
std::string TableValue(Metric metric, double v) {
  if (!std::isfinite(v)) return "-";
  switch (metric) {
    case Metric::kOffered:
    case Metric::kAnswered:
    case Metric::kAbandoned:
      return fmt::format("{:.1f}", v);
    case Metric::kAsa:
    case Metric::kMeanWait:
    case Metric::kAht:
    case Metric::kStaffedHours:
      return fmt::format("{:.2f}", v);
    default:
      return fmt::format("{:.2f}%", 100 * v);
  }
}

void AppendTable(std::string& out, std::string_view title,
                 const MetricEstimates& m, Scope scope) {
  out += fmt::format("\n{}\n", title);
  out += fmt::format("  {:<26} {:>14} {:>14}\n", "metric", "mean", "±95% CI");
  for (int i = 0; i < kNumMetrics; ++i) {
    const Metric metric = static_cast<Metric>(i);
    if (!MetricApplies(scope, metric)) continue;
    out += fmt::format("  {:<26} {:>14} {:>14}\n", kMetricNames[i],
                       TableValue(metric, m[i].mean),
                       TableValue(metric, m[i].ci95));
  }
}

}  // namespace

absl::StatusOr<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "json") return OutputFormat::kJson;
  if (name == "csv") return OutputFormat::kCsv;
  return absl::InvalidArgumentError(fmt::format(
      "unknown format '{}'; expected one of: table, json, csv", name));
}

std::string FormatJson(const RunResult& r, const Scenario& s) {
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
  out += "\"metrics\": ";
  AppendJsonMetrics(out, r.total, Scope::kTotal);
  out += ",\n\"intervals\": [";
  for (size_t i = 0; i < r.intervals.size(); ++i) {
    const IntervalEstimates& ie = r.intervals[i];
    out += i == 0 ? "\n" : ",\n";
    out += fmt::format("{{\"day\": {}, \"start\": {}, \"metrics\": ", ie.day,
                       JsonString(ie.start));
    AppendJsonMetrics(out, ie.metrics, Scope::kInterval);
    out += "}";
  }
  out += "],\n\"call_types\": {";
  for (size_t i = 0; i < r.call_types.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out += fmt::format("{}: {{\"metrics\": ", JsonString(r.call_types[i].name));
    AppendJsonMetrics(out, r.call_types[i].metrics, Scope::kCallType);
    out += "}";
  }
  out += "},\n\"agent_groups\": {";
  for (size_t i = 0; i < r.agent_groups.size(); ++i) {
    out += i == 0 ? "\n" : ",\n";
    out +=
        fmt::format("{}: {{\"metrics\": ", JsonString(r.agent_groups[i].name));
    AppendJsonMetrics(out, r.agent_groups[i].metrics, Scope::kAgentGroup);
    out += "}";
  }
  out += "}\n}\n";
  return out;
}

std::string FormatCsv(const RunResult& r, const Scenario&) {
  std::string out = "scope,name,day,start,metric,mean,ci95\n";
  AppendCsvRows(out, "total", "", "", "", r.total, Scope::kTotal);
  for (const IntervalEstimates& ie : r.intervals) {
    AppendCsvRows(out, "interval", "", fmt::format("{}", ie.day), ie.start,
                  ie.metrics, Scope::kInterval);
  }
  for (const NamedEstimates& t : r.call_types) {
    AppendCsvRows(out, "call_type", t.name, "", "", t.metrics,
                  Scope::kCallType);
  }
  for (const NamedEstimates& g : r.agent_groups) {
    AppendCsvRows(out, "agent_group", g.name, "", "", g.metrics,
                  Scope::kAgentGroup);
  }
  return out;
}

std::string FormatTable(const RunResult& r, const Scenario& s) {
  std::string out;
  out += fmt::format(
      "scenario {}: {} replications of {} after {} warm-up, seed {}\n",
      r.scenario, r.replications, FormatDuration(s.horizon),
      FormatDuration(s.warmup), r.seed);
  out += fmt::format(
      "service level: answered within {}; short abandons: within {}\n",
      FormatDuration(s.service_level.threshold),
      FormatDuration(s.service_level.short_abandon));
  AppendTable(out, "total", r.total, Scope::kTotal);
  if (r.call_types.size() > 1) {
    for (const NamedEstimates& t : r.call_types) {
      AppendTable(out, fmt::format("call type {}", t.name), t.metrics,
                  Scope::kCallType);
    }
  }
  for (const NamedEstimates& g : r.agent_groups) {
    AppendTable(out, fmt::format("agent group {}", g.name), g.metrics,
                Scope::kAgentGroup);
  }
  return out;
}

std::string FormatResult(const RunResult& r, const Scenario& s,
                         OutputFormat format) {
  switch (format) {
    case OutputFormat::kTable:
      return FormatTable(r, s);
    case OutputFormat::kJson:
      return FormatJson(r, s);
    case OutputFormat::kCsv:
      return FormatCsv(r, s);
  }
  return "";
}

}  // namespace ccsim
