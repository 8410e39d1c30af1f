// The sheets of a run's workbook (private to the library), written by
// xlsx_sheets.cc and reused by the comparison and staffing workbooks:
// the summary, per-interval tables, charts, day x time-of-day heatmaps and
// the scenario's parameters.
#ifndef CCSIM_SIM_REPORT_XLSX_SHEETS_H_
#define CCSIM_SIM_REPORT_XLSX_SHEETS_H_

#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "sim/report/xlsx_book.h"

namespace ccsim::xlsx_internal {

// Writes the first rows of a sheet: a title, then one (name, value) row per
// fact. Returns the next free row.
struct Fact {
  std::string name;
  std::string text;  // shown when `number` is not finite
  double number = NAN;
  Style style = Style::kText;
};
inline Fact TextFact(std::string name, std::string text) {
  return Fact{std::move(name), std::move(text), NAN, Style::kText};
}
inline Fact NumberFact(std::string name, double v, Style style) {
  return Fact{std::move(name), "", v, style};
}
int64_t WriteFacts(Book& book, lxw_worksheet* ws, std::string_view title,
                   std::span<const Fact> facts);
// The facts of a run: scenario, seed, replications, horizon, warm-up,
// interval, first and last interval, service level.
std::vector<Fact> RunFacts(const RunResult& result, const Scenario& scenario);

// A table of named estimates from `row`: a "metric" column, then a mean and
// a "±95% CI" column per entry of `columns` (headed by its name). Returns
// the next free row.
int64_t WriteEstimateTable(Book& book, lxw_worksheet* ws, int64_t row,
                           std::string_view title,
                           std::span<const NamedEstimates> columns,
                           const MetricSet& shown);

// The "Summary" sheet of a run: facts, totals, call flow, call types,
// agent groups.
void WriteRunSummary(Book& book, lxw_worksheet* ws, const RunResult& result,
                     const Scenario& scenario, const ReportOptions& options);

// Where a per-interval sheet put each metric's mean (-1: not shown) and the
// service-level target column, for charts.
struct IntervalLayout {
  lxw_worksheet* sheet = nullptr;
  int64_t first_row = 1;  // the first interval's row
  int64_t rows = 0;       // intervals
  std::array<int, kNumMetrics> column;
  int target_column = -1;
  int target_2_column = -1;  // service_level_2's target, with a second one
  int label_column = 0;      // the charts' categories (Book::IntervalLabel)
  int per_day = 0;           // intervals per day (0: unknown)
};

// A sheet of one row per reported interval: start as date-time, date and
// time cells, the day number, then each shown metric's mean and 95%
// half-width (and after the service level, its target).
IntervalLayout WriteIntervalSheet(Book& book, lxw_worksheet* ws,
                                  std::span<const IntervalEstimates> rows,
                                  const Scenario& scenario,
                                  const MetricSet& shown);

// A line chart over the intervals of `layout` (its categories the start
// labels), and a line series of column `col` of its sheet.
lxw_chart* NewIntervalChart(Book& book, const IntervalLayout& layout,
                            const std::string& title, const char* y_title,
                            const char* y_format);
// Its categories are column `category_col` (by default the layout's
// label_column); they are set once (libxlsxwriter leaks a range set twice).
lxw_chart_series* AddSeries(lxw_chart* chart, const IntervalLayout& layout,
                            int col, const char* name, uint32_t colour,
                            bool dashed, int category_col = -1);
// Places `chart` on `ws` at `row`, two screens wide; returns the row below.
int64_t InsertChart(Book& book, lxw_worksheet* ws, int64_t row,
                    lxw_chart* chart);

// Line charts from an interval sheet, placed on `ws` from `row` on:
// offered and answered calls, and the service level against its target
// (each only when its metrics are shown). Returns the next free row.
int64_t WriteIntervalCharts(Book& book, lxw_worksheet* ws, int64_t row,
                            const IntervalLayout& layout,
                            std::string_view title_suffix);

// A grid of one row per date and one column per interval of the day, from
// `row` on, of value(i) for reported interval i (empty when not finite),
// headed by `title` and `note`. Returns the cell range of the values and
// sets *next_row to the next free row.
struct GridCell {
  double value = NAN;
  Style style = Style::kShare;
};
struct CellRange {
  int64_t first_row = 0, last_row = 0;
  int first_col = 0, last_col = 0;
};
CellRange WriteDayGrid(Book& book, lxw_worksheet* ws, int64_t row,
                       std::string_view title, std::string_view note,
                       const Scenario& scenario, int64_t intervals,
                       const std::function<GridCell(int64_t)>& value,
                       int64_t* next_row);

// A three-colour scale on `range`: `low` at or below `lo`, `mid` at `at`,
// `high` at or above `hi`.
void ColourScale(Book& book, lxw_worksheet* ws, const CellRange& range,
                 double lo, double at, double hi, uint32_t low, uint32_t mid,
                 uint32_t high);
inline constexpr uint32_t kRed = 0xF8696B;
inline constexpr uint32_t kYellow = 0xFFEB84;
inline constexpr uint32_t kWhite = 0xFCFCFF;
inline constexpr uint32_t kGreen = 0x63BE7B;

// The "Heatmap" sheet of a run: service level against its target (bold
// with "*" where the 95% CI lies wholly below it) and answer rate, per
// date and interval of the day.
void WriteRunHeatmaps(Book& book, lxw_worksheet* ws, const RunResult& result,
                      const Scenario& scenario, const ReportOptions& options);

// The "Scenario" sheet: `facts`, then every key of `yaml` (a scenario
// file's text; may be empty) as a key path and its value(s).
void WriteScenarioSheet(Book& book, lxw_worksheet* ws,
                        std::span<const Fact> facts, std::string_view yaml);

// Every sheet of a run's workbook, in order: Summary, Charts, Heatmap,
// Intervals, one per agent group ("Group NAME"), each name after `prefix`,
// and with `scenario_sheet` "Scenario" (the facts and `yaml`).
void WriteRunSheets(Book& book, const RunResult& result,
                    const Scenario& scenario, const ReportOptions& options,
                    std::string_view yaml, std::string_view prefix,
                    bool scenario_sheet);

}  // namespace ccsim::xlsx_internal

#endif  // CCSIM_SIM_REPORT_XLSX_SHEETS_H_
