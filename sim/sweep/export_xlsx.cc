// ExportSweepXlsx() (ccsim/xlsx.h): a sweep database as a workbook. "Sweep":
// what the database holds; "Points": one row per point with its parameter
// values and each total metric's mean and 95% half-width; then one sheet
// per other scope the sweep kept ("Call flow", "Intervals", "Call types",
// "Agent groups"), one row per point and row key (interval, call type or
// group), a pair of columns per metric.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ccsim/metrics.h"
#include "ccsim/status_macros.h"
#include "ccsim/xlsx.h"
#include "fmt/format.h"
#include "sim/report/xlsx_book.h"
#include "sim/report/xlsx_sheets.h"
#include "sim/sweep/store.h"

namespace ccsim {

namespace {

using sweep_internal::Database;
using sweep_internal::Statement;
using xlsx_internal::Book;
using xlsx_internal::Style;

// The sheet of one scope and where its columns are.
struct ScopeSheet {
  lxw_worksheet* ws = nullptr;
  std::map<std::string, int> column;  // metric -> its mean's column
  int64_t row = 0;                    // the last row written
  std::string key;                    // that row's point, name, day, start
};

// The style of a metric column by its key; call-flow steps and unknown
// keys are plain numbers.
Style StyleOf(std::string_view scope, std::string_view metric) {
  if (scope == "call_flow") return Style::kSeconds;
  for (int i = 0; i < kNumMetrics; ++i) {
    if (kMetricNames[i] == metric) {
      return xlsx_internal::MetricStyle(static_cast<Metric>(i));
    }
  }
  return Style::kNumber;
}

// Seconds after midnight of "HH:MM" or "HH:MM:SS" as a fraction of a day;
// NaN when it is not such a time.
double ClockFraction(const std::string& text) {
  int h = 0, m = 0, s = 0;
  char end = 0;
  const int got = std::sscanf(text.c_str(), "%d:%d:%d%c", &h, &m, &s, &end);
  if (got < 2 || got > 3) return NAN;
  return (h * 3600.0 + m * 60.0 + (got == 3 ? s : 0)) / 86400;
}

void WriteValue(Book& book, lxw_worksheet* ws, int64_t row, int col,
                const Statement& s, int c) {
  switch (s.ColumnType(c)) {
    case SQLITE_INTEGER:
      book.Number(ws, row, col, static_cast<double>(s.Int(c)), Style::kInteger);
      return;
    case SQLITE_FLOAT:
      book.Number(ws, row, col, s.Real(c), Style::kNumber);
      return;
    case SQLITE_NULL:
      return;
    default:
      book.Text(ws, row, col, s.Text(c));
  }
}

}  // namespace

absl::StatusOr<std::string> ExportSweepXlsx(const std::string& database,
                                            const XlsxOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(database, ec)) {
    return absl::NotFoundError(fmt::format("{}: no such file", database));
  }
  CCSIM_ASSIGN_OR_RETURN(Database db,
                         Database::Open(database, Database::Mode::kReadOnly));
  CCSIM_ASSIGN_OR_RETURN(SweepDatabaseInfo info, sweep_internal::ReadInfo(db));
  CCSIM_ASSIGN_OR_RETURN(const std::vector<std::string> names,
                         sweep_internal::ParameterNames(db));
  std::string columns;
  for (const std::string& n : names) {
    columns += fmt::format(", p.{}", sweep_internal::QuoteIdentifier(n));
  }
  CCSIM_ASSIGN_OR_RETURN(std::unique_ptr<Book> made,
                         Book::Create(options.scratch_dir));
  Book& book = *made;
  lxw_worksheet* about = book.AddSheet("Sweep");
  // The scopes in the order `ccsim run` writes them, each with its metric
  // columns in order of first appearance.
  constexpr std::pair<std::string_view, std::string_view> kScopes[] = {
      {"total", "Points"},
      {"call_flow", "Call flow"},
      {"interval", "Intervals"},
      {"call_type", "Call types"},
      {"agent_group", "Agent groups"}};
  std::map<std::string, ScopeSheet, std::less<>> sheets;
  const int key_cols = 1 + static_cast<int>(names.size());
  {
    CCSIM_ASSIGN_OR_RETURN(
        Statement s,
        db.Prepare("SELECT scope, metric FROM summaries GROUP BY scope, "
                   "metric ORDER BY MIN(row)"));
    std::map<std::string, std::vector<std::string>, std::less<>> metrics;
    for (;;) {
      CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      metrics[s.Text(0)].push_back(s.Text(1));
    }
    for (const auto& [scope, title] : kScopes) {
      const auto found = metrics.find(scope);
      if (found == metrics.end()) continue;
      ScopeSheet& sheet = sheets[std::string(scope)];
      sheet.ws = book.AddSheet(title);
      book.Text(sheet.ws, 0, 0, "point", Style::kHeader);
      for (size_t p = 0; p < names.size(); ++p) {
        book.Text(sheet.ws, 0, 1 + static_cast<int>(p), names[p],
                  Style::kHeader);
      }
      int col = key_cols;
      if (scope != "total") {
        book.Header(sheet.ws, 0, col, {"name", "day", "start"});
        col += 3;
      }
      for (const std::string& m : found->second) {
        sheet.column[m] = col;
        book.Text(sheet.ws, 0, col++, m, Style::kHeader);
        book.Text(sheet.ws, 0, col++, fmt::format("{} ±95% CI", m),
                  Style::kHeader);
      }
      worksheet_set_row(sheet.ws, 0, 45, nullptr);
      worksheet_set_column(sheet.ws, 0, static_cast<lxw_col_t>(col), 11,
                           nullptr);
      worksheet_freeze_panes(sheet.ws, 1, static_cast<lxw_col_t>(key_cols));
    }
  }
  const std::vector<xlsx_internal::Fact> facts = {
      xlsx_internal::TextFact("scenario", info.scenario),
      xlsx_internal::TextFact("database", database),
      xlsx_internal::NumberFact("points in the sweep",
                                static_cast<double>(info.points),
                                Style::kInteger),
      xlsx_internal::NumberFact("points in the database",
                                static_cast<double>(info.points_done),
                                Style::kInteger),
      xlsx_internal::TextFact(
          "shard", fmt::format("{}/{}", info.shard.index, info.shard.count)),
      xlsx_internal::NumberFact("replications per point", info.replications,
                                Style::kInteger),
      xlsx_internal::TextFact("seed", fmt::format("{}", info.seed)),
      xlsx_internal::TextFact("fingerprint", info.fingerprint),
      xlsx_internal::TextFact(
          "confidence intervals",
          "95% half-widths over each point's replications (Student t)"),
  };
  xlsx_internal::WriteFacts(book, about, "ccsim sweep results", facts);

  CCSIM_ASSIGN_OR_RETURN(
      Statement s,
      db.Prepare(fmt::format(
          "SELECT s.point{}, s.scope, s.name, s.day, s.start, s.metric, "
          "s.mean, s.ci95 FROM summaries s JOIN points p "
          "ON p.point = s.point ORDER BY s.point, s.row",
          columns)));
  const int c_scope = key_cols;
  for (;;) {
    CCSIM_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    const std::string scope = s.Text(c_scope);
    const auto found = sheets.find(scope);
    if (found == sheets.end()) continue;
    ScopeSheet& sheet = found->second;
    const std::string key =
        fmt::format("{}\x1f{}\x1f{}\x1f{}", s.Int(0), s.Text(c_scope + 1),
                    s.Text(c_scope + 2), s.Text(c_scope + 3));
    if (key != sheet.key || sheet.row == 0) {
      sheet.key = key;
      ++sheet.row;
      for (int c = 0; c < key_cols; ++c) {
        WriteValue(book, sheet.ws, sheet.row, c, s, c);
      }
      if (scope != "total") {
        WriteValue(book, sheet.ws, sheet.row, key_cols, s, c_scope + 1);
        WriteValue(book, sheet.ws, sheet.row, key_cols + 1, s, c_scope + 2);
        book.Number(sheet.ws, sheet.row, key_cols + 2,
                    ClockFraction(s.Text(c_scope + 3)), Style::kTime);
      }
    }
    const std::string metric = s.Text(c_scope + 4);
    const auto col = sheet.column.find(metric);
    if (col == sheet.column.end()) continue;
    const Style style = StyleOf(scope, metric);
    const auto number = [&](int c) {
      return s.ColumnType(c) == SQLITE_NULL ? NAN : s.Real(c);
    };
    book.Number(sheet.ws, sheet.row, col->second, number(c_scope + 5), style);
    book.Number(sheet.ws, sheet.row, col->second + 1, number(c_scope + 6),
                style);
  }
  for (auto& [scope, sheet] : sheets) {
    if (sheet.row > 0) {
      worksheet_autofilter(sheet.ws, 0, 0, static_cast<lxw_row_t>(sheet.row),
                           static_cast<lxw_col_t>(
                               key_cols + (scope == "total" ? 0 : 3) +
                               2 * static_cast<int>(sheet.column.size()) - 1));
    }
  }
  const auto points = sheets.find("total");
  if (points != sheets.end()) worksheet_activate(points->second.ws);
  return book.Finish();
}

}  // namespace ccsim
