// The workbook every .xlsx output is built in (private to the library):
// a libxlsxwriter workbook in a scratch file that becomes bytes, its shared
// cell formats, sheet names Excel accepts, and Excel date-times of the
// scenario's intervals. The sheets themselves are written by
// xlsx_sheets.cc (run), xlsx_compare.cc, xlsx_staff.cc and
// sim/sweep/export_xlsx.cc.
#ifndef CCSIM_SIM_REPORT_XLSX_BOOK_H_
#define CCSIM_SIM_REPORT_XLSX_BOOK_H_

#include <xlsxwriter.h>

#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ccsim/metrics.h"
#include "ccsim/scenario.h"

namespace ccsim::xlsx_internal {

// Excel's serial date-time (days since 1899-12-30, the 1900 date system)
// of `date` at `seconds` after its midnight.
double ExcelDate(const Date& date, double seconds = 0);

// The start of reported interval `reported` (0 = the first after the
// warm-up) on the scenario's calendar, as an Excel serial date-time.
double IntervalStart(const Scenario& scenario, int64_t reported);

// Its date (whole days) and time of day (a fraction of a day), exactly.
std::pair<double, double> IntervalDateAndTime(const Scenario& scenario,
                                              int64_t reported);

// Cell styles shared by the sheets.
enum class Style {
  kText,
  kBold,
  kTitle,         // the sheet's title, large and bold
  kHeader,        // a table's column headings: bold, wrapped, shaded, bordered
  kNote,          // explanations: grey italics
  kInteger,       // 0
  kNumber,        // general, for values of no known unit
  kDateTime,      // yyyy-mm-dd hh:mm
  kDate,          // yyyy-mm-dd ddd
  kTime,          // hh:mm
  kCount,         // #,##0.0 (means of counts)
  kSeconds,       // 0.0
  kHours,         // #,##0.00
  kRatio,         // 0.000
  kShare,         // 0.0%
  kPoints,        // +0.00" pp";-0.00" pp" (differences of shares x 100)
  kDelta,         // +#,##0.00;-#,##0.00 (other differences)
  kShareBelow,    // 0.0%"*", bold: a share whose CI lies below its target
  kPointsMarked,  // as kPoints with "*", bold: a significant difference
  kDeltaMarked,   // as kDelta with "*", bold
  kPointsBrief,   // +0.0 (percentage points, in a heatmap cell)
  kPointsBriefMarked,  // +0.0"*", bold
  kYes,                // text, green
  kNo,                 // text, bold red
  kCount_,             // (number of styles)
};

// A metric's style: its value, or (`difference`) a difference of two
// values, which for shares is in percentage points (see PointsOf()).
Style MetricStyle(Metric m, bool difference = false);
// A difference as the workbook stores it: shares in percentage points.
double PointsOf(Metric m, double difference);

class Book {
 public:
  // A workbook in a new scratch file in `scratch_dir` (empty: the system's
  // temporary folder).
  static absl::StatusOr<std::unique_ptr<Book>> Create(
      const std::string& scratch_dir);
  ~Book();
  Book(const Book&) = delete;
  Book& operator=(const Book&) = delete;

  // A new sheet named `wanted` as far as Excel allows: at most 31
  // characters, none of []:*?/\ and no leading or trailing apostrophe, and
  // unlike every earlier name ("Group a (2)").
  lxw_worksheet* AddSheet(std::string_view wanted);
  lxw_chart* AddChart(uint8_t type);
  lxw_format* format(Style s) const { return formats_[static_cast<int>(s)]; }
  lxw_workbook* get() const { return wb_; }

  // Cell writers. A non-finite number is an empty cell; errors (a row past
  // Excel's limit) are kept and returned by Finish().
  void Number(lxw_worksheet* ws, int64_t row, int col, double v, Style s);
  void Text(lxw_worksheet* ws, int64_t row, int col, std::string_view text,
            Style s = Style::kText);
  // The start of reported interval `reported` in columns col .. col + 2:
  // as a date-time, a date and a time of day.
  void IntervalCells(lxw_worksheet* ws, int64_t row, int col,
                     const Scenario& scenario, int64_t reported);
  // The start of reported interval `reported` as text ("Mon 2 Mar 09:30"):
  // the charts' categories. Date-time numbers would let Excel choose a
  // date axis, whose unit is a day, drawing all of a day's intervals at
  // one point.
  void IntervalLabel(lxw_worksheet* ws, int64_t row, int col,
                     const Scenario& scenario, int64_t reported);
  // The frame of a table of intervals whose headings are in row
  // `header_row` and values in columns `first_value_col` .. `last_col`, rows
  // below down to `last_row`: column widths for the date-time and date
  // columns, tall wrapped headings, panes frozen below the headings and
  // left of the values, and a filter on every column.
  void IntervalTableFrame(lxw_worksheet* ws, int64_t header_row,
                          int first_value_col, int last_col, int64_t last_row);
  // A header row of `titles` from column `col`.
  void Header(lxw_worksheet* ws, int64_t row, int col,
              std::initializer_list<std::string_view> titles);
  // Records a libxlsxwriter error with what was being done.
  void Check(lxw_error error, std::string_view what);
  // The name given to `ws` by AddSheet().
  const char* NameOf(lxw_worksheet* ws) const { return ws->name; }

  // Closes the workbook and returns the file's bytes, or the first error.
  absl::StatusOr<std::string> Finish();

 private:
  Book() = default;
  lxw_workbook* wb_ = nullptr;
  std::string path_;             // the scratch file
  std::string tmpdir_;           // for libxlsxwriter's own temporary files
  std::set<std::string> names_;  // sheet names in use, folded to lower case
  std::array<lxw_format*, static_cast<int>(Style::kCount_)> formats_{};
  absl::Status error_;
};

// Excel's rows per sheet.
inline constexpr int64_t kMaxRows = 1'048'576;

}  // namespace ccsim::xlsx_internal

#endif  // CCSIM_SIM_REPORT_XLSX_BOOK_H_
