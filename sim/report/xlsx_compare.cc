// FormatXlsxComparison(): the workbook of a comparison. Per variant: base,
// variant, difference and its 95% CI per metric, in total, for the call
// flow and per interval; charts of both scenarios; heatmaps of the paired
// difference of service level and answer rate with significant changes
// marked; the base scenario's parameters.
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "ccsim/time.h"
#include "ccsim/xlsx.h"
#include "fmt/format.h"
#include "sim/report/xlsx_sheets.h"
#include "sim/run/text_format.h"

namespace ccsim {
namespace xlsx_internal {
namespace {

// The cells of a paired estimate.
constexpr int kPairedCells = 7;

// The headings of a paired estimate's cells from `col`, each after
// `prefix` ("service_level base").
void PairedTitles(Book& book, lxw_worksheet* ws, int64_t row, int col,
                  std::string_view prefix) {
  for (std::string_view t :
       {"base", "base ±95% CI", "variant", "variant ±95% CI", "difference",
        "difference ±95% CI", "significant"}) {
    book.Text(ws, row, col++,
              prefix.empty() ? std::string(t) : fmt::format("{} {}", prefix, t),
              Style::kHeader);
  }
}

void PairedHeader(Book& book, lxw_worksheet* ws, int64_t row, int col,
                  std::string_view what) {
  book.Text(ws, row, col, what, Style::kHeader);
  PairedTitles(book, ws, row, col + 1, "");
}

// A paired estimate in the 7 columns from `col`; differences of shares in
// percentage points, significant ones bold with "*".
void PairedCells(Book& book, lxw_worksheet* ws, int64_t row, int col, Metric m,
                 const PairedEstimate& p, Style value_style) {
  const Style diff = MetricStyle(m, true);
  book.Number(ws, row, col, p.base.mean, value_style);
  book.Number(ws, row, col + 1, p.base.ci95, value_style);
  book.Number(ws, row, col + 2, p.variant.mean, value_style);
  book.Number(ws, row, col + 3, p.variant.ci95, value_style);
  const Style marked =
      diff == Style::kPoints ? Style::kPointsMarked : Style::kDeltaMarked;
  book.Number(ws, row, col + 4, PointsOf(m, p.difference.mean),
              p.significant ? marked : diff);
  book.Number(ws, row, col + 5, PointsOf(m, p.difference.ci95), diff);
  if (std::isfinite(p.difference.mean)) {
    book.Text(ws, row, col + 6, p.significant ? "yes" : "no",
              p.significant ? Style::kYes : Style::kText);
  }
}

int64_t WriteVariantSummary(Book& book, lxw_worksheet* ws, int64_t row,
                            const Comparison& c, const VariantComparison& v,
                            const Scenario& base,
                            const ReportOptions& options) {
  book.Text(ws, row++, 0, fmt::format("{} against {}", v.label, c.base_label),
            Style::kBold);
  if (v.shared_call_types < v.base_call_types) {
    book.Text(ws, row++, 0,
              fmt::format("The variant shares {} of the base's {} call "
                          "types: pairing sharpens only what they share.",
                          v.shared_call_types, v.base_call_types),
              Style::kNote);
  }
  PairedHeader(book, ws, row++, 0, "metric");
  const MetricSet shown = options.ShownIn(Scope::kTotal);
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    const Metric m = static_cast<Metric>(i);
    book.Text(ws, row, 0, kMetricNames[i]);
    PairedCells(book, ws, row++, 1, m, v.total[i], MetricStyle(m));
  }
  if (options.ShowsCallFlow() && !v.call_flow.empty()) {
    ++row;
    PairedHeader(book, ws, row++, 0, "of 100 calls");
    const std::string threshold = FormatDuration(base.service_level.threshold);
    for (size_t k = 0; k < v.call_flow.size(); ++k) {
      book.Text(ws, row, 0,
                report_internal::CallFlowLabel(static_cast<int>(k), threshold));
      // Per 100 calls: differences are calls per 100, not points.
      PairedCells(book, ws, row++, 1, Metric::kOffered, v.call_flow[k].value,
                  Style::kSeconds);
    }
  }
  return row + 1;
}

// One row per interval: start, date, time, day, then per shown metric its
// paired estimate (and after the service level, its target). Returns where
// the base and variant means of each metric are, for charts.
struct PairedLayout {
  IntervalLayout base, variant;
};

PairedLayout WriteVariantIntervals(Book& book, lxw_worksheet* ws,
                                   const VariantComparison& v,
                                   const Scenario& s, const MetricSet& shown) {
  PairedLayout l;
  l.base.sheet = l.variant.sheet = ws;
  l.base.rows = l.variant.rows = static_cast<int64_t>(v.intervals.size());
  l.base.column.fill(-1);
  l.variant.column.fill(-1);
  book.Header(ws, 1, 0, {"start", "date", "time", "day"});
  l.base.first_row = l.variant.first_row = 2;
  int col = 4;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    book.Text(ws, 0, col, kMetricNames[i], Style::kBold);
    PairedTitles(book, ws, 1, col, kMetricNames[i]);
    l.base.column[i] = col;
    l.variant.column[i] = col + 2;
    col += kPairedCells;
    if (static_cast<Metric>(i) == Metric::kServiceLevel) {
      l.base.target_column = l.variant.target_column = col;
      book.Text(ws, 1, col++, "service_level target", Style::kHeader);
    }
    if (static_cast<Metric>(i) == Metric::kServiceLevel2 &&
        s.service_level.second.has_value()) {
      l.base.target_2_column = l.variant.target_2_column = col;
      book.Text(ws, 1, col++, "service_level_2 target", Style::kHeader);
    }
  }
  l.base.label_column = l.variant.label_column = col;
  l.base.per_day = l.variant.per_day = s.intervals_per_day();
  book.Text(ws, 1, col, "chart label", Style::kHeader);
  for (size_t k = 0; k < v.intervals.size(); ++k) {
    const int64_t row = static_cast<int64_t>(k) + 2;
    book.IntervalCells(ws, row, 0, s, static_cast<int64_t>(k));
    book.IntervalLabel(ws, row, col, s, static_cast<int64_t>(k));
    book.Number(ws, row, 3, v.intervals[k].day, Style::kInteger);
    for (int i = 0; i < kNumMetrics; ++i) {
      if (l.base.column[i] < 0) continue;
      const Metric m = static_cast<Metric>(i);
      PairedCells(book, ws, row, l.base.column[i], m, v.intervals[k].metrics[i],
                  MetricStyle(m));
    }
    if (l.base.target_column >= 0) {
      book.Number(ws, row, l.base.target_column, s.service_level.target,
                  Style::kShare);
    }
    if (l.base.target_2_column >= 0) {
      book.Number(ws, row, l.base.target_2_column,
                  s.service_level.second->target, Style::kShare);
    }
  }
  book.IntervalTableFrame(ws, 1, 4, col,
                          static_cast<int64_t>(v.intervals.size()) + 1);
  return l;
}

void WriteVariantCharts(Book& book, lxw_worksheet* ws, int64_t* row,
                        const PairedLayout& l, std::string_view base_label,
                        std::string_view label) {
  if (l.base.rows == 0) return;
  const std::string b(base_label), v(label);
  for (Metric m : {Metric::kOffered, Metric::kAnswered}) {
    const int k = static_cast<int>(m);
    if (l.base.column[k] < 0) continue;
    lxw_chart* chart = NewIntervalChart(
        book, l.base,
        fmt::format("{} calls per interval: {} and {}", MetricName(m), b, v),
        "calls per interval", "#,##0");
    AddSeries(chart, l.base, l.base.column[k], b.c_str(), 0x7F7F7F, false);
    AddSeries(chart, l.variant, l.variant.column[k], v.c_str(), 0x4472C4,
              false);
    *row = InsertChart(book, ws, *row, chart);
  }
  for (const auto& [m, target, name] :
       {std::tuple{Metric::kServiceLevel, l.base.target_column,
                   "Service level"},
        std::tuple{Metric::kServiceLevel2, l.base.target_2_column,
                   "Second service level"}}) {
    const int sl = static_cast<int>(m);
    if (l.base.column[sl] < 0 || target < 0) continue;
    lxw_chart* chart = NewIntervalChart(
        book, l.base,
        fmt::format("{} per interval against its target: {} and {}", name, b,
                    v),
        "service level", "0%");
    AddSeries(chart, l.base, l.base.column[sl], b.c_str(), 0x7F7F7F, false);
    AddSeries(chart, l.variant, l.variant.column[sl], v.c_str(), 0x4472C4,
              false);
    AddSeries(chart, l.base, target, "target", 0xC00000, true);
    chart_axis_set_min(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), 0);
    chart_axis_set_max(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), 1);
    *row = InsertChart(book, ws, *row, chart);
  }
}

// Grids of the paired difference of service level and answer rate, in
// percentage points, coloured red (fell) to green (rose).
void WriteDifferenceHeatmaps(Book& book, lxw_worksheet* ws, int64_t* row,
                             const VariantComparison& v, const Scenario& s,
                             const ReportOptions& options) {
  for (Metric m :
       {Metric::kServiceLevel, Metric::kServiceLevel2, Metric::kAnswerRate}) {
    if (!options.Shows(m) || v.intervals.empty()) continue;
    if (m == Metric::kServiceLevel2 && !s.service_level.second.has_value()) {
      continue;
    }
    const int k = static_cast<int>(m);
    const report_internal::IntervalChanges n =
        report_internal::CountIntervalChanges(v, m);
    const CellRange range = WriteDayGrid(
        book, ws, *row,
        fmt::format("{}: {} minus base, percentage points", v.label,
                    MetricName(m)),
        fmt::format("Significantly higher in {} and lower in {} of {} "
                    "intervals (bold with *: the 95% CI of the paired "
                    "difference excludes zero). Red: fell, green: rose.",
                    n.higher, n.lower, n.defined),
        s, static_cast<int64_t>(v.intervals.size()),
        [&](int64_t i) {
          const PairedEstimate& p = v.intervals[i].metrics[k];
          return GridCell{
              PointsOf(m, p.difference.mean),
              p.significant ? Style::kPointsBriefMarked : Style::kPointsBrief};
        },
        row);
    ColourScale(book, ws, range, -5, 0, 5, kRed, kWhite, kGreen);
    ++*row;
  }
}

}  // namespace
}  // namespace xlsx_internal

absl::StatusOr<std::string> FormatXlsxComparison(
    const Comparison& c, const Scenario& base,
    std::span<const Scenario> variants, const XlsxOptions& options) {
  using namespace xlsx_internal;
  auto made = Book::Create(options.scratch_dir);
  if (!made.ok()) return made.status();
  Book& book = **made;
  lxw_worksheet* summary = book.AddSheet("Summary");
  lxw_worksheet* charts = book.AddSheet("Charts");
  lxw_worksheet* heat = book.AddSheet("Heatmap");
  std::vector<lxw_worksheet*> sheets;
  for (const VariantComparison& v : c.variants) {
    sheets.push_back(book.AddSheet(fmt::format("Intervals {}", v.label)));
  }
  lxw_worksheet* scenario = book.AddSheet("Scenario");

  std::vector<Fact> facts = RunFacts(c.base, base);
  facts[0] = TextFact("base", c.base_label);
  for (size_t v = 0; v < c.variants.size(); ++v) {
    facts.insert(
        facts.begin() + 1 + static_cast<long>(v),
        TextFact(fmt::format("variant {}", v + 1), c.variants[v].label));
  }
  facts.push_back(
      TextFact("pairing",
               "common random numbers: every scenario runs the same "
               "replications with the same seed; differences and their CIs "
               "are over the paired replications"));
  facts.push_back(TextFact("differences of rates", "in percentage points"));
  int64_t row = WriteFacts(
      book, summary, fmt::format("ccsim compare: {}", c.base_label), facts);
  for (const VariantComparison& v : c.variants) {
    row = WriteVariantSummary(book, summary, row, c, v, base, options.report);
  }
  worksheet_set_column(summary, 1, kPairedCells, 13, nullptr);

  book.Text(charts, 0, 0, fmt::format("Charts: {}", c.base_label),
            Style::kTitle);
  book.Text(heat, 0, 0, fmt::format("Heatmaps: {}", c.base_label),
            Style::kTitle);
  int64_t chart_row = 2, heat_row = 2;
  const MetricSet shown = options.report.ShownIn(Scope::kInterval);
  for (size_t v = 0; v < c.variants.size(); ++v) {
    const VariantComparison& vc = c.variants[v];
    if (vc.intervals.empty()) {
      book.Text(sheets[v], 0, 0,
                "The variant's intervals (warm-up, horizon or interval "
                "length) differ from the base's: no per-interval comparison.",
                Style::kNote);
      continue;
    }
    const PairedLayout layout =
        WriteVariantIntervals(book, sheets[v], vc, base, shown);
    WriteVariantCharts(book, charts, &chart_row, layout, c.base_label,
                       vc.label);
    WriteDifferenceHeatmaps(book, heat, &heat_row, vc, base, options.report);
  }
  worksheet_set_column(heat, 0, 0, 14, nullptr);
  worksheet_set_column(
      heat, 1, static_cast<lxw_col_t>(base.intervals_per_day()), 6.5, nullptr);
  std::vector<Fact> scenario_facts = RunFacts(c.base, base);
  for (size_t v = 0; v < variants.size() && v < c.variants.size(); ++v) {
    scenario_facts.push_back(
        TextFact(fmt::format("variant {}", v + 1), variants[v].name));
  }
  WriteScenarioSheet(book, scenario, scenario_facts, options.scenario_yaml);
  worksheet_activate(summary);
  return book.Finish();
}

}  // namespace ccsim
