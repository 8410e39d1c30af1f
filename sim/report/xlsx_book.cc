// The workbook wrapper of sim/report/xlsx_book.h: the scratch file, the
// shared formats, sheet names, cell writers and interval date-times.
#include "sim/report/xlsx_book.h"

#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <vector>

#include "ccsim/time.h"
#include "fmt/format.h"
#include "sim/report/report_parts.h"
#include "sim/run/text_format.h"

namespace ccsim::xlsx_internal {

namespace {

// Days from Excel's day 0 (1899-12-30) to 1970-01-01.
constexpr double kEpochSerial = 25569;

// 2000-01-01 00:00:00 UTC: the fixed creation time of every workbook, so
// that the same results give the same bytes.
constexpr time_t kCreated = 946684800;

std::string FoldCase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The first `n` characters of UTF-8 text (never half a character).
std::string FirstChars(std::string_view s, size_t n) {
  size_t chars = 0;
  size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars == n) break;
    ++chars;
  }
  return std::string(s.substr(0, i));
}

size_t CountChars(std::string_view s) {
  size_t chars = 0;
  for (char c : s) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return chars;
}

}  // namespace

double ExcelDate(const Date& date, double seconds) {
  return static_cast<double>(date.days_since_epoch()) + kEpochSerial +
         seconds / 86400;
}

namespace {

// The date of reported interval `reported` and its start's time of day.
std::pair<Date, Time> DateAndClock(const Scenario& s, int64_t reported) {
  const Time start = s.warmup + s.interval * reported;
  return {s.calendar.start_date.plus_days(start / Time::Days(1) -
                                          s.warmup / Time::Days(1)),
          start % Time::Days(1)};
}

}  // namespace

std::pair<double, double> IntervalDateAndTime(const Scenario& s,
                                              int64_t reported) {
  const auto [date, clock] = DateAndClock(s, reported);
  return {ExcelDate(date), clock.seconds() / 86400};
}

double IntervalStart(const Scenario& s, int64_t reported) {
  const auto [date, time] = IntervalDateAndTime(s, reported);
  return date + time;
}

Style MetricStyle(Metric m, bool difference) {
  using report_internal::MetricUnit;
  switch (report_internal::UnitOf(m)) {
    case MetricUnit::kShare:
      return difference ? Style::kPoints : Style::kShare;
    case MetricUnit::kCount:
      return difference ? Style::kDelta : Style::kCount;
    case MetricUnit::kSeconds:
      return difference ? Style::kDelta : Style::kSeconds;
    case MetricUnit::kHours:
      return difference ? Style::kDelta : Style::kHours;
    case MetricUnit::kCallsPerCaller:
      return difference ? Style::kDelta : Style::kRatio;
  }
  return Style::kNumber;
}

double PointsOf(Metric m, double difference) {
  return report_internal::UnitOf(m) == report_internal::MetricUnit::kShare
             ? 100 * difference
             : difference;
}

absl::StatusOr<std::unique_ptr<Book>> Book::Create(
    const std::string& scratch_dir) {
  std::error_code ec;
  std::string dir = scratch_dir;
  if (dir.empty()) dir = std::filesystem::temp_directory_path(ec).string();
  if (dir.empty()) dir.push_back('.');
  std::unique_ptr<Book> book(new Book());
  const std::string pattern = fmt::format("{}/.ccsim-xlsx-XXXXXX", dir);
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = mkstemp(name.data());
  if (fd < 0) {
    return absl::InternalError(
        fmt::format("{}: cannot make the workbook's scratch file: {}", dir,
                    std::strerror(errno)));
  }
  close(fd);
  book->path_ = std::string(name.begin(), name.end() - 1);  // less the NUL
  book->tmpdir_ = dir;
  lxw_workbook_options options = {.constant_memory = LXW_FALSE,
                                  .tmpdir = book->tmpdir_.data(),
                                  .use_zip64 = LXW_FALSE};
  book->wb_ = workbook_new_opt(book->path_.c_str(), &options);
  if (book->wb_ == nullptr) {
    return absl::InternalError("cannot create an Excel workbook");
  }
  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>("ccsim results");
  properties.comments = const_cast<char*>("written by ccsim " CCSIM_VERSION);
  properties.created = kCreated;
  workbook_set_properties(book->wb_, &properties);

  lxw_workbook* wb = book->wb_;
  auto add = [&](Style s, const char* num_format) {
    lxw_format* f = workbook_add_format(wb);
    if (num_format != nullptr) format_set_num_format(f, num_format);
    book->formats_[static_cast<int>(s)] = f;
    return f;
  };
  add(Style::kText, nullptr);
  format_set_bold(add(Style::kBold, nullptr));
  lxw_format* title = add(Style::kTitle, nullptr);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* header = add(Style::kHeader, nullptr);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color(header, 0xDDE4EE);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* note = add(Style::kNote, nullptr);
  format_set_italic(note);
  format_set_font_color(note, 0x595959);
  add(Style::kInteger, "0");
  add(Style::kNumber, "General");
  add(Style::kDateTime, "yyyy-mm-dd hh:mm");
  add(Style::kDate, "yyyy-mm-dd ddd");
  add(Style::kTime, "hh:mm");
  add(Style::kCount, "#,##0.0");
  add(Style::kSeconds, "0.0");
  add(Style::kHours, "#,##0.00");
  add(Style::kRatio, "0.000");
  add(Style::kShare, "0.0%");
  add(Style::kPoints, "+0.00\" pp\";-0.00\" pp\";0.00\" pp\"");
  add(Style::kDelta, "+#,##0.00;-#,##0.00;0.00");
  lxw_format* below = add(Style::kShareBelow, "0.0%\"*\"");
  format_set_bold(below);
  format_set_bold(
      add(Style::kPointsMarked, "+0.00\" pp*\";-0.00\" pp*\";0.00\" pp*\""));
  format_set_bold(
      add(Style::kDeltaMarked, "+#,##0.00\"*\";-#,##0.00\"*\";0.00\"*\""));
  add(Style::kPointsBrief, "+0.0;-0.0;0.0");
  format_set_bold(
      add(Style::kPointsBriefMarked, "+0.0\"*\";-0.0\"*\";0.0\"*\""));
  format_set_font_color(add(Style::kYes, nullptr), 0x1E7B34);
  lxw_format* no = add(Style::kNo, nullptr);
  format_set_bold(no);
  format_set_font_color(no, 0xC00000);
  return book;
}

Book::~Book() {
  if (wb_ != nullptr) lxw_workbook_free(wb_);
  if (!path_.empty()) std::remove(path_.c_str());
}

lxw_worksheet* Book::AddSheet(std::string_view wanted) {
  std::string base;
  for (char c : wanted) {
    const bool bad =
        std::string_view("[]:*?/\\").find(c) != std::string_view::npos ||
        c == '\0';
    base += bad ? '_' : c;
  }
  while (!base.empty() && base.front() == '\'') base.erase(0, 1);
  while (!base.empty() && base.back() == '\'') base.pop_back();
  if (base.empty()) base = "Sheet";
  std::string name = FirstChars(base, 31);
  for (int k = 2; names_.count(FoldCase(name)) > 0; ++k) {
    const std::string suffix = fmt::format(" ({})", k);
    name = FirstChars(base, 31 - CountChars(suffix)) + suffix;
  }
  names_.insert(FoldCase(name));
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (ws == nullptr) {
    Check(LXW_ERROR_SHEETNAME_ALREADY_USED,
          fmt::format("adding the sheet '{}'", name));
  }
  return ws;
}

lxw_chart* Book::AddChart(uint8_t type) {
  return workbook_add_chart(wb_, type);
}

void Book::Check(lxw_error error, std::string_view what) {
  if (error == LXW_NO_ERROR || !error_.ok()) return;
  if (error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE) {
    error_ = absl::OutOfRangeError(fmt::format(
        "{}: more than {} rows, Excel's limit for a sheet (write the "
        "results as CSV instead)",
        what, kMaxRows));
    return;
  }
  error_ =
      absl::InternalError(fmt::format("{}: {}", what, lxw_strerror(error)));
}

void Book::Number(lxw_worksheet* ws, int64_t row, int col, double v, Style s) {
  if (ws == nullptr) return;
  if (row >= kMaxRows) {
    Check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE,
          fmt::format("sheet '{}'", ws->name));
    return;
  }
  if (!std::isfinite(v)) return;  // an empty cell
  Check(worksheet_write_number(ws, static_cast<lxw_row_t>(row),
                               static_cast<lxw_col_t>(col), v, format(s)),
        fmt::format("sheet '{}'", ws->name));
}

void Book::Text(lxw_worksheet* ws, int64_t row, int col, std::string_view text,
                Style s) {
  if (ws == nullptr) return;
  if (row >= kMaxRows) {
    Check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE,
          fmt::format("sheet '{}'", ws->name));
    return;
  }
  const std::string copy(text);
  Check(worksheet_write_string(ws, static_cast<lxw_row_t>(row),
                               static_cast<lxw_col_t>(col), copy.c_str(),
                               format(s)),
        fmt::format("sheet '{}'", ws->name));
}

void Book::IntervalCells(lxw_worksheet* ws, int64_t row, int col,
                         const Scenario& s, int64_t reported) {
  const auto [date, time] = IntervalDateAndTime(s, reported);
  Number(ws, row, col, date + time, Style::kDateTime);
  Number(ws, row, col + 1, date, Style::kDate);
  Number(ws, row, col + 2, time, Style::kTime);
}

void Book::IntervalLabel(lxw_worksheet* ws, int64_t row, int col,
                         const Scenario& s, int64_t reported) {
  const auto [date, clock] = DateAndClock(s, reported);
  Text(ws, row, col,
       fmt::format("{} {}", html::DateLabel(date),
                   html::ClockLabel(clock.seconds())));
}

void Book::IntervalTableFrame(lxw_worksheet* ws, int64_t header_row,
                              int first_value_col, int last_col,
                              int64_t last_row) {
  if (ws == nullptr || last_row >= kMaxRows) return;
  worksheet_set_column(ws, 0, 0, 16, nullptr);
  worksheet_set_column(ws, 1, 1, 14, nullptr);
  if (last_col >= first_value_col) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(first_value_col),
                         static_cast<lxw_col_t>(last_col), 11, nullptr);
  }
  worksheet_set_row(ws, static_cast<lxw_row_t>(header_row), 45, nullptr);
  worksheet_freeze_panes(ws, static_cast<lxw_row_t>(header_row + 1),
                         static_cast<lxw_col_t>(first_value_col));
  if (last_row > header_row && last_col >= 0) {
    worksheet_autofilter(ws, static_cast<lxw_row_t>(header_row), 0,
                         static_cast<lxw_row_t>(last_row),
                         static_cast<lxw_col_t>(last_col));
  }
}

void Book::Header(lxw_worksheet* ws, int64_t row, int col,
                  std::initializer_list<std::string_view> titles) {
  for (std::string_view t : titles) Text(ws, row, col++, t, Style::kHeader);
}

absl::StatusOr<std::string> Book::Finish() {
  const lxw_error closed = workbook_close(wb_);
  wb_ = nullptr;  // freed by workbook_close
  if (!error_.ok()) return error_;
  if (closed != LXW_NO_ERROR) {
    return absl::InternalError(
        fmt::format("cannot write the workbook: {}", lxw_strerror(closed)));
  }
  std::ifstream in(path_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    return absl::InternalError(
        fmt::format("cannot read the workbook back from {}", path_));
  }
  return bytes;
}

}  // namespace ccsim::xlsx_internal
