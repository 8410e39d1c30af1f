// The line charts of the HTML reports (per interval over the horizon, and
// the average day of each weekday class), the answer-rate section with the
// call flow, and the comparison's difference chart. Each chart shows only
// the metrics the report's options select (see sim/report/report_parts.h).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "fmt/format.h"
#include "sim/report/report_parts.h"
#include "sim/report/svg.h"
#include "sim/run/text_format.h"

namespace ccsim::html {

namespace {

using svg::Escape;
using svg::FormatNumber;

// The metrics of the difference chart: volume, service, waiting, and the
// agent side (what a change costs).
constexpr std::array kDifferenceMetrics = {
    Metric::kOffered,      Metric::kAnswered,    Metric::kAbandoned,
    Metric::kServiceLevel, Metric::kAbandonRate, Metric::kAsa,
    Metric::kMeanWait,     Metric::kOccupancy,   Metric::kStaffedHours,
};

// The days a chart covers: the whole horizon, or the average day of one
// weekday class.
struct Slice {
  int day_class = -1;  // -1: every day
  std::string prefix;  // before panel captions: "Mon–Fri, 22 days: "
};

// What a chart draws: the view, its axis, and the slices (one panel set
// each).
struct ChartView {
  View view = View::kHorizon;
  svg::XAxis axis;
  std::vector<Slice> slices;
};

std::string IdOf(const ChartView& v, std::string_view base) {
  return v.view == View::kAverageDay ? fmt::format("{}-day", base)
                                     : std::string(base);
}

std::string TitleOf(const ChartView& v, std::string_view title) {
  return v.view == View::kAverageDay
             ? fmt::format("{} \u2014 average day by weekday class", title)
             : std::string(title);
}

std::string Scope(const PageContext& c, const ChartView& v) {
  return v.view == View::kAverageDay
             ? fmt::format("per {} interval of the average day",
                           c.interval_text)
             : fmt::format("per {} interval", c.interval_text);
}

// The series of source `s` as drawn in slice `slice` of view `v`: for the
// average day, the mean over the slice's days at each time of day; with
// `weights` (the offered calls) a rate is pooled over days,
// sum(w * rate) / sum(w), as if computed from all their calls.
svg::Series MakeSeries(std::string label, int style, const ChartView& v,
                       const Slice& slice, const Source& s,
                       const std::vector<double>& y,
                       const std::vector<double>* weights = nullptr) {
  std::vector<double> x = Midpoints(s);
  if (v.view == View::kHorizon) return {std::move(label), style, x, y};
  const std::vector<int> classes = DayClasses(s);
  // Keyed by whole seconds of the day so that equal times match exactly.
  std::map<long, std::pair<double, double>> sums;  // sum w*y, sum w
  for (size_t i = 0; i < x.size(); ++i) {
    if (slice.day_class >= 0 && classes[i] != slice.day_class) continue;
    auto& [wy, w] = sums[std::lround(std::fmod(x[i], kDaySeconds))];
    if (!Finite(y[i])) continue;
    const double wi = weights ? (*weights)[i] : 1;
    if (!Finite(wi) || wi <= 0) continue;
    wy += wi * y[i];
    w += wi;
  }
  svg::Series series{std::move(label), style, {}, {}};
  for (const auto& [tod, sum] : sums) {
    series.x.push_back(static_cast<double>(tod));
    series.y.push_back(sum.second > 0 ? sum.first / sum.second : NAN);
  }
  return series;
}

// The panels of `c` for one metric: one series per source.
svg::Panel SourcesPanel(const PageContext& c, const ChartView& v,
                        const Slice& slice, std::string caption, Metric m,
                        bool pooled) {
  svg::Panel panel;
  panel.caption = slice.prefix + std::move(caption);
  panel.y_min = 0;
  for (const Source& s : c.sources) {
    const std::vector<double> w = Means(s, Metric::kOffered, 1);
    panel.series.push_back(MakeSeries(s.label, s.style, v, slice, s,
                                      Means(s, m, FormatOf(m).scale),
                                      pooled ? &w : nullptr));
  }
  return panel;
}

std::string Render(svg::LineChart& chart, const ChartView& v) {
  if (chart.panels.empty()) return "";
  chart.x = v.axis;
  if (chart.panels.size() > 2) chart.panel_height = 150;
  return svg::RenderLineChart(chart);
}

std::string OfferedAnsweredChart(const PageContext& c, const ChartView& v) {
  svg::LineChart chart;
  chart.id = IdOf(v, "chart-offered-answered");
  chart.title = TitleOf(v, "Offered and answered calls");
  std::vector<Metric> shown;
  for (Metric m : {Metric::kOffered, Metric::kAnswered}) {
    if (c.Shows(m)) shown.push_back(m);
  }
  for (const Slice& slice : v.slices) {
    if (!c.compare) {
      svg::Panel panel;
      panel.caption = slice.prefix + "Calls " + Scope(c, v);
      panel.y_min = 0;
      for (Metric m : shown) {
        panel.series.push_back(
            MakeSeries(m == Metric::kOffered ? "Offered" : "Answered",
                       m == Metric::kOffered ? 0 : 1, v, slice, c.sources[0],
                       Means(c.sources[0], m, 1)));
      }
      if (!shown.empty()) chart.panels.push_back(std::move(panel));
      continue;
    }
    for (Metric m : shown) {
      chart.panels.push_back(SourcesPanel(
          c, v, slice,
          fmt::format("{} calls {}",
                      m == Metric::kOffered ? "Offered" : "Answered",
                      Scope(c, v)),
          m, false));
      chart.panel_height = 170;
    }
  }
  chart.description = chart.title + ": line chart of calls " + Scope(c, v);
  return Render(chart, v);
}

std::string ServiceLevelChart(const PageContext& c, const ChartView& v) {
  svg::LineChart chart;
  chart.id = IdOf(v, "chart-service-level");
  chart.title = TitleOf(v, "Service level and target");
  if (!c.Shows(Metric::kServiceLevel)) return "";
  for (const Slice& slice : v.slices) {
    svg::Panel panel =
        SourcesPanel(c, v, slice,
                     fmt::format("% of offered calls answered within {}, {}",
                                 c.threshold_text, Scope(c, v)),
                     Metric::kServiceLevel, true);
    if (!c.compare) panel.series[0].label = "Service level";
    panel.y_max = 100;
    panel.refs.push_back(
        {100 * c.target,
         fmt::format("Target {}%", FormatNumber(100 * c.target, 0))});
    chart.panels.push_back(std::move(panel));
  }
  chart.description =
      chart.title + ": line chart of the service level " + Scope(c, v) +
      ", with the target as a horizontal line; gaps where no call was "
      "offered";
  return Render(chart, v);
}

std::string WaitAbandonChart(const PageContext& c, const ChartView& v) {
  svg::LineChart chart;
  chart.id = IdOf(v, "chart-wait-abandon");
  chart.title = TitleOf(v, "Waiting and abandonment");
  for (const Slice& slice : v.slices) {
    if (c.Shows(Metric::kMeanWait)) {
      svg::Panel wait = SourcesPanel(
          c, v, slice, "Mean wait of offered calls, seconds, " + Scope(c, v),
          Metric::kMeanWait, true);
      if (!c.compare) wait.series[0].label = "Mean wait";
      chart.panels.push_back(std::move(wait));
    }
    if (c.Shows(Metric::kAbandonRate)) {
      svg::Panel abandon = SourcesPanel(
          c, v, slice, "Abandoned in queue, % of offered calls, " + Scope(c, v),
          Metric::kAbandonRate, true);
      if (!c.compare)
        abandon.series[0] = {"Abandon rate", 1, abandon.series[0].x,
                             abandon.series[0].y};
      chart.panels.push_back(std::move(abandon));
    }
  }
  chart.panel_height = 170;
  chart.description = chart.title +
                      ": line charts of the mean wait (seconds)"
                      " and the abandon rate (%) " +
                      Scope(c, v);
  return Render(chart, v);
}

std::string AgentsChart(const PageContext& c, const ChartView& v) {
  svg::LineChart chart;
  chart.id = IdOf(v, "chart-agents");
  chart.title = TitleOf(v, "Agents staffed, busy and on break");
  const std::string note = "average number of agents " + Scope(c, v);
  struct State {
    std::string_view name;
    std::vector<Metric> hours;
    std::vector<Metric> selected_by;  // shown when one of these is
  };
  const std::array<State, 3> all = {{
      {"Staffed (logged in)", {Metric::kStaffedHours}, {Metric::kStaffedHours}},
      {"Busy (talk + wrap)",
       {Metric::kTalkHours, Metric::kWrapHours},
       {Metric::kTalkHours, Metric::kWrapHours, Metric::kOccupancy,
        Metric::kUtilisation}},
      {"On break or AUX",
       {Metric::kBreakHours, Metric::kAuxHours},
       {Metric::kBreakHours, Metric::kAuxHours, Metric::kBreakShare}},
  }};
  std::vector<std::pair<int, const State*>> states;
  for (size_t i = 0; i < all.size(); ++i) {
    for (Metric m : all[i].selected_by) {
      if (c.Shows(m)) {
        states.push_back({static_cast<int>(i), &all[i]});
        break;
      }
    }
  }
  for (const Slice& slice : v.slices) {
    if (!c.compare) {
      const Source& s = c.sources[0];
      svg::Panel panel;
      panel.caption = slice.prefix + "Agents, " + note;
      panel.y_min = 0;
      for (const auto& [style, state] : states) {
        panel.series.push_back(MakeSeries(
            state->name == all[0].name ? "Staffed" : std::string(state->name),
            style, v, slice, s, Agents(s, state->hours)));
      }
      if (!states.empty()) chart.panels.push_back(std::move(panel));
      continue;
    }
    for (const auto& [style, state] : states) {
      svg::Panel panel;
      panel.caption = fmt::format("{}{}, {}", slice.prefix, state->name, note);
      panel.y_min = 0;
      for (const Source& s : c.sources) {
        panel.series.push_back(
            MakeSeries(s.label, s.style, v, slice, s, Agents(s, state->hours)));
      }
      chart.panels.push_back(std::move(panel));
      chart.panel_height = 150;
    }
  }
  chart.description = chart.title + ": line chart of the " + note;
  return Render(chart, v);
}

// Answer rate, with the callers who gave up and the busy signals beside it:
// a high answer rate can hide calls that never reached the queue.
std::string AnswerRateChart(const PageContext& c, const ChartView& v) {
  svg::LineChart chart;
  chart.id = IdOf(v, "chart-answer-rate");
  chart.title = TitleOf(v, "Answer rate, callers who gave up and busy signals");
  if (!c.Shows(Metric::kAnswerRate)) return "";
  bool blocked = false;
  for (const Source& s : c.sources) {
    blocked = blocked || Get(s.result->total, Metric::kBlocked).mean > 0;
  }
  for (const Slice& slice : v.slices) {
    svg::Panel rate = SourcesPanel(
        c, v, slice,
        "% of offered calls answered (answer rate), " + Scope(c, v),
        Metric::kAnswerRate, true);
    if (!c.compare) rate.series[0].label = "Answer rate";
    rate.y_max = 100;
    const std::string pct = FormatNumber(100 * c.answer_target, 0) + "%";
    rate.refs.push_back(
        {100 * c.answer_target, c.answer_target_is_goal
                                    ? "Answer-rate goal " + pct
                                    : "Service-level target " + pct});
    chart.panels.push_back(std::move(rate));
    if (c.Shows(Metric::kGaveUp)) {
      svg::Panel gave_up = SourcesPanel(
          c, v, slice,
          "Callers who gave up (counted with their last attempt), " +
              Scope(c, v),
          Metric::kGaveUp, false);
      if (!c.compare)
        gave_up.series[0] = {"Gave up", 1, gave_up.series[0].x,
                             gave_up.series[0].y};
      chart.panels.push_back(std::move(gave_up));
    }
    if (blocked && c.Shows(Metric::kBlocked)) {
      svg::Panel busy = SourcesPanel(
          c, v, slice, "Call attempts blocked (busy signal), " + Scope(c, v),
          Metric::kBlocked, false);
      if (!c.compare)
        busy.series[0] = {"Blocked", 2, busy.series[0].x, busy.series[0].y};
      chart.panels.push_back(std::move(busy));
    }
  }
  chart.panel_height = chart.panels.size() > 1 ? 160 : 220;
  chart.description = chart.title + ": line charts of the answer rate (%) " +
                      Scope(c, v) +
                      ", of the callers who gave up and of blocked attempts";
  return Render(chart, v);
}

struct FlowStepLabel {
  std::string_view label;  // {} is the service-level threshold
  bool indent;             // a part of "reached the queue"
  bool optional;           // left out when no call took it
};

// Labels of the call-flow steps, in the order of kCallFlowStepNames. The
// queue's own steps are always shown; the others belong to parts of the
// model a scenario may not use (opening hours, trunks, IVR, repeats).
constexpr std::array<FlowStepLabel, kNumCallFlowSteps> kFlowLabels = {{
    {"Closed (outside opening hours)", false, true},
    {"Blocked (busy signal)", false, true},
    {"Informed by an announcement", false, true},
    {"Left in the IVR", false, true},
    {"Contained in self service", false, true},
    {"Transferred out by the IVR", false, true},
    {"Reached the queue (offered)", false, false},
    {"abandoned in queue", true, false},
    {"answered within {}", true, false},
    {"answered after {}", true, false},
    {"Came back (repeat calls)", false, true},
}};

std::string FlowLabel(int step, const std::string& threshold_text) {
  return fmt::format(fmt::runtime(kFlowLabels[step].label), threshold_text);
}

// The call-flow bar chart; the optional steps that no call took in any
// source are left out and their labels added to `hidden`.
std::string CallFlowChart(const PageContext& c,
                          std::vector<std::string>* hidden) {
  svg::BarChart chart;
  chart.id = "chart-call-flow";
  chart.title = "Caller flow: what became of 100 call attempts";
  chart.description =
      "Bar chart of the call flow per 100 call attempts: blocked, informed, "
      "left in the IVR, contained, offered, abandoned, answered within and "
      "after the threshold, and repeat calls, with 95% CIs";
  chart.x_title = "Per 100 call attempts (mean over replications)";
  std::vector<int> shown;
  for (int step = 0; step < kNumCallFlowSteps; ++step) {
    bool taken = !kFlowLabels[step].optional;
    for (const Source& s : c.sources) {
      const double v = CallFlowSteps(s.result->call_flow)[step]->mean;
      if (Finite(v) && v != 0) taken = true;
    }
    if (taken) {
      shown.push_back(step);
      chart.categories.push_back(
          {FlowLabel(step, c.threshold_text), kFlowLabels[step].indent});
    } else {
      hidden->push_back(FlowLabel(step, c.threshold_text));
    }
  }
  for (const Source& s : c.sources) {
    svg::BarGroup group;
    group.label = c.compare ? s.label : "Mean per 100 calls";
    group.style = s.style;
    const auto steps = CallFlowSteps(s.result->call_flow);
    for (int step : shown) {
      group.value.push_back(steps[step]->mean);
      group.ci95.push_back(steps[step]->ci95);
    }
    chart.groups.push_back(std::move(group));
  }
  return svg::RenderBarChart(chart);
}

ChartView HorizonView(const PageContext& c) {
  double lo = INFINITY;
  double hi = -INFINITY;
  for (const Source& s : c.sources) {
    const std::vector<double> x = Midpoints(s);
    const double half = s.scenario->interval.seconds() / 2;
    if (!x.empty()) {
      lo = std::min(lo, x.front() - half);
      hi = std::max(hi, x.back() + half);
    }
  }
  if (!(hi > lo)) {
    lo = 0;
    hi = kDaySeconds;
  }
  ChartView v;
  v.axis = HorizonAxis(lo, hi, c.sources[0].scenario->calendar.start_date);
  v.slices = {Slice{}};
  return v;
}

// The average day of each weekday class the base's horizon has.
ChartView AverageDayView(const PageContext& c) {
  ChartView v;
  v.view = View::kAverageDay;
  v.axis = AverageDayAxis();
  const Source& base = c.sources[0];
  std::array<int, kNumDayClasses> intervals{};
  for (int k : DayClasses(base)) ++intervals[k];
  const double days_per_interval =
      base.scenario->interval.seconds() / kDaySeconds;
  for (int k = 0; k < kNumDayClasses; ++k) {
    if (intervals[k] == 0) continue;
    const double days = intervals[k] * days_per_interval;
    v.slices.push_back(
        {k, fmt::format("{}, {} day{}: ", DayClassName(k),
                        FormatNumber(days, days == std::floor(days) ? 0 : 1),
                        days == 1 ? "" : "s")});
  }
  return v;
}

}  // namespace

bool HasAverageDay(const PageContext& c) {
  double days = 0;
  for (const Source& s : c.sources) days = std::max(days, HorizonDays(s));
  return days >= kMinAverageDays;
}

void AppendAnswerRate(std::string& out, const PageContext& c) {
  const std::string chart = AnswerRateChart(c, HorizonView(c));
  if (chart.empty() && !c.options.ShowsCallFlow()) return;
  out += "<h2 id=\"answer-rate\">Answer rate and caller flow</h2>\n";
  if (!chart.empty()) {
    AppendFigure(
        out, chart,
        c.answer_target_is_goal
            ? "The line is the scenario's answer-rate goal."
            : "The scenario sets no answer-rate goal; the line is the "
              "service-level target, a floor (every call answered within "
              "the threshold is answered, so where the answer rate is below "
              "the target the service level is too). The answer rate counts "
              "only calls that reached the queue: read it with the callers "
              "who gave up, the busy signals and the caller flow.");
  }
  if (!c.options.ShowsCallFlow()) return;
  std::vector<std::string> hidden;
  const std::string flow_chart = CallFlowChart(c, &hidden);
  std::string note =
      "The bars not indented, but for repeat calls, are the possible fates "
      "of a call attempt and add up to 100; the indented ones split the "
      "calls that reached the queue. Repeat calls are the share of attempts "
      "that were redials or returns.";
  if (!hidden.empty()) {
    std::string list;
    for (const std::string& h : hidden) {
      list += (list.empty() ? "" : "; ") + h;
    }
    note += " No call took these steps, left out: " + list + ".";
  }
  out += "<h3 id=\"call-flow\">Caller flow</h3>\n";
  AppendFigure(out, flow_chart, Escape(note));
}

void AppendIntervalCharts(std::string& out, const PageContext& c) {
  const std::string gap_note =
      "Gaps in a line: the value is undefined there (no call offered in "
      "that interval).";
  const ChartView horizon = HorizonView(c);
  out += "<h2 id=\"per-interval\">Per interval</h2>\n";
  const std::string offered = OfferedAnsweredChart(c, horizon);
  if (!offered.empty()) AppendFigure(out, offered);
  const std::string sl = ServiceLevelChart(c, horizon);
  if (!sl.empty()) AppendFigure(out, sl, gap_note);
  const std::string wait = WaitAbandonChart(c, horizon);
  if (!wait.empty()) AppendFigure(out, wait, gap_note);
  const std::string agents = AgentsChart(c, horizon);
  if (!agents.empty()) {
    AppendFigure(out, agents,
                 "Average number of agents = agent hours in the state / "
                 "interval length in hours. Busy = talk + after-call work; "
                 "on break = scheduled breaks + AUX.");
  }
  if (!HasAverageDay(c)) return;
  const ChartView day = AverageDayView(c);
  out += "<h2 id=\"average-day\">Average day by weekday class</h2>\n";
  out +=
      "<p class=\"note\">Each time of day averaged over the days of one "
      "weekday class (Monday to Friday, Saturdays, Sundays: one average "
      "over all days would hide the weekday peak). Counts and agents are "
      "plain means; rates and the mean wait are pooled over the days "
      "(weighted by the offered calls), as if computed from all their "
      "calls.</p>\n";
  for (const std::string& chart :
       {AnswerRateChart(c, day), OfferedAnsweredChart(c, day),
        ServiceLevelChart(c, day), WaitAbandonChart(c, day),
        AgentsChart(c, day)}) {
    if (!chart.empty()) AppendFigure(out, chart);
  }
}

std::string DifferenceChart(const Comparison& c, const ReportOptions& options) {
  svg::DiffChart chart;
  chart.id = "chart-differences";
  chart.title = "Differences from the base (variant \u2212 base, 95% CI)";
  chart.description =
      "Dot and whisker chart of the paired difference variant minus base for "
      "each key metric, with 95% confidence intervals; filled dots are "
      "significant";
  for (size_t v = 0; v < c.variants.size(); ++v) {
    chart.variant_labels.push_back(c.variants[v].label);
    chart.variant_styles.push_back(static_cast<int>(v) + 1);
  }
  for (Metric m : kDifferenceMetrics) {
    if (!options.Shows(m)) continue;
    const MetricFormat f = FormatOf(m);
    svg::DiffRow row;
    row.label = std::string(MetricLabel(m));
    row.unit = std::string(f.unit);
    row.decimals = f.diff_decimals;
    for (const VariantComparison& vc : c.variants) {
      const PairedEstimate& p = vc.total[static_cast<int>(m)];
      row.points.push_back({p.difference.mean * f.scale,
                            p.difference.ci95 * f.scale, p.significant});
    }
    chart.rows.push_back(std::move(row));
  }
  if (chart.rows.empty()) return "";
  return svg::RenderDiffChart(chart);
}

}  // namespace ccsim::html
