// The run and comparison pages of ccsim/html_report.h: header, contents,
// summary tables, and the sections of sim/report/report_parts.h in order.
#include "ccsim/html_report.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/time.h"
#include "fmt/format.h"
#include "sim/report/page.h"
#include "sim/report/report_parts.h"
#include "sim/report/svg.h"

namespace ccsim {

namespace {

using html::Get;
using html::MetricCell;
using html::PageContext;
using html::Source;
using html::Spread;
using html::Value;
using report::AppendMetaRow;
using report::AppendPageEnd;
using report::AppendPageStart;
using svg::Escape;
using svg::FormatNumber;

// The key totals of the summary tables, in this order; the other selected
// metrics follow in a collapsed table.
constexpr std::array kSummaryMetrics = {
    Metric::kCalls,        Metric::kOffered,      Metric::kAnswered,
    Metric::kAbandoned,    Metric::kAnswerRate,   Metric::kAbandonRate,
    Metric::kServiceLevel, Metric::kAsa,          Metric::kMeanWait,
    Metric::kPWait,        Metric::kAht,          Metric::kOccupancy,
    Metric::kUtilisation,  Metric::kStaffedHours, Metric::kBreakShare,
    Metric::kBlocked,      Metric::kRepeatShare,  Metric::kFcr,
};

bool IsSummaryMetric(Metric m) {
  return std::find(kSummaryMetrics.begin(), kSummaryMetrics.end(), m) !=
         kSummaryMetrics.end();
}

// The selected metrics of the total: the key ones (`key` true) in the
// order above, or the others in key order.
std::vector<Metric> SummaryRows(const ReportOptions& options, bool key) {
  std::vector<Metric> out;
  if (key) {
    for (Metric m : kSummaryMetrics) {
      if (options.Shows(m)) out.push_back(m);
    }
    return out;
  }
  for (int i = 0; i < kNumMetrics; ++i) {
    const Metric m = static_cast<Metric>(i);
    if (options.Shows(m) && !IsSummaryMetric(m) &&
        MetricApplies(Scope::kTotal, m)) {
      out.push_back(m);
    }
  }
  return out;
}

std::string HorizonText(const Scenario& s) {
  const int64_t n = s.horizon / s.interval;
  return fmt::format("{} after a warm-up of {} ({} intervals of {})",
                     FormatDuration(s.horizon), FormatDuration(s.warmup),
                     FormatNumber(static_cast<double>(n), 0),
                     FormatDuration(s.interval));
}

// The short forms, for the comparison's scenario table.
std::string ShortHorizonText(const Scenario& s) {
  return fmt::format("{}, warm-up {}, {} intervals", FormatDuration(s.horizon),
                     FormatDuration(s.warmup), FormatDuration(s.interval));
}

// ", and 90% within 60s" for a second service level; empty without one.
std::string SecondTargetText(const Scenario& s) {
  const auto& second = s.service_level.second;
  if (!second.has_value()) return "";
  return fmt::format(", and {}% within {} (service_level_2)",
                     FormatNumber(100 * second->target, 0),
                     FormatDuration(second->threshold));
}

std::string ShortTargetText(const Scenario& s) {
  return fmt::format(
      "{}% within {}{}", FormatNumber(100 * s.service_level.target, 0),
      FormatDuration(s.service_level.threshold), SecondTargetText(s));
}

std::string TargetText(const Scenario& s) {
  return fmt::format("{}% of offered calls answered within {}{}",
                     FormatNumber(100 * s.service_level.target, 0),
                     FormatDuration(s.service_level.threshold),
                     SecondTargetText(s));
}

std::string StartDateText(const Scenario& s) {
  const Date& d = s.calendar.start_date;
  return fmt::format("{} {} (day 1)", html::DateLabel(d), d.year);
}

void AppendSummaryTable(std::string& out, std::string_view id,
                        const RunResult& r, const std::vector<Metric>& rows) {
  out += fmt::format(
      "<table id=\"{}\">\n<thead><tr><th>Metric</th>"
      "<th class=\"num\">Mean</th><th class=\"num\">\u00b1 95% CI</th>"
      "</tr></thead>\n<tbody>\n",
      id);
  for (Metric m : rows) {
    const Estimate& e = Get(r.total, m);
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">"
        "\u00b1 {}{}</td></tr>\n",
        MetricCell(m), Value(m, e.mean), Spread(m, e.ci95, false),
        html::FormatOf(m).diff_suffix);
  }
  out += "</tbody>\n</table>\n";
}

// A table of named scopes (call types or agent groups) and `columns`,
// those that are selected.
void AppendBreakdownTable(std::string& out, std::string_view id,
                          std::string_view heading,
                          const std::vector<NamedEstimates>& scopes,
                          std::span<const Metric> all_columns,
                          const ReportOptions& options) {
  std::vector<Metric> columns;
  for (Metric m : all_columns) {
    if (options.Shows(m)) columns.push_back(m);
  }
  if (scopes.empty() || columns.empty()) return;
  out += fmt::format(
      "<div class=\"scroll\"><table id=\"{}\">\n<thead><tr><th>{}</th>", id,
      heading);
  for (Metric m : columns) {
    out +=
        fmt::format("<th class=\"num\">{}</th>", Escape(html::ShortLabel(m)));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const NamedEstimates& t : scopes) {
    out += fmt::format("<tr><td>{}</td>", Escape(t.name));
    for (Metric m : columns) {
      out += fmt::format("<td class=\"num\">{}</td>",
                         Value(m, Get(t.metrics, m).mean));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
}

void AppendContents(std::string& out, const PageContext& c, bool heatmaps) {
  out +=
      "<nav aria-label=\"Contents\">Contents: "
      "<a href=\"#glance\">At a glance</a>";
  if (heatmaps) out += " \u00b7 <a href=\"#heatmaps\">Heatmaps</a>";
  out += " \u00b7 <a href=\"#summary\">Summary</a>";
  if (c.compare) out += " \u00b7 <a href=\"#differences\">Differences</a>";
  if (c.Shows(Metric::kAnswerRate) || c.options.ShowsCallFlow()) {
    out += " \u00b7 <a href=\"#answer-rate\">Answer rate and caller flow</a>";
  }
  out += " \u00b7 <a href=\"#per-interval\">Per interval</a>";
  if (html::HasAverageDay(c)) {
    out += " \u00b7 <a href=\"#average-day\">Average day</a>";
  }
  out += "</nav>\n";
}

// "+3.75 ± 0.52 pp", breaking only before the "±".
std::string WrappingDifference(Metric m, const Estimate& d) {
  std::string_view unit = html::FormatOf(m).diff_suffix;  // " pp" or ""
  if (!unit.empty()) unit.remove_prefix(1);
  return fmt::format("{} \u00b1&nbsp;{}{}{}", Spread(m, d.mean, true),
                     Spread(m, d.ci95, false), unit.empty() ? "" : "&nbsp;",
                     unit);
}

void AppendComparisonTable(std::string& out, const Comparison& comparison,
                           size_t n, const std::vector<Metric>& rows) {
  out +=
      "<div class=\"scroll\"><table id=\"comparison-table\">\n<thead><tr>"
      "<th rowspan=\"2\">Metric</th>";
  out += fmt::format("<th class=\"num\" rowspan=\"2\">Base<br>{}</th>",
                     Escape(comparison.base_label));
  for (size_t v = 0; v < n; ++v) {
    out += fmt::format("<th colspan=\"2\" class=\"num\">{}</th>",
                       Escape(comparison.variants[v].label));
  }
  out += "</tr>\n<tr>";
  for (size_t v = 0; v < n; ++v) {
    out +=
        "<th class=\"num\">Variant</th><th class=\"num\">Difference "
        "\u00b1 95% CI</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (Metric m : rows) {
    out +=
        fmt::format("<tr><td>{}</td><td class=\"num\">{}</td>", MetricCell(m),
                    Value(m, Get(comparison.base.total, m).mean));
    for (size_t v = 0; v < n; ++v) {
      const PairedEstimate& p =
          comparison.variants[v].total[static_cast<int>(m)];
      out += fmt::format("<td class=\"num\">{}</td>", Value(m, p.variant.mean));
      const std::string diff = WrappingDifference(m, p.difference);
      out += p.significant
                 ? fmt::format("<td class=\"num diff sig\">{} *</td>", diff)
                 : fmt::format("<td class=\"num diff\">{}</td>", diff);
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table></div>\n";
}

}  // namespace

std::string FormatHtmlReport(const RunResult& result, const Scenario& scenario,
                             const ReportOptions& options) {
  std::string out;
  const PageContext c = html::MakePageContext(
      {{result.scenario, &result, &scenario, 0}}, scenario, false, options);
  AppendPageStart(out, "ccsim report: " + result.scenario);
  out += fmt::format("<header>\n<h1>ccsim report: {}</h1>\n",
                     Escape(result.scenario));
  out += "<table class=\"meta\">\n";
  AppendMetaRow(out, "Scenario", Escape(result.scenario));
  if (!scenario.source.empty()) {
    AppendMetaRow(out, "File", "<code>" + Escape(scenario.source) + "</code>");
  }
  AppendMetaRow(out, "Seed", fmt::format("{}", result.seed));
  AppendMetaRow(out, "Replications", fmt::format("{}", result.replications));
  AppendMetaRow(out, "Horizon", Escape(HorizonText(scenario)));
  AppendMetaRow(out, "Start date", Escape(StartDateText(scenario)));
  AppendMetaRow(out, "Service-level target", Escape(TargetText(scenario)));
  AppendMetaRow(
      out, "Model",
      fmt::format("{} call types, {} agent groups", scenario.call_types.size(),
                  scenario.agent_groups.size()));
  out += "</table>\n</header>\n";
  AppendContents(out, c, html::HasRunHeatmaps(c));

  html::AppendRunGlance(out, c);
  html::AppendRunHeatmaps(out, c);
  html::AppendRunIntervalTable(out, c);

  out += "<h2 id=\"summary\">Summary</h2>\n";
  out += fmt::format(
      "<p class=\"note\">Totals over the horizon, per replication: mean over "
      "{} replications \u00b1 the half-width of the 95% confidence "
      "interval. Rates in %, their CIs in percentage points (pp).</p>\n",
      result.replications);
  AppendSummaryTable(out, "summary-table", result, SummaryRows(options, true));
  const std::vector<Metric> more = SummaryRows(options, false);
  if (!more.empty()) {
    out += fmt::format(
        "<details id=\"more-metrics\"><summary>{} more metrics</summary>\n",
        more.size());
    AppendSummaryTable(out, "more-metrics-table", result, more);
    out += "</details>\n";
  }
  if (result.call_types.size() > 1 || result.agent_groups.size() > 1) {
    out += "<h2 id=\"breakdown\">By call type and agent group</h2>\n";
    out += "<p class=\"note\">Means over replications.</p>\n";
    AppendBreakdownTable(
        out, "call-type-table", "Call type", result.call_types,
        std::array{Metric::kOffered, Metric::kAnswered, Metric::kAbandonRate,
                   Metric::kServiceLevel, Metric::kAsa, Metric::kAht},
        options);
    AppendBreakdownTable(
        out, "agent-group-table", "Agent group", result.agent_groups,
        std::array{Metric::kStaffedHours, Metric::kAnswered, Metric::kOccupancy,
                   Metric::kUtilisation, Metric::kBreakShare},
        options);
  }
  html::AppendAnswerRate(out, c);
  html::AppendIntervalCharts(out, c);
  AppendPageEnd(out);
  return out;
}

std::string FormatHtmlReport(const RunResult& result,
                             const Scenario& scenario) {
  return FormatHtmlReport(result, scenario, ReportOptions());
}

std::string FormatHtmlComparison(const Comparison& comparison,
                                 const Scenario& base,
                                 std::span<const Scenario> variants,
                                 const ReportOptions& options) {
  const size_t n =
      std::min({comparison.variants.size(), comparison.variant_results.size(),
                variants.size()});
  std::vector<Source> sources;
  sources.push_back({comparison.base_label, &comparison.base, &base, 0});
  for (size_t v = 0; v < n; ++v) {
    sources.push_back({comparison.variants[v].label,
                       &comparison.variant_results[v], &variants[v],
                       static_cast<int>(v) + 1});
  }
  const PageContext c =
      html::MakePageContext(std::move(sources), base, true, options);
  std::string labels;
  for (size_t v = 0; v < n; ++v) {
    labels += (v > 0 ? ", " : "") + comparison.variants[v].label;
  }
  const std::string title =
      fmt::format("ccsim comparison: {} vs {}", comparison.base_label, labels);

  std::string out;
  AppendPageStart(out, title);
  out += fmt::format("<header>\n<h1>{}</h1>\n", Escape(title));
  out += "<table class=\"meta\">\n";
  AppendMetaRow(out, "Seed", fmt::format("{}", comparison.seed));
  AppendMetaRow(out, "Replications",
                fmt::format("{} per scenario, with common random numbers",
                            comparison.replications));
  AppendMetaRow(out, "Horizon", Escape(HorizonText(base)));
  AppendMetaRow(out, "Start date", Escape(StartDateText(base)));
  AppendMetaRow(out, "Service-level target", Escape(TargetText(base)));
  out += "</table>\n";
  out +=
      "<div class=\"scroll\"><table id=\"scenario-table\">\n<thead><tr>"
      "<th>Role</th><th>Label</th><th>Scenario</th><th>Horizon</th>"
      "<th>Service-level target</th></tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < c.sources.size(); ++i) {
    const Source& s = c.sources[i];
    out += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        i == 0 ? std::string("base") : fmt::format("variant {}", i),
        Escape(s.label), Escape(s.scenario->name),
        Escape(ShortHorizonText(*s.scenario)),
        Escape(ShortTargetText(*s.scenario)));
  }
  out += "</tbody>\n</table></div>\n</header>\n";
  AppendContents(out, c, html::HasCompareHeatmaps(c, comparison));

  html::AppendCompareGlance(out, c, comparison);
  out += "<h2 id=\"summary\">Summary</h2>\n";
  out += fmt::format(
      "<p class=\"note\">Totals over the horizon, means over {} "
      "replications. Difference = variant \u2212 base, estimated from the "
      "paired replications, \u00b1 the half-width of its 95% confidence "
      "interval; <b>*</b> marks a significant difference (the CI excludes "
      "zero). Rates in %, their differences in percentage points "
      "(pp).</p>\n",
      comparison.replications);
  std::vector<Metric> rows = SummaryRows(options, true);
  for (Metric m : SummaryRows(options, false)) rows.push_back(m);
  AppendComparisonTable(out, comparison, n, rows);

  html::AppendCompareHeatmaps(out, c, comparison);
  html::AppendCompareIntervalTables(out, c, comparison);

  const std::string differences = html::DifferenceChart(comparison, options);
  out += "<h2 id=\"differences\">Differences</h2>\n";
  if (!differences.empty()) {
    html::AppendFigure(
        out, differences,
        "Each metric on its own scale, centred on zero. A whisker that does "
        "not cross the zero line is a significant difference.");
  }
  bool grids_differ = false;
  for (size_t v = 0; v < n; ++v) {
    if (comparison.variants[v].intervals.empty() &&
        !comparison.base.intervals.empty()) {
      grids_differ = true;
    }
  }
  if (grids_differ) {
    out +=
        "<p class=\"note\">Some variants report other intervals than the "
        "base (warm-up, horizon or interval length differ): they have no "
        "heatmap of differences, and the charts line them up by date and "
        "time of day.</p>\n";
  }
  html::AppendAnswerRate(out, c);
  html::AppendIntervalCharts(out, c);
  AppendPageEnd(out);
  return out;
}

std::string FormatHtmlComparison(const Comparison& comparison,
                                 const Scenario& base,
                                 std::span<const Scenario> variants) {
  return FormatHtmlComparison(comparison, base, variants, ReportOptions());
}

}  // namespace ccsim
