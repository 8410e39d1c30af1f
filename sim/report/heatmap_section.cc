// "At a glance" and the heatmaps of the HTML reports: for a run, the
// service level and the answer rate of every interval against the target,
// marking the intervals whose 95% CI lies wholly below it; for a
// comparison, the paired difference of each variant, marking the
// significant rises and falls. See docs/html-report.md.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "ccsim/time.h"
#include "fmt/format.h"
#include "sim/report/heatmap.h"
#include "sim/report/report_parts.h"
#include "sim/report/svg.h"

namespace ccsim::html {

namespace {

using svg::Escape;
using svg::FormatNumber;

// ---- Colour scales --------------------------------------------------------

// Bins of a value in percentage points: bin i holds edges[i-1] <= v <
// edges[i].
struct Scale {
  std::vector<double> edges;
  std::vector<std::string_view> colours;  // edges.size() + 1
  std::vector<std::string> labels;
};

// Service level (or answer rate) minus its target: reds below, blues at or
// above.
const Scale& TargetScale() {
  static const Scale scale = {
      {-20, -10, -5, -2, 0, 2, 5, 10, 20},
      {"#99000d", "#cb2a1d", "#ee6446", "#f9a283", "#fcd9cb", "#d6e6f2",
       "#a3c8e3", "#6aa6d2", "#2f78b5", "#0b4a8b"},
      {"below \u221220", "\u221220 to \u221210", "\u221210 to \u22125",
       "\u22125 to \u22122", "\u22122 to 0", "0 to +2", "+2 to +5", "+5 to +10",
       "+10 to +20", "+20 or more"}};
  return scale;
}

// Variant minus base: reds for falls, blues for rises, near white within
// half a point.
const Scale& DifferenceScale() {
  static const Scale scale = {
      {-10, -5, -2, -0.5, 0.5, 2, 5, 10},
      {"#99000d", "#e0452f", "#f79a7c", "#fcd9cb", "#f4f4f4", "#d6e6f2",
       "#8bbbdd", "#3f86c2", "#0b4a8b"},
      {"below \u221210", "\u221210 to \u22125", "\u22125 to \u22122",
       "\u22122 to \u22120.5", "\u00b10.5", "+0.5 to +2", "+2 to +5",
       "+5 to +10", "+10 or more"}};
  return scale;
}

int BinOf(const Scale& s, double pp) {
  if (!Finite(pp)) return -1;
  // 100 * (1.0 - 0.8) is 19.999999999999996: values on an edge (to a
  // millionth of a point) belong to the bin above it.
  pp = std::round(pp * 1e6) / 1e6;
  int bin = 0;
  while (bin < static_cast<int>(s.edges.size()) && pp >= s.edges[bin]) ++bin;
  return bin;
}

std::vector<svg::HeatBin> Bins(const Scale& s) {
  std::vector<svg::HeatBin> out;
  for (size_t i = 0; i < s.colours.size(); ++i) {
    out.push_back({s.colours[i], s.labels[i]});
  }
  return out;
}

// ---- The grid -------------------------------------------------------------

// Rows are the days from the first to the last reported, columns the
// intervals of the day.
struct Grid {
  int first_day = 1;
  double interval_s = 1800;
  svg::Heatmap map;
};

Grid MakeGrid(const Scenario& s, int first_day, int last_day) {
  Grid g;
  g.first_day = first_day;
  g.interval_s = s.interval.seconds();
  g.map.columns = std::max(
      1, static_cast<int>(std::ceil(kDaySeconds / g.interval_s - 1e-9)));
  g.map.column_seconds = g.interval_s;
  for (int day = first_day; day <= last_day; ++day) {
    const Date d = DateOfDay(s, day);
    g.map.rows.push_back({DateLabel(d), DayClassOf(d) != 0, d.weekday() == 0});
  }
  return g;
}

svg::HeatCell Cell(const Grid& g, int day, std::string_view start) {
  svg::HeatCell cell;
  cell.row = day - g.first_day;
  cell.column = static_cast<int>(ClockSeconds(start) / g.interval_s);
  return cell;
}

// "Mon 15 Jan 10:30".
std::string When(const Scenario& s, int day, std::string_view start) {
  return fmt::format("{} {}", DateLabel(DateOfDay(s, day)), start);
}

// ---- Run ------------------------------------------------------------------

// What one heatmap of a run shows: a rate against its reference.
struct RateView {
  Metric metric;
  std::string_view id;
  std::string name;   // "service level"
  std::string title;  // "Service level"
  double target;
  std::string target_text;  // "the 80% target"
};

std::vector<RateView> RunViews(const PageContext& c) {
  std::vector<RateView> out;
  const std::string pct = FormatNumber(100 * c.target, 0) + "%";
  if (c.Shows(Metric::kServiceLevel)) {
    out.push_back({Metric::kServiceLevel, "heatmap-service-level",
                   "service level", "Service level", c.target,
                   fmt::format("the {} target (answered within {})", pct,
                               c.threshold_text)});
  }
  if (const auto& second = c.sources[0].scenario->service_level.second;
      second.has_value() && c.Shows(Metric::kServiceLevel2)) {
    out.push_back({Metric::kServiceLevel2, "heatmap-service-level-2",
                   "second service level", "Second service level",
                   second->target,
                   fmt::format("the {}% target (answered within {})",
                               FormatNumber(100 * second->target, 0),
                               FormatDuration(second->threshold))});
  }
  if (c.Shows(Metric::kAnswerRate)) {
    const std::string goal = FormatNumber(100 * c.answer_target, 0) + "%";
    out.push_back({Metric::kAnswerRate, "heatmap-answer-rate", "answer rate",
                   "Answer rate", c.answer_target,
                   c.answer_target_is_goal
                       ? fmt::format("the {} answer-rate goal", goal)
                       : fmt::format("the {} service-level target", goal)});
  }
  return out;
}

// The 95% CI lies wholly below `target`.
bool WhollyBelow(const Estimate& e, double target) {
  return Finite(e.mean) && Finite(e.ci95) && e.mean + e.ci95 < target;
}

struct RateCounts {
  int defined = 0;
  int below = 0;
  int surely_below = 0;
  const IntervalEstimates* lowest = nullptr;  // among the not negligible
};

RateCounts CountRate(const RunResult& r, const RateView& v) {
  RateCounts n;
  std::vector<double> offered;
  for (const IntervalEstimates& ie : r.intervals) {
    offered.push_back(Get(ie.metrics, Metric::kOffered).mean);
  }
  const std::vector<bool> counts = NotNegligible(offered);
  for (size_t i = 0; i < r.intervals.size(); ++i) {
    const Estimate& e = Get(r.intervals[i].metrics, v.metric);
    if (!Finite(e.mean)) continue;
    ++n.defined;
    if (e.mean < v.target) ++n.below;
    if (WhollyBelow(e, v.target)) ++n.surely_below;
    if (counts[i] && (n.lowest == nullptr ||
                      e.mean < Get(n.lowest->metrics, v.metric).mean)) {
      n.lowest = &r.intervals[i];
    }
  }
  return n;
}

std::string RunHeatmap(const PageContext& c, const RateView& v) {
  const Source& s = c.sources[0];
  const std::vector<IntervalEstimates>& rows = s.result->intervals;
  Grid g = MakeGrid(*s.scenario, rows.front().day, rows.back().day);
  g.map.id = std::string(v.id);
  g.map.title =
      fmt::format("{} per interval against {}", v.title, v.target_text);
  g.map.description = fmt::format(
      "Heatmap of the {} of each day (rows) and interval of the day "
      "(columns), coloured by its distance from {} in percentage points; "
      "dots mark intervals whose 95% CI lies wholly below it",
      v.name, v.target_text);
  g.map.bins = Bins(TargetScale());
  g.map.undefined_label = "no call offered";
  g.map.mark_labels = {{svg::HeatMark::kDot, "95% CI wholly below the target"}};
  for (const IntervalEstimates& ie : rows) {
    const Estimate& e = Get(ie.metrics, v.metric);
    svg::HeatCell cell = Cell(g, ie.day, ie.start);
    cell.bin = BinOf(TargetScale(), 100 * (e.mean - v.target));
    const bool below = WhollyBelow(e, v.target);
    if (below) cell.mark = svg::HeatMark::kDot;
    cell.tip = fmt::format(
        "{}: {} \u00b1{} pp, {} offered{}", When(*s.scenario, ie.day, ie.start),
        Value(v.metric, e.mean), Spread(v.metric, e.ci95, false),
        FormatNumber(Get(ie.metrics, Metric::kOffered).mean, 1),
        below ? "; CI wholly below the target" : "");
    g.map.cells.push_back(std::move(cell));
  }
  return svg::RenderHeatmap(g.map);
}

std::string RateStatement(const PageContext& c, const RateView& v) {
  const Source& s = c.sources[0];
  const RateCounts n = CountRate(*s.result, v);
  const Estimate& total = Get(s.result->total, v.metric);
  std::string text = fmt::format(
      "<b>{}</b> {} \u00b1 {} pp over the horizon, against {}: below it in "
      "<b>{}</b> of {} intervals with calls; the 95% CI lies wholly below "
      "it in <b class=\"surely-below\">{}</b> (\u25cf in the heatmap).",
      v.title, Value(v.metric, total.mean), Spread(v.metric, total.ci95, false),
      Escape(v.target_text), n.below, n.defined, n.surely_below);
  if (n.lowest != nullptr) {
    const Estimate& e = Get(n.lowest->metrics, v.metric);
    text +=
        fmt::format(" Lowest: {} \u00b1 {} pp on {}.", Value(v.metric, e.mean),
                    Spread(v.metric, e.ci95, false),
                    When(*s.scenario, n.lowest->day, n.lowest->start));
  }
  return text;
}

// "highest occupancy 97.1% on Mon 15 Jan 10:30": among intervals with
// staffed time that is not negligible.
std::string PeakAgentShare(const PageContext& c, Metric m) {
  const Source& s = c.sources[0];
  std::vector<double> staffed;
  for (const IntervalEstimates& ie : s.result->intervals) {
    staffed.push_back(Get(ie.metrics, Metric::kStaffedHours).mean);
  }
  const std::vector<bool> counts = NotNegligible(staffed);
  const IntervalEstimates* peak = nullptr;
  for (size_t i = 0; i < staffed.size(); ++i) {
    const double v = Get(s.result->intervals[i].metrics, m).mean;
    if (!counts[i] || !Finite(v)) continue;
    if (peak == nullptr || v > Get(peak->metrics, m).mean) {
      peak = &s.result->intervals[i];
    }
  }
  if (peak == nullptr || !(Get(peak->metrics, m).mean > 0)) return "";
  return fmt::format("highest {} {} on {}", Escape(MetricLabel(m)),
                     Value(m, Get(peak->metrics, m).mean),
                     When(*s.scenario, peak->day, peak->start));
}

// ---- Comparison -----------------------------------------------------------

// The rates whose paired differences get a heatmap: the service level,
// the second one when the base scenario has it, and the answer rate.
std::vector<Metric> CompareHeatmapMetrics(const PageContext& c) {
  std::vector<Metric> out;
  for (Metric m :
       {Metric::kServiceLevel, Metric::kServiceLevel2, Metric::kAnswerRate}) {
    if (!c.Shows(m)) continue;
    if (m == Metric::kServiceLevel2 &&
        !c.sources[0].scenario->service_level.second.has_value()) {
      continue;
    }
    out.push_back(m);
  }
  return out;
}

// The id part of a rate's heatmap: "service-level".
std::string_view HeatmapId(Metric m) {
  switch (m) {
    case Metric::kServiceLevel:
      return "service-level";
    case Metric::kServiceLevel2:
      return "service-level-2";
    default:
      return "answer-rate";
  }
}

using report_internal::CountIntervalChanges;
using report_internal::IntervalChanges;

std::string CountText(const IntervalChanges& n) {
  return fmt::format(
      "significantly higher in <b class=\"n-higher\">{}</b> (\u25b2) and "
      "lower in <b class=\"n-lower\">{}</b> (\u25bc) of {} intervals",
      n.higher, n.lower, n.defined);
}

std::string CompareHeatmap(const PageContext& c, const VariantComparison& vc,
                           size_t v, Metric m) {
  const Scenario& base = *c.sources[0].scenario;
  Grid g = MakeGrid(base, vc.intervals.front().day, vc.intervals.back().day);
  const std::string name(MetricLabel(m));
  g.map.id = fmt::format("heatmap-diff-{}-{}", HeatmapId(m), v + 1);
  g.map.title = fmt::format("{}: {} \u2212 {} per interval, percentage points",
                            name, vc.label, c.sources[0].label);
  g.map.description = fmt::format(
      "Heatmap of the paired difference of the {} ({} minus {}) in each "
      "day (rows) and interval of the day (columns); up and down triangles "
      "mark significant rises and falls",
      name, vc.label, c.sources[0].label);
  g.map.bins = Bins(DifferenceScale());
  g.map.undefined_label = "undefined (no call offered)";
  g.map.mark_labels = {{svg::HeatMark::kRise, "significant rise"},
                       {svg::HeatMark::kFall, "significant fall"}};
  for (const IntervalComparison& row : vc.intervals) {
    const PairedEstimate& p = row.metrics[static_cast<int>(m)];
    svg::HeatCell cell = Cell(g, row.day, row.start);
    cell.bin = BinOf(DifferenceScale(), 100 * p.difference.mean);
    if (p.significant && Finite(p.difference.mean)) {
      cell.mark =
          p.difference.mean > 0 ? svg::HeatMark::kRise : svg::HeatMark::kFall;
    }
    cell.tip = fmt::format(
        "{}: {} ({} \u2192 {}){}", When(base, row.day, row.start),
        DifferenceText(m, p.difference), Value(m, p.base.mean),
        Value(m, p.variant.mean), p.significant ? ", significant" : "");
    g.map.cells.push_back(std::move(cell));
  }
  return svg::RenderHeatmap(g.map);
}

// The "at a glance" section: a list of statements and a note under it.
void AppendGlance(std::string& out, const std::vector<std::string>& items,
                  std::string_view note) {
  if (items.empty()) return;
  out += "<h2 id=\"glance\">At a glance</h2>\n<ul class=\"glance\">\n";
  for (const std::string& item : items) out += "<li>" + item + "</li>\n";
  out += fmt::format("</ul>\n<p class=\"note\">{}</p>\n", note);
}

}  // namespace

bool HasRunHeatmaps(const PageContext& c) {
  return !RunViews(c).empty() && !c.sources[0].result->intervals.empty();
}

void AppendRunGlance(std::string& out, const PageContext& c) {
  std::vector<std::string> items;
  for (const RateView& v : RunViews(c)) items.push_back(RateStatement(c, v));
  const RunResult& r = *c.sources[0].result;
  std::vector<std::string> callers;
  if (c.Shows(Metric::kGaveUp)) {
    callers.push_back(
        fmt::format("<b>{}</b> callers gave up (per replication)",
                    FormatNumber(Get(r.total, Metric::kGaveUp).mean, 0)));
  }
  if (c.options.ShowsCallFlow()) {
    const auto steps = CallFlowSteps(r.call_flow);
    std::string flow;
    // The fates of an attempt; the last step (repeat calls) is not one.
    for (int step = 0; step + 1 < kNumCallFlowSteps; ++step) {
      const double v = steps[step]->mean;
      if (!Finite(v) || v < 0.05) continue;
      flow += fmt::format(
          "{}{} {}", flow.empty() ? "" : ", ", FormatNumber(v, 1),
          Escape(report_internal::CallFlowLabel(step, c.threshold_text)));
    }
    if (!flow.empty()) {
      callers.push_back("of 100 call attempts: " + flow +
                        " (<a href=\"#call-flow\">caller flow</a>)");
    }
  }
  if (!callers.empty()) {
    std::string text = "<b>Callers</b>: ";
    for (size_t i = 0; i < callers.size(); ++i) {
      text += (i > 0 ? "; " : "") + callers[i];
    }
    items.push_back(text + ".");
  }
  std::vector<std::string> agents;
  for (Metric m : {Metric::kOccupancy, Metric::kBreakShare}) {
    if (!c.Shows(m)) continue;
    const std::string peak = PeakAgentShare(c, m);
    agents.push_back(fmt::format(
        "{} {} over the horizon{}", Escape(MetricLabel(m)),
        Value(m, Get(r.total, m).mean), peak.empty() ? "" : ", " + peak));
  }
  if (!agents.empty()) {
    std::string text = "<b>Agents</b>: ";
    for (size_t i = 0; i < agents.size(); ++i) {
      text += (i > 0 ? "; " : "") + agents[i];
    }
    items.push_back(text + ".");
  }
  AppendGlance(
      out, items,
      fmt::format(
          "\"Lowest\" and \"highest\" name only intervals with at least {}% "
          "of the busiest interval's offered calls (agent shares: staffed "
          "hours), so that a few calls or agent-seconds at the edge of the "
          "opening hours do not decide them.",
          FormatNumber(100 * kNegligibleShare, 0)));
}

void AppendRunHeatmaps(std::string& out, const PageContext& c) {
  if (!HasRunHeatmaps(c)) return;
  out += "<h2 id=\"heatmaps\">Where the target is missed</h2>\n";
  for (const RateView& v : RunViews(c)) {
    AppendFigure(
        out, RunHeatmap(c, v),
        Escape(fmt::format(
            "One row per day, one column per {} interval. Colour: the "
            "{} minus {}, in percentage points (reds below, blues at or "
            "above); grey: no call offered. A dot: the 95% confidence "
            "interval lies wholly below the target, so the interval misses "
            "it whatever the noise of the replications. Point at a cell for "
            "its values.",
            c.interval_text, v.name, v.target_text)));
  }
}

bool HasCompareHeatmaps(const PageContext& c, const Comparison& comparison) {
  const bool any_metric = !CompareHeatmapMetrics(c).empty();
  bool any_intervals = false;
  for (const VariantComparison& vc : comparison.variants) {
    any_intervals = any_intervals || !vc.intervals.empty();
  }
  return any_metric && any_intervals;
}

void AppendCompareGlance(std::string& out, const PageContext& c,
                         const Comparison& comparison) {
  std::vector<std::string> items;
  for (size_t v = 0; v < comparison.variants.size(); ++v) {
    const VariantComparison& vc = comparison.variants[v];
    std::string totals;
    // The key measures, then those of callbacks and follow-ups (selected
    // by default only when a scenario has them).
    for (Metric m : {Metric::kServiceLevel, Metric::kServiceLevel2,
                     Metric::kAnswerRate, Metric::kAbandonRate, Metric::kAsa,
                     Metric::kGaveUp, Metric::kOccupancy, Metric::kStaffedHours,
                     Metric::kCallbackTimeliness, Metric::kFollowUpTimeliness,
                     Metric::kFollowUpBacklog}) {
      if (!c.Shows(m)) continue;
      const PairedEstimate& p = vc.total[static_cast<int>(m)];
      totals += fmt::format(
          "{}{} {}{}", totals.empty() ? "" : "; ", Escape(ShortLabel(m)),
          DifferenceText(m, p.difference), p.significant ? " *" : "");
    }
    std::string text =
        fmt::format("<b>{}</b> against {}: {}.", Escape(vc.label),
                    Escape(comparison.base_label), totals);
    std::string sep = "<br>";
    for (Metric m : CompareHeatmapMetrics(c)) {
      if (vc.intervals.empty()) continue;
      const IntervalChanges n = CountIntervalChanges(vc, m);
      text += fmt::format("{}{} per interval: {}", sep, MetricLabel(m),
                          CountText(n));
      sep = " ";
      for (const auto& [what, row] : {std::pair{"rise", n.largest_rise},
                                      std::pair{"fall", n.largest_fall}}) {
        if (row == nullptr) continue;
        const PairedEstimate& p = row->metrics[static_cast<int>(m)];
        text += fmt::format("; largest {} {} on {}", what,
                            DifferenceText(m, p.difference),
                            When(*c.sources[0].scenario, row->day, row->start));
      }
      text += ".";
    }
    items.push_back(text);
  }
  AppendGlance(
      out, items,
      fmt::format(
          "Differences are variant \u2212 base with the 95% CI of the paired "
          "replications, rates in percentage points (pp); * marks a "
          "significant difference. \"Largest rise\" and \"fall\" name only "
          "intervals "
          "with at least {}% of the busiest interval's offered calls in the "
          "base.",
          FormatNumber(100 * kNegligibleShare, 0)));
}

void AppendCompareHeatmaps(std::string& out, const PageContext& c,
                           const Comparison& comparison) {
  if (!HasCompareHeatmaps(c, comparison)) return;
  out += "<h2 id=\"heatmaps\">Where the variants differ</h2>\n";
  for (size_t v = 0; v < comparison.variants.size(); ++v) {
    const VariantComparison& vc = comparison.variants[v];
    if (vc.intervals.empty()) continue;
    for (Metric m : CompareHeatmapMetrics(c)) {
      out += "<figure>\n";
      out += fmt::format("<p class=\"count\">{}, {} against {}: {}.</p>\n",
                         MetricLabel(m), Escape(vc.label),
                         Escape(comparison.base_label),
                         CountText(CountIntervalChanges(vc, m)));
      out += CompareHeatmap(c, vc, v, m);
      out += fmt::format(
          "<p class=\"note\">One row per day, one column per {} interval. "
          "Colour: the paired difference variant \u2212 base in percentage "
          "points (blues: higher, reds: lower); \u25b2 and \u25bc: its 95% "
          "CI excludes zero. Point at a cell for its values.</p>\n",
          c.interval_text);
      out += "</figure>\n";
    }
  }
}

}  // namespace ccsim::html
