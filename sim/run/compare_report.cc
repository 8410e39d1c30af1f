// Writing a Comparison as a table, JSON or CSV (see ccsim/compare.h).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"

namespace ccsim {
namespace {

using report_internal::CountIntervalChanges;
using report_internal::CsvField;
using report_internal::CsvNumber;
using report_internal::DateOfDay;
using report_internal::IntervalChanges;
using report_internal::IsoDate;
using report_internal::JsonNumber;
using report_internal::JsonString;
using report_internal::MetricUnit;
using report_internal::TableValue;
using report_internal::UnitOf;

// Metrics whose intervals the table summarises.
constexpr Metric kIntervalHeadlines[] = {Metric::kAnswerRate,
                                         Metric::kServiceLevel};

bool Shown(const ReportOptions& options, Scope scope, int m) {
  return options.metrics[m] && MetricApplies(scope, static_cast<Metric>(m));
}

std::string JsonEstimate(const Estimate& e, const ReportOptions& options) {
  return report_internal::JsonEstimate(e, options.analyst_fields);
}

std::string JsonPaired(const PairedEstimate& p, const ReportOptions& options) {
  return fmt::format(
      "{{\"base\": {}, \"variant\": {}, \"difference\": {}, "
      "\"significant\": {}}}",
      JsonEstimate(p.base, options), JsonEstimate(p.variant, options),
      JsonEstimate(p.difference, options), p.significant ? "true" : "false");
}

// One replication's values of base and variant and their difference:
// {"replication": 1, "base": {"offered": 812, ...}, "variant": {...},
//  "difference": {...}}.
std::string JsonReplication(size_t k, const MetricValues& base,
                            const MetricValues& variant,
                            const ReportOptions& options) {
  std::string b, v, d;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!Shown(options, Scope::kTotal, i)) continue;
    const std::string_view sep = b.empty() ? "" : ", ";
    b += fmt::format("{}\"{}\": {}", sep, kMetricNames[i], JsonNumber(base[i]));
    v += fmt::format("{}\"{}\": {}", sep, kMetricNames[i],
                     JsonNumber(variant[i]));
    d += fmt::format("{}\"{}\": {}", sep, kMetricNames[i],
                     JsonNumber(variant[i] - base[i]));
  }
  return fmt::format(
      "{{\"replication\": {}, \"base\": {{{}}}, \"variant\": {{{}}}, "
      "\"difference\": {{{}}}}}",
      k + 1, b, v, d);
}

// The replications both runs kept (RunResult::per_replication).
size_t KeptReplications(const Comparison& c, size_t variant) {
  return std::min(c.base.per_replication.size(),
                  c.variant_results[variant].per_replication.size());
}

void AppendJsonMetrics(std::string& out, const PairedEstimates& m,
                       const ReportOptions& options, Scope scope) {
  out += "{";
  bool first = true;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!Shown(options, scope, i)) continue;
    if (!first) out += ", ";
    first = false;
    out +=
        fmt::format("\"{}\": {}", kMetricNames[i], JsonPaired(m[i], options));
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
    out += fmt::format("\n{{\"label\": {}", JsonString(vc.label));
    if (options.Includes(SweepScope::kTotal)) {
      out += ",\n\"metrics\": ";
      AppendJsonMetrics(out, vc.total, options, Scope::kTotal);
    }
    if (options.ShowsCallFlow()) {
      out += ",\n\"call_flow\": {\"per\": 100";
      for (const CallFlowComparison& step : vc.call_flow) {
        out += fmt::format(", \"{}\": {}", step.step,
                           JsonPaired(step.value, options));
      }
      out += "}";
    }
    const bool intervals = options.Includes(SweepScope::kInterval);
    if (intervals) out += ",\n\"intervals\": [";
    for (size_t i = 0; intervals && i < vc.intervals.size(); ++i) {
      const IntervalComparison& row = vc.intervals[i];
      out += fmt::format("{}\n{{\"day\": {}, ", i > 0 ? "," : "", row.day);
      if (options.analyst_fields) {
        out += fmt::format("\"date\": \"{}\", ",
                           IsoDate(DateOfDay(c.start_date, row.day)));
      }
      out += fmt::format("\"start\": \"{}\", \"metrics\": ", row.start);
      AppendJsonMetrics(out, row.metrics, options, Scope::kInterval);
      out += "}";
    }
    if (intervals) out += "]";
    if (options.per_replication && options.Includes(SweepScope::kTotal)) {
      out += ",\n\"per_replication\": [";
      for (size_t k = 0; k < KeptReplications(c, v); ++k) {
        out += k == 0 ? "\n" : ",\n";
        out += JsonReplication(k, c.base.per_replication[k].total,
                               c.variant_results[v].per_replication[k].total,
                               options);
      }
      out += "]";
    }
    out += "}";
  }
  out += "]}\n";
  return out;
}

// One row; `date` only for intervals. The columns after `significant`
// (base_n, variant_n, difference_n, date) only with analyst_fields.
std::string CsvRow(std::string_view variant, std::string_view scope,
                   std::string_view day, std::string_view start,
                   std::string_view metric, const PairedEstimate& p,
                   std::string_view date, const ReportOptions& options) {
  std::string row =
      fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}", CsvField(variant),
                  scope, day, start, metric, CsvNumber(p.base.mean),
                  CsvNumber(p.base.ci95), CsvNumber(p.variant.mean),
                  CsvNumber(p.variant.ci95), CsvNumber(p.difference.mean),
                  CsvNumber(p.difference.ci95), p.significant ? 1 : 0);
  if (options.analyst_fields) {
    row += fmt::format(",{},{},{},{}", p.base.n, p.variant.n, p.difference.n,
                       date);
  }
  return row + "\n";
}

std::string FormatCsvComparison(const Comparison& c,
                                const ReportOptions& options) {
  std::string out =
      "variant,scope,day,start,metric,base_mean,base_ci95,variant_mean,"
      "variant_ci95,difference_mean,difference_ci95,significant";
  out +=
      options.analyst_fields ? ",base_n,variant_n,difference_n,date\n" : "\n";
  for (size_t v = 0; v < c.variants.size(); ++v) {
    const VariantComparison& vc = c.variants[v];
    for (int m = 0; m < kNumMetrics; ++m) {
      if (!options.Includes(SweepScope::kTotal)) break;
      if (!Shown(options, Scope::kTotal, m)) continue;
      out += CsvRow(vc.label, "total", "", "", kMetricNames[m], vc.total[m], "",
                    options);
    }
    if (options.ShowsCallFlow()) {
      for (const CallFlowComparison& step : vc.call_flow) {
        out += CsvRow(vc.label, "call_flow", "", "", step.step, step.value, "",
                      options);
      }
    }
    for (const IntervalComparison& row : vc.intervals) {
      if (!options.Includes(SweepScope::kInterval)) break;
      const std::string day = fmt::format("{}", row.day);
      const std::string date = IsoDate(DateOfDay(c.start_date, row.day));
      for (int m = 0; m < kNumMetrics; ++m) {
        if (!Shown(options, Scope::kInterval, m)) continue;
        out += CsvRow(vc.label, "interval", day, row.start, kMetricNames[m],
                      row.metrics[m], date, options);
      }
    }
    // Each replication's values: the replication in `day`, base, variant
    // and difference in the means, the rest empty.
    if (!options.per_replication || !options.Includes(SweepScope::kTotal)) {
      continue;
    }
    for (size_t k = 0; k < KeptReplications(c, v); ++k) {
      const MetricValues& b = c.base.per_replication[k].total;
      const MetricValues& x = c.variant_results[v].per_replication[k].total;
      for (int m = 0; m < kNumMetrics; ++m) {
        if (!Shown(options, Scope::kTotal, m)) continue;
        out += fmt::format(
            "{},replication,{},,{},{},,{},,{},,{}\n", CsvField(vc.label), k + 1,
            kMetricNames[m], CsvNumber(b[m]), CsvNumber(x[m]),
            CsvNumber(x[m] - b[m]), options.analyst_fields ? ",,,," : "");
      }
    }
  }
  return out;
}

// Rates and shares are shown as percentages and their differences and CIs
// in percentage points, as in the HTML report.
bool IsShare(Metric metric) { return UnitOf(metric) == MetricUnit::kShare; }

// A difference or CI half-width without unit: "2.43" percentage points for
// a share, as TableValue otherwise.
std::string Points(Metric metric, double v) {
  if (IsShare(metric) && std::isfinite(v))
    return fmt::format("{:.2f}", 100 * v);
  return TableValue(metric, v);
}

// "80.44% ±0.36 pp" / "22.63 ±0.39".
std::string WithCi(Metric metric, const Estimate& e) {
  const std::string value = TableValue(metric, e.mean);
  if (!std::isfinite(e.ci95)) return value;
  return fmt::format("{} ±{}{}", value, Points(metric, e.ci95),
                     IsShare(metric) ? " pp" : "");
}

// "+2.36 ±0.10 pp" / "-3.16 ±0.26" / "0.00": a difference with its sign.
std::string DifferenceWithCi(Metric metric, const Estimate& d) {
  std::string text = Points(metric, d.mean);
  if (std::isfinite(d.mean) && d.mean > 0) text = "+" + text;
  if (std::isfinite(d.ci95)) text += " ±" + Points(metric, d.ci95);
  if (IsShare(metric) && std::isfinite(d.mean)) text += " pp";
  return text;
}

void AppendTableRow(std::string& out, std::string_view name, Metric metric,
                    const PairedEstimate& p) {
  out += fmt::format("  {:<26} {:>20} {:>20} {:>22} {}\n", name,
                     WithCi(metric, p.base), WithCi(metric, p.variant),
                     DifferenceWithCi(metric, p.difference),
                     p.significant ? "*" : "");
}

bool BothZero(const PairedEstimate& p) {
  return p.base.mean == 0 && p.variant.mean == 0 && p.difference.mean == 0 &&
         !(p.difference.ci95 > 0);
}

// "service_level: significantly higher in 210 and lower in 3 of 1488
// intervals; largest rise +21.30 ±4.10 pp on day 17 at 10:00; largest fall
// -2.10 ±1.90 pp on day 3 at 08:00" (CountIntervalChanges).
std::string IntervalSummary(const VariantComparison& vc, Metric metric) {
  const IntervalChanges n = CountIntervalChanges(vc, metric);
  std::string out = fmt::format(
      "  {}: significantly higher in {} and lower in {} of {} "
      "intervals",
      MetricName(metric), n.higher, n.lower, n.defined);
  for (const auto& [what, row] :
       {std::pair{"rise", n.largest_rise}, std::pair{"fall", n.largest_fall}}) {
    if (row == nullptr) continue;
    out += fmt::format(
        "; largest {} {} on day {} at {}", what,
        DifferenceWithCi(metric,
                         row->metrics[static_cast<int>(metric)].difference),
        row->day, row->start);
  }
  return out + "\n";
}

std::string FormatTableComparison(const Comparison& c,
                                  const ReportOptions& options) {
  // Common random numbers pair callers of the same call type: with no call
  // type in common anywhere, the banner must not promise any pairing.
  bool unrelated = !c.variants.empty();
  for (const VariantComparison& vc : c.variants) {
    unrelated = unrelated && vc.shared_call_types == 0;
  }
  std::string out = fmt::format(
      "{} variant{} against base '{}': seed {}, {} replications each, {}\n"
      "difference = variant - base, with the 95% CI of the paired "
      "replications;\n* marks a difference whose CI excludes zero\n",
      c.variants.size(), c.variants.size() == 1 ? "" : "s", c.base_label,
      c.seed, c.replications,
      unrelated ? "no call type in common: no caller is the same, so "
                  "pairing is meaningless"
                : "common random numbers");
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
