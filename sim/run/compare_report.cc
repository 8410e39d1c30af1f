// Writing a Comparison as a table, JSON or CSV (see ccsim/compare.h).
#include <cmath>
#include <string>
#include <string_view>

#include "ccsim/compare.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"

namespace ccsim {
namespace {

using report_internal::CsvField;
using report_internal::CsvNumber;
using report_internal::JsonNumber;
using report_internal::JsonString;
using report_internal::TableValue;

// Metrics whose intervals the table summarises.
constexpr Metric kIntervalHeadlines[] = {Metric::kAnswerRate,
                                         Metric::kServiceLevel};

bool Shown(const ReportOptions& options, Scope scope, int m) {
  return options.metrics[m] && MetricApplies(scope, static_cast<Metric>(m));
}

std::string JsonEstimate(const Estimate& e) {
  return fmt::format("{{\"mean\": {}, \"ci95\": {}}}", JsonNumber(e.mean),
                     JsonNumber(e.ci95));
}

std::string JsonPaired(const PairedEstimate& p) {
  return fmt::format(
      "{{\"base\": {}, \"variant\": {}, \"difference\": {}, "
      "\"significant\": {}}}",
      JsonEstimate(p.base), JsonEstimate(p.variant), JsonEstimate(p.difference),
      p.significant ? "true" : "false");
}

void AppendJsonMetrics(std::string& out, const PairedEstimates& m,
                       const ReportOptions& options, Scope scope) {
  out += "{";
  bool first = true;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!Shown(options, scope, i)) continue;
    if (!first) out += ", ";
    first = false;
    out += fmt::format("\"{}\": {}", kMetricNames[i], JsonPaired(m[i]));
  }
  out += "}";
}

std::string FormatJsonComparison(const Comparison& c,
                                 const ReportOptions& options) {
  std::string out = fmt::format(
      "{{\"base\": {}, \"seed\": {}, \"replications\": {},\n\"variants\": [",
      JsonString(c.base_label), c.seed, c.replications);
  for (size_t v = 0; v < c.variants.size(); ++v) {
    const VariantComparison& vc = c.variants[v];
    if (v > 0) out += ",";
    out +=
        fmt::format("\n{{\"label\": {},\n\"metrics\": ", JsonString(vc.label));
    AppendJsonMetrics(out, vc.total, options, Scope::kTotal);
    if (options.ShowsCallFlow()) {
      out += ",\n\"call_flow\": {\"per\": 100";
      for (const CallFlowComparison& step : vc.call_flow) {
        out += fmt::format(", \"{}\": {}", step.step, JsonPaired(step.value));
      }
      out += "}";
    }
    out += ",\n\"intervals\": [";
    for (size_t i = 0; i < vc.intervals.size(); ++i) {
      const IntervalComparison& row = vc.intervals[i];
      out += fmt::format("{}\n{{\"day\": {}, \"start\": \"{}\", \"metrics\": ",
                         i > 0 ? "," : "", row.day, row.start);
      AppendJsonMetrics(out, row.metrics, options, Scope::kInterval);
      out += "}";
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

std::string CsvRow(std::string_view variant, std::string_view scope,
                   std::string_view day, std::string_view start,
                   std::string_view metric, const PairedEstimate& p) {
  return fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", CsvField(variant),
                     scope, day, start, metric, CsvNumber(p.base.mean),
                     CsvNumber(p.base.ci95), CsvNumber(p.variant.mean),
                     CsvNumber(p.variant.ci95), CsvNumber(p.difference.mean),
                     CsvNumber(p.difference.ci95), p.significant ? 1 : 0);
}

std::string FormatCsvComparison(const Comparison& c,
                                const ReportOptions& options) {
  std::string out =
      "variant,scope,day,start,metric,base_mean,base_ci95,variant_mean,"
      "variant_ci95,difference_mean,difference_ci95,significant\n";
  for (const VariantComparison& vc : c.variants) {
    for (int m = 0; m < kNumMetrics; ++m) {
      if (!Shown(options, Scope::kTotal, m)) continue;
      out += CsvRow(vc.label, "total", "", "", kMetricNames[m], vc.total[m]);
    }
    if (options.ShowsCallFlow()) {
      for (const CallFlowComparison& step : vc.call_flow) {
        out += CsvRow(vc.label, "call_flow", "", "", step.step, step.value);
      }
    }
    for (const IntervalComparison& row : vc.intervals) {
      const std::string day = fmt::format("{}", row.day);
      for (int m = 0; m < kNumMetrics; ++m) {
        if (!Shown(options, Scope::kInterval, m)) continue;
        out += CsvRow(vc.label, "interval", day, row.start, kMetricNames[m],
                      row.metrics[m]);
      }
    }
  }
  return out;
}

// "+2.43%" / "-0.50" / "0.00": a difference with its sign.
std::string Signed(Metric metric, double v) {
  std::string text = TableValue(metric, v);
  if (std::isfinite(v) && v > 0) text = "+" + text;
  return text;
}

std::string WithCi(const std::string& value, Metric metric, double ci) {
  if (!std::isfinite(ci)) return value;
  return fmt::format("{} ±{}", value, TableValue(metric, ci));
}

void AppendTableRow(std::string& out, std::string_view name, Metric metric,
                    const PairedEstimate& p) {
  out += fmt::format(
      "  {:<26} {:>20} {:>20} {:>22} {}\n", name,
      WithCi(TableValue(metric, p.base.mean), metric, p.base.ci95),
      WithCi(TableValue(metric, p.variant.mean), metric, p.variant.ci95),
      WithCi(Signed(metric, p.difference.mean), metric, p.difference.ci95),
      p.significant ? "*" : "");
}

bool BothZero(const PairedEstimate& p) {
  return p.base.mean == 0 && p.variant.mean == 0 && p.difference.mean == 0 &&
         !(p.difference.ci95 > 0);
}

// "service_level: higher in 210 and lower in 3 of 1488 intervals; largest
// change +21.30% ±4.10% on day 17 at 10:00".
std::string IntervalSummary(const VariantComparison& vc, Metric metric) {
  const int m = static_cast<int>(metric);
  int higher = 0, lower = 0, defined = 0;
  const IntervalComparison* largest = nullptr;
  for (const IntervalComparison& row : vc.intervals) {
    const PairedEstimate& p = row.metrics[m];
    if (!std::isfinite(p.difference.mean)) continue;
    ++defined;
    if (p.significant) {
      (p.difference.mean > 0 ? higher : lower) += 1;
      if (largest == nullptr ||
          std::abs(p.difference.mean) >
              std::abs(largest->metrics[m].difference.mean)) {
        largest = &row;
      }
    }
  }
  std::string out = fmt::format(
      "  {}: significantly higher in {} and lower in {} of {} "
      "intervals",
      kMetricNames[m], higher, lower, defined);
  if (largest != nullptr) {
    const PairedEstimate& p = largest->metrics[m];
    out += fmt::format(
        "; largest change {} on day {} at {}",
        WithCi(Signed(metric, p.difference.mean), metric, p.difference.ci95),
        largest->day, largest->start);
  }
  return out + "\n";
}

std::string FormatTableComparison(const Comparison& c,
                                  const ReportOptions& options) {
  std::string out = fmt::format(
      "{} variant{} against base '{}': seed {}, {} replications each, "
      "common random numbers\n"
      "difference = variant - base, with the 95% CI of the paired "
      "replications;\n* marks a difference whose CI excludes zero\n",
      c.variants.size(), c.variants.size() == 1 ? "" : "s", c.base_label,
      c.seed, c.replications);
  for (const VariantComparison& vc : c.variants) {
    out += fmt::format("\n{} vs {}\n", vc.label, c.base_label);
    if (vc.shared_call_types == 0) {
      out += fmt::format(
          "  note: {} and {} share no call type, so their callers are not the "
          "same: the pairing gains nothing, and the difference is that of "
          "two unrelated centres\n",
          vc.label, c.base_label);
    } else if (vc.shared_call_types < vc.base_call_types ||
               vc.shared_call_types < vc.variant_call_types) {
      out += fmt::format(
          "  note: {} of the base's {} call types are in the variant (which "
          "has {}); only those share their callers\n",
          vc.shared_call_types, vc.base_call_types, vc.variant_call_types);
    }
    out += fmt::format("  {:<26} {:>20} {:>20} {:>22}\n", "metric", "base",
                       "variant", "difference");
    int zero = 0;
    for (int m = 0; m < kNumMetrics; ++m) {
      if (!Shown(options, Scope::kTotal, m)) continue;
      if (BothZero(vc.total[m])) {
        ++zero;
        continue;
      }
      AppendTableRow(out, kMetricNames[m], static_cast<Metric>(m), vc.total[m]);
    }
    if (zero > 0) {
      out += fmt::format("  ({} metric{} 0 in both left out)\n", zero,
                         zero == 1 ? "" : "s");
    }
    if (options.ShowsCallFlow()) {
      out += "\n  call flow (per 100 calls)\n";
      for (const CallFlowComparison& step : vc.call_flow) {
        if (BothZero(step.value)) continue;
        // Calls per 100: shown like a count.
        AppendTableRow(out, step.step, Metric::kCallsPerCaller, step.value);
      }
    }
    if (!vc.intervals.empty()) {
      out += "\n  per interval (95% CI of the paired difference)\n";
      for (Metric metric : kIntervalHeadlines) {
        if (options.Shows(metric)) out += IntervalSummary(vc, metric);
      }
    } else {
      out +=
          "\n  per interval: not compared (the variant's intervals differ "
          "from the base's)\n";
    }
  }
  return out;
}

}  // namespace

std::string FormatComparison(const Comparison& comparison, OutputFormat format,
                             const ReportOptions& options) {
  switch (format) {
    case OutputFormat::kJson:
      return FormatJsonComparison(comparison, options);
    case OutputFormat::kCsv:
      return FormatCsvComparison(comparison, options);
    case OutputFormat::kTable:
      break;
  }
  return FormatTableComparison(comparison, options);
}

}  // namespace ccsim
