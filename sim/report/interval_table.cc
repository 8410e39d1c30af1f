// The per-interval tables of the HTML reports, collapsed in <details>: for
// a run each interval's key metrics with their 95% CIs, the intervals whose
// service level is surely below the target highlighted; for a comparison,
// per variant, the base and the paired difference with significant rises
// and falls marked. See docs/html-report.md.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "fmt/format.h"
#include "sim/report/report_parts.h"
#include "sim/report/svg.h"

namespace ccsim::html {

namespace {

using svg::Escape;

// The columns of the run's table, when selected.
constexpr std::array kRunColumns = {
    Metric::kOffered,      Metric::kAnswered,    Metric::kAnswerRate,
    Metric::kServiceLevel, Metric::kAbandonRate, Metric::kAsa,
    Metric::kGaveUp,       Metric::kOccupancy,   Metric::kStaffedHours};

// The metrics of the comparison's tables, when selected.
constexpr std::array kCompareColumns = {
    Metric::kServiceLevel, Metric::kAnswerRate, Metric::kAbandonRate,
    Metric::kAsa, Metric::kOccupancy};

// The selected metrics among `key`; when none of them is selected, every
// selected metric an interval reports.
template <size_t N>
std::vector<Metric> Columns(const PageContext& c,
                            const std::array<Metric, N>& key) {
  std::vector<Metric> out;
  for (Metric m : key) {
    if (c.Shows(m)) out.push_back(m);
  }
  if (!out.empty()) return out;
  for (int i = 0; i < kNumMetrics; ++i) {
    const Metric m = static_cast<Metric>(i);
    if (c.Shows(m) && MetricApplies(Scope::kInterval, m)) out.push_back(m);
  }
  return out;
}

// "Service level<br>% ± pp".
std::string Heading(Metric m) {
  const MetricFormat f = FormatOf(m);
  std::string unit = IsRate(m) ? "% \u00b1 pp" : std::string(f.unit);
  if (f.suffix == " s") unit = "s";
  if (f.suffix == " h") unit = "h";
  return fmt::format("<th>{}<br><small>{}</small></th>", Escape(ShortLabel(m)),
                     Escape(unit));
}

// "82.1 ±3.2", without units (they are in the heading).
std::string Cell(Metric m, const Estimate& e) {
  const MetricFormat f = FormatOf(m);
  if (!Finite(e.mean)) return "\u2013";
  std::string text = svg::FormatNumber(e.mean * f.scale, f.decimals);
  if (Finite(e.ci95)) text += " \u00b1" + Spread(m, e.ci95, false);
  return text;
}

std::string DateCells(const Scenario& s, int day, std::string_view start) {
  return fmt::format("<td>{}</td><td>{}</td>", DateLabel(DateOfDay(s, day)),
                     start);
}

}  // namespace

void AppendRunIntervalTable(std::string& out, const PageContext& c) {
  const Source& s = c.sources[0];
  const std::vector<Metric> columns = Columns(c, kRunColumns);
  if (columns.empty() || s.result->intervals.empty()) return;
  const bool sl = c.Shows(Metric::kServiceLevel);
  int below = 0;
  std::string rows;
  for (const IntervalEstimates& ie : s.result->intervals) {
    const Estimate& e = Get(ie.metrics, Metric::kServiceLevel);
    const bool surely_below =
        sl && Finite(e.mean) && Finite(e.ci95) && e.mean + e.ci95 < c.target;
    below += surely_below ? 1 : 0;
    rows += surely_below ? "<tr class=\"below\">" : "<tr>";
    rows += DateCells(*s.scenario, ie.day, ie.start);
    for (Metric m : columns)
      rows += "<td>" + Cell(m, Get(ie.metrics, m)) + "</td>";
    rows += "</tr>\n";
  }
  out += fmt::format(
      "<details id=\"interval-table\">\n<summary>Every interval: {} rows, "
      "means \u00b1 95% CI half-widths{}</summary>\n",
      s.result->intervals.size(),
      sl ? fmt::format("; the {} whose service level is surely below the "
                       "target are shaded",
                       below)
         : "");
  out +=
      "<div class=\"scroll\"><table class=\"intervals\">\n<thead><tr>"
      "<th>Date</th><th>Start</th>";
  for (Metric m : columns) out += Heading(m);
  out += "</tr></thead>\n<tbody>\n" + rows + "</tbody>\n</table></div>\n";
  out += "</details>\n";
}

void AppendCompareIntervalTables(std::string& out, const PageContext& c,
                                 const Comparison& comparison) {
  const std::vector<Metric> columns = Columns(c, kCompareColumns);
  if (columns.empty()) return;
  const Scenario& base = *c.sources[0].scenario;
  for (size_t v = 0; v < comparison.variants.size(); ++v) {
    const VariantComparison& vc = comparison.variants[v];
    if (vc.intervals.empty()) continue;
    out += fmt::format(
        "<details class=\"interval-table\" id=\"interval-table-{}\">\n"
        "<summary>Every interval, {} against {}: {} rows, the base and the "
        "paired difference \u00b1 95% CI (<b>*</b> significant)</summary>\n",
        v + 1, Escape(vc.label), Escape(comparison.base_label),
        vc.intervals.size());
    out +=
        "<div class=\"scroll\"><table class=\"intervals\">\n<thead><tr>"
        "<th>Date</th><th>Start</th>";
    for (Metric m : columns) {
      out += fmt::format(
          "<th>{}<br><small>base</small></th><th>{}<br><small>\u0394 "
          "{}</small></th>",
          Escape(ShortLabel(m)), Escape(ShortLabel(m)),
          Escape(FormatOf(m).diff_suffix));
    }
    out += "</tr></thead>\n<tbody>\n";
    for (const IntervalComparison& row : vc.intervals) {
      out += "<tr>" + DateCells(base, row.day, row.start);
      for (Metric m : columns) {
        const PairedEstimate& p = row.metrics[static_cast<int>(m)];
        out += fmt::format("<td>{}</td>", Value(m, p.base.mean));
        const std::string diff =
            Finite(p.difference.mean)
                ? Spread(m, p.difference.mean, true) +
                      (Finite(p.difference.ci95)
                           ? " \u00b1" + Spread(m, p.difference.ci95, false)
                           : "")
                : "\u2013";
        if (p.significant) {
          out += fmt::format("<td class=\"{}\">{} *</td>",
                             p.difference.mean > 0 ? "rise" : "fall", diff);
        } else {
          out += "<td>" + diff + "</td>";
        }
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table></div>\n</details>\n";
  }
}

}  // namespace ccsim::html
