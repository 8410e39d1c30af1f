// The sheets of a run's workbook (sim/report/xlsx_sheets.h) and
// FormatXlsxReport(): summary, per-interval tables, charts and heatmaps.
// The "Scenario" sheet is in xlsx_scenario.cc.
#include "sim/report/xlsx_sheets.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "ccsim/time.h"
#include "ccsim/xlsx.h"
#include "fmt/format.h"
#include "sim/run/text_format.h"

namespace ccsim {
namespace xlsx_internal {

int64_t WriteFacts(Book& book, lxw_worksheet* ws, std::string_view title,
                   std::span<const Fact> facts) {
  book.Text(ws, 0, 0, title, Style::kTitle);
  int64_t row = 2;
  for (const Fact& f : facts) {
    book.Text(ws, row, 0, f.name, Style::kBold);
    if (std::isfinite(f.number)) {
      book.Number(ws, row, 1, f.number, f.style);
    } else {
      book.Text(ws, row, 1, f.text);
    }
    ++row;
  }
  worksheet_set_column(ws, 0, 0, 30, nullptr);
  return row + 1;
}

std::vector<Fact> RunFacts(const RunResult& r, const Scenario& s) {
  const int64_t n = static_cast<int64_t>(r.intervals.size());
  std::vector<Fact> facts = {
      TextFact("scenario", r.scenario),
      TextFact("seed", fmt::format("{}", r.seed)),
      NumberFact("replications", r.replications, Style::kInteger),
      TextFact("horizon", FormatDuration(s.horizon)),
      TextFact("warm-up", FormatDuration(s.warmup)),
      TextFact("interval", FormatDuration(s.interval)),
      NumberFact("first interval starts", IntervalStart(s, 0),
                 Style::kDateTime),
      NumberFact("last interval ends", IntervalStart(s, n), Style::kDateTime),
      TextFact("service level: answered within",
               FormatDuration(s.service_level.threshold)),
      NumberFact("service level target", s.service_level.target, Style::kShare),
      TextFact("short abandons: within",
               FormatDuration(s.service_level.short_abandon)),
      TextFact("confidence intervals",
               "95% half-widths over replications (Student t)"),
  };
  if (const auto& second = s.service_level.second; second.has_value()) {
    facts.push_back(TextFact("second service level: answered within",
                             FormatDuration(second->threshold)));
    facts.push_back(NumberFact("second service level target", second->target,
                               Style::kShare));
  }
  return facts;
}

int64_t WriteEstimateTable(Book& book, lxw_worksheet* ws, int64_t row,
                           std::string_view title,
                           std::span<const NamedEstimates> columns,
                           const MetricSet& shown) {
  if (shown.none() || columns.empty()) return row;
  book.Text(ws, row++, 0, title, Style::kBold);
  book.Text(ws, row, 0, "metric", Style::kHeader);
  for (size_t c = 0; c < columns.size(); ++c) {
    const int col = 1 + 2 * static_cast<int>(c);
    book.Text(ws, row, col, columns[c].name, Style::kHeader);
    book.Text(ws, row, col + 1, "±95% CI", Style::kHeader);
  }
  ++row;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    const Metric m = static_cast<Metric>(i);
    book.Text(ws, row, 0, kMetricNames[i]);
    for (size_t c = 0; c < columns.size(); ++c) {
      const int col = 1 + 2 * static_cast<int>(c);
      book.Number(ws, row, col, columns[c].metrics[i].mean, MetricStyle(m));
      book.Number(ws, row, col + 1, columns[c].metrics[i].ci95, MetricStyle(m));
    }
    ++row;
  }
  return row + 1;
}

void WriteRunSummary(Book& book, lxw_worksheet* ws, const RunResult& r,
                     const Scenario& s, const ReportOptions& options) {
  const std::vector<Fact> facts = RunFacts(r, s);
  int64_t row =
      WriteFacts(book, ws, fmt::format("ccsim run: {}", r.scenario), facts);
  const NamedEstimates total{"total", r.total};
  row = WriteEstimateTable(book, ws, row, "Totals", std::span(&total, 1),
                           options.ShownIn(Scope::kTotal));
  if (options.ShowsCallFlow()) {
    book.Text(ws, row++, 0, "Call flow: what became of 100 call attempts",
              Style::kBold);
    book.Header(ws, row++, 0, {"of 100 calls", "mean", "±95% CI"});
    const auto steps = CallFlowSteps(r.call_flow);
    const std::string threshold = FormatDuration(s.service_level.threshold);
    for (int k = 0; k < kNumCallFlowSteps; ++k) {
      book.Text(ws, row, 0, report_internal::CallFlowLabel(k, threshold));
      book.Number(ws, row, 1, steps[k]->mean, Style::kSeconds);
      book.Number(ws, row, 2, steps[k]->ci95, Style::kSeconds);
      ++row;
    }
    ++row;
  }
  row = WriteEstimateTable(book, ws, row, "Call types", r.call_types,
                           options.ShownIn(Scope::kCallType));
  WriteEstimateTable(book, ws, row, "Agent groups", r.agent_groups,
                     options.ShownIn(Scope::kAgentGroup));
  worksheet_set_column(ws, 1,
                       1 + 2 * static_cast<lxw_col_t>(std::max(
                                   r.call_types.size(), r.agent_groups.size())),
                       13, nullptr);
  worksheet_freeze_panes(ws, 0, 1);
}

IntervalLayout WriteIntervalSheet(Book& book, lxw_worksheet* ws,
                                  std::span<const IntervalEstimates> rows,
                                  const Scenario& s, const MetricSet& shown) {
  IntervalLayout layout;
  layout.sheet = ws;
  layout.rows = static_cast<int64_t>(rows.size());
  layout.column.fill(-1);
  book.Header(ws, 0, 0, {"start", "date", "time", "day"});
  int col = 4;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!shown[i]) continue;
    layout.column[i] = col;
    book.Text(ws, 0, col++, kMetricNames[i], Style::kHeader);
    book.Text(ws, 0, col++, fmt::format("{} ±95% CI", kMetricNames[i]),
              Style::kHeader);
    if (static_cast<Metric>(i) == Metric::kServiceLevel) {
      layout.target_column = col;
      book.Text(ws, 0, col++, "service_level target", Style::kHeader);
    }
    if (static_cast<Metric>(i) == Metric::kServiceLevel2 &&
        s.service_level.second.has_value()) {
      layout.target_2_column = col;
      book.Text(ws, 0, col++, "service_level_2 target", Style::kHeader);
    }
  }
  layout.label_column = col;
  layout.per_day = s.intervals_per_day();
  book.Text(ws, 0, col, "chart label", Style::kHeader);
  for (size_t k = 0; k < rows.size(); ++k) {
    const int64_t row = static_cast<int64_t>(k) + 1;
    book.IntervalCells(ws, row, 0, s, static_cast<int64_t>(k));
    book.IntervalLabel(ws, row, layout.label_column, s,
                       static_cast<int64_t>(k));
    book.Number(ws, row, 3, rows[k].day, Style::kInteger);
    for (int i = 0; i < kNumMetrics; ++i) {
      if (layout.column[i] < 0) continue;
      const Style style = MetricStyle(static_cast<Metric>(i));
      book.Number(ws, row, layout.column[i], rows[k].metrics[i].mean, style);
      book.Number(ws, row, layout.column[i] + 1, rows[k].metrics[i].ci95,
                  style);
    }
    if (layout.target_column >= 0) {
      book.Number(ws, row, layout.target_column, s.service_level.target,
                  Style::kShare);
    }
    if (layout.target_2_column >= 0) {
      book.Number(ws, row, layout.target_2_column,
                  s.service_level.second->target, Style::kShare);
    }
  }
  book.IntervalTableFrame(ws, 0, 4, col, static_cast<int64_t>(rows.size()));
  return layout;
}

// A line series of column `col` of the interval sheet.
lxw_chart_series* AddSeries(lxw_chart* chart, const IntervalLayout& l, int col,
                            const char* name, uint32_t colour, bool dashed,
                            int category_col) {
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  const auto first = static_cast<lxw_row_t>(l.first_row);
  const auto last = static_cast<lxw_row_t>(l.first_row + l.rows - 1);
  const auto categories =
      static_cast<lxw_col_t>(category_col < 0 ? l.label_column : category_col);
  chart_series_set_categories(series, l.sheet->name, first, categories, last,
                              categories);
  chart_series_set_values(series, l.sheet->name, first,
                          static_cast<lxw_col_t>(col), last,
                          static_cast<lxw_col_t>(col));
  chart_series_set_name(series, name);
  lxw_chart_line line = {};
  line.color = colour;
  line.width = 1.5;
  line.dash_type =
      dashed ? LXW_CHART_LINE_DASH_DASH : LXW_CHART_LINE_DASH_SOLID;
  chart_series_set_line(series, &line);
  chart_series_set_marker_type(series, LXW_CHART_MARKER_NONE);
  return series;
}

lxw_chart* NewIntervalChart(Book& book, const IntervalLayout& l,
                            const std::string& title, const char* y_title,
                            const char* y_format) {
  lxw_chart* chart = book.AddChart(LXW_CHART_LINE);
  chart_title_set_name(chart, title.c_str());
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_GAP);
  lxw_chart_axis* x = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_X);
  // About a dozen labels, at the same time of every day (a whole number
  // of days apart, or a divisor of a day).
  int64_t step = (l.rows + 11) / 12;
  if (l.per_day > 0 && step >= l.per_day) {
    step = (step + l.per_day - 1) / l.per_day * l.per_day;
  } else if (l.per_day > 0) {
    while (l.per_day % step != 0) ++step;
  }
  const auto every = static_cast<uint16_t>(std::clamp<int64_t>(step, 1, 32000));
  chart_axis_set_interval_unit(x, every);
  chart_axis_set_interval_tick(x, every);
  chart_axis_set_label_position(x, LXW_CHART_AXIS_LABEL_POSITION_LOW);
  lxw_chart_axis* y = chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y);
  chart_axis_set_name(y, y_title);
  chart_axis_set_num_format(y, y_format);
  return chart;
}

int64_t InsertChart(Book& book, lxw_worksheet* ws, int64_t row,
                    lxw_chart* chart) {
  lxw_chart_options place = {.x_offset = 0,
                             .y_offset = 0,
                             .x_scale = 2.4,
                             .y_scale = 1.4,
                             .object_position = 0,
                             .description = nullptr,
                             .decorative = 0};
  book.Check(worksheet_insert_chart_opt(ws, static_cast<lxw_row_t>(row), 0,
                                        chart, &place),
             "inserting a chart");
  return row + 23;
}

int64_t WriteIntervalCharts(Book& book, lxw_worksheet* ws, int64_t row,
                            const IntervalLayout& l,
                            std::string_view title_suffix) {
  if (l.rows == 0) return row;
  auto insert = [&](lxw_chart* chart) {
    row = InsertChart(book, ws, row, chart);
  };
  const int offered = l.column[static_cast<int>(Metric::kOffered)];
  const int answered = l.column[static_cast<int>(Metric::kAnswered)];
  if (offered >= 0 || answered >= 0) {
    lxw_chart* chart = NewIntervalChart(
        book, l,
        fmt::format("Offered and answered calls per interval{}", title_suffix),
        "calls per interval", "#,##0");
    if (offered >= 0) AddSeries(chart, l, offered, "offered", 0x4472C4, false);
    if (answered >= 0) {
      AddSeries(chart, l, answered, "answered", 0x70AD47, false);
    }
    insert(chart);
  }
  for (const auto& [m, target, name, series] :
       {std::tuple{Metric::kServiceLevel, l.target_column, "Service level",
                   "service level"},
        std::tuple{Metric::kServiceLevel2, l.target_2_column,
                   "Second service level", "second service level"}}) {
    const int sl = l.column[static_cast<int>(m)];
    if (sl < 0 || target < 0) continue;
    lxw_chart* chart = NewIntervalChart(
        book, l,
        fmt::format("{} per interval against its target{}", name, title_suffix),
        "service level", "0%");
    AddSeries(chart, l, sl, series, 0x4472C4, false);
    AddSeries(chart, l, target, "target", 0xC00000, true);
    chart_axis_set_min(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), 0);
    chart_axis_set_max(chart_axis_get(chart, LXW_CHART_AXIS_TYPE_Y), 1);
    insert(chart);
  }
  return row;
}

CellRange WriteDayGrid(Book& book, lxw_worksheet* ws, int64_t row,
                       std::string_view title, std::string_view note,
                       const Scenario& s, int64_t intervals,
                       const std::function<GridCell(int64_t)>& value,
                       int64_t* next_row) {
  const int ipd = s.intervals_per_day();
  const int64_t offset = s.warmup_intervals() % ipd;  // day 1's first slot
  const int64_t days = (offset + intervals + ipd - 1) / ipd;
  book.Text(ws, row++, 0, title, Style::kBold);
  if (!note.empty()) book.Text(ws, row++, 0, note, Style::kNote);
  book.Text(ws, row, 0, "date", Style::kHeader);
  for (int c = 0; c < ipd; ++c) {
    book.Number(ws, row, c + 1, (s.interval * c).seconds() / 86400,
                Style::kTime);
  }
  const int64_t first = row + 1;
  for (int64_t d = 0; d < days; ++d) {
    book.Number(ws, first + d, 0, ExcelDate(s.calendar.start_date.plus_days(d)),
                Style::kDate);
  }
  for (int64_t i = 0; i < intervals; ++i) {
    const int64_t slot = offset + i;
    const GridCell cell = value(i);
    book.Number(ws, first + slot / ipd, static_cast<int>(slot % ipd) + 1,
                cell.value, cell.style);
  }
  *next_row = first + days + 1;
  return CellRange{.first_row = first,
                   .last_row = first + std::max<int64_t>(days, 1) - 1,
                   .first_col = 1,
                   .last_col = ipd};
}

void ColourScale(Book& book, lxw_worksheet* ws, const CellRange& range,
                 double lo, double at, double hi, uint32_t low, uint32_t mid,
                 uint32_t high) {
  lxw_conditional_format scale = {};
  scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
  scale.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  scale.min_value = lo;
  scale.min_color = low;
  scale.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  scale.mid_value = at;
  scale.mid_color = mid;
  scale.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
  scale.max_value = hi;
  scale.max_color = high;
  if (range.last_row >= kMaxRows) return;  // the grid's writer said why
  book.Check(worksheet_conditional_format_range(
                 ws, static_cast<lxw_row_t>(range.first_row),
                 static_cast<lxw_col_t>(range.first_col),
                 static_cast<lxw_row_t>(range.last_row),
                 static_cast<lxw_col_t>(range.last_col), &scale),
             "conditional formatting");
}

void WriteRunHeatmaps(Book& book, lxw_worksheet* ws, const RunResult& r,
                      const Scenario& s, const ReportOptions& options) {
  const int64_t n = static_cast<int64_t>(r.intervals.size());
  int64_t row = 0;
  book.Text(ws, row++, 0, fmt::format("Heatmaps: {}", r.scenario),
            Style::kTitle);
  ++row;
  // A rate against its reference: red 30 points or more below, yellow at
  // it, green at 100%; bold with * where the whole CI lies below it.
  const auto rate_grid = [&](Metric m, const std::string& title,
                             double target) {
    const int k = static_cast<int>(m);
    const CellRange range = WriteDayGrid(
        book, ws, row, title,
        "Red below the target, yellow at it, green above; bold with * where "
        "the whole 95% CI lies below the target; empty: no call offered.",
        s, n,
        [&](int64_t i) {
          const Estimate& e = r.intervals[i].metrics[k];
          const bool below = std::isfinite(e.ci95) && e.mean + e.ci95 < target;
          return GridCell{e.mean, below ? Style::kShareBelow : Style::kShare};
        },
        &row);
    ColourScale(book, ws, range, std::max(0.0, target - 0.3), target, 1, kRed,
                kYellow, kGreen);
    ++row;
  };
  const auto service_level = [&](Metric m, std::string_view name,
                                 Time threshold, double target) {
    rate_grid(m,
              fmt::format("{} per date and interval of the day (target {:g}% "
                          "answered within {})",
                          name, 100 * target, FormatDuration(threshold)),
              target);
  };
  if (options.Shows(Metric::kServiceLevel)) {
    service_level(Metric::kServiceLevel, "Service level",
                  s.service_level.threshold, s.service_level.target);
  }
  if (const auto& second = s.service_level.second;
      second.has_value() && options.Shows(Metric::kServiceLevel2)) {
    service_level(Metric::kServiceLevel2, "Second service level",
                  second->threshold, second->target);
  }
  if (options.Shows(Metric::kAnswerRate)) {
    // The HTML report's reference (report_internal::AnswerRateReferenceOf).
    const report_internal::AnswerRateReference answer =
        report_internal::AnswerRateReferenceOf(s);
    rate_grid(Metric::kAnswerRate,
              fmt::format("Answer rate per date and interval of the day "
                          "(against {} {:g}%)",
                          answer.is_goal ? "the answer-rate goal"
                                         : "the service-level target",
                          100 * answer.value),
              answer.value);
  }
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, static_cast<lxw_col_t>(s.intervals_per_day()),
                       7.5, nullptr);
  worksheet_freeze_panes(ws, 0, 1);
}

void WriteRunSheets(Book& book, const RunResult& r, const Scenario& s,
                    const ReportOptions& options, std::string_view yaml,
                    std::string_view prefix, bool scenario_sheet) {
  lxw_worksheet* summary = book.AddSheet(fmt::format("{}Summary", prefix));
  lxw_worksheet* charts = book.AddSheet(fmt::format("{}Charts", prefix));
  lxw_worksheet* heat = book.AddSheet(fmt::format("{}Heatmap", prefix));
  lxw_worksheet* intervals = book.AddSheet(fmt::format("{}Intervals", prefix));
  const bool group_intervals =
      options.ShowsAgentGroupIntervals() && !r.agent_group_intervals.empty();
  std::vector<lxw_worksheet*> groups;
  if (group_intervals) {
    for (const NamedEstimates& g : r.agent_groups) {
      groups.push_back(
          book.AddSheet(fmt::format("{}Group {}", prefix, g.name)));
    }
  }
  lxw_worksheet* scenario =
      scenario_sheet ? book.AddSheet("Scenario") : nullptr;

  WriteRunSummary(book, summary, r, s, options);
  const IntervalLayout layout = WriteIntervalSheet(
      book, intervals, r.intervals, s, options.ShownIn(Scope::kInterval));
  book.Text(charts, 0, 0, fmt::format("Charts: {}", r.scenario), Style::kTitle);
  WriteIntervalCharts(book, charts, 2, layout, "");
  WriteRunHeatmaps(book, heat, r, s, options);
  const MetricSet agent_time = options.ShownInGroupIntervals();
  for (size_t g = 0; g < groups.size() && g < r.agent_group_intervals.size();
       ++g) {
    WriteIntervalSheet(book, groups[g], r.agent_group_intervals[g], s,
                       agent_time);
  }
  if (scenario != nullptr) {
    WriteScenarioSheet(book, scenario, RunFacts(r, s), yaml);
  }
  worksheet_activate(summary);
}

}  // namespace xlsx_internal

absl::StatusOr<std::string> FormatXlsxReport(const RunResult& result,
                                             const Scenario& scenario,
                                             const XlsxOptions& options) {
  auto book = xlsx_internal::Book::Create(options.scratch_dir);
  if (!book.ok()) return book.status();
  xlsx_internal::WriteRunSheets(**book, result, scenario, options.report,
                                options.scenario_yaml, "", true);
  return (*book)->Finish();
}

}  // namespace ccsim
