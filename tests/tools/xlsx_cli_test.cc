// --xlsx of ccsim run, compare, staff and export, end to end: the workbook
// is read back (unzip) and its cells checked against the JSON and CSV the
// same command writes, dates against dates computed here with <chrono>,
// and output errors leave nothing behind.
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "fmt/format.h"
#include "gtest/gtest.h"
#include "tests/testing/command.h"
#include "tests/testing/html.h"
#include "tests/testing/xlsx.h"

namespace ccsim {
namespace {

using testing::Contains;
using testing::Outcome;
using testing::ReadFile;
using testing::RunCcsim;
using testing::WriteFile;
using testing::XlsxCell;
using testing::XlsxFile;

// A path of the test's own (named after the test), so that tests run in
// parallel by ctest never write the same file.
std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "ccsim_xlsx_cli_" +
         ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
         name;
}

// Two days from Monday 2026-03-02, 60 calls an hour of 3 minutes on
// `agents` agents (3 agents carry all 3 erlangs: the service level is far
// below 80% in most hours).
std::string Scenario(int agents) {
  return "name: small-" + std::to_string(agents) +
         "\n"
         "horizon: 2d\n"
         "warmup: 2h\n"
         "interval: 1h\n"
         "replications: 4\n"
         "calendar: {start_date: 2026-03-02}\n"
         "call_types:\n"
         "  - name: general\n"
         "    arrivals: {per_interval: 60}\n"
         "    handle_time: {exponential: {mean: 180s}}\n"
         "    patience: {exponential: {mean: 300s}}\n"
         "agents:\n"
         "  - name: team\n"
         "    skills: [general]\n"
         "    staffing: {constant: " +
         std::to_string(agents) + "}\n";
}

std::string WriteScenario(int agents) {
  const std::string path = TempPath("s" + std::to_string(agents) + ".yaml");
  WriteFile(path, Scenario(agents));
  return path;
}

// Excel's serial day of a date: days since 1899-12-30 (the 1900 system),
// computed with <chrono>, independently of ccsim's calendar code.
double Serial(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  return static_cast<double>((sys_days{year{y} / month{m} / day{d}} -
                              sys_days{year{1899} / month{12} / day{30}})
                                 .count());
}

// The number after `key` in `json` from `from` on (e.g. "mean": 0.8);
// NaN when there is none or it is null.
double JsonNumberAfter(const std::string& json, size_t from,
                       const std::string& key) {
  const size_t at = json.find(key, from);
  if (at == std::string::npos) return NAN;
  const char* begin = json.c_str() + at + key.size();
  char* end = nullptr;
  const double v = std::strtod(begin, &end);
  return end == begin ? NAN : v;
}

void ExpectSameNumber(double expected, const XlsxCell& cell,
                      const std::string& what) {
  ASSERT_EQ(cell.type, "n") << what;
  EXPECT_NEAR(cell.number(), expected,
              1e-12 * std::max(1.0, std::abs(expected)))
      << what;
}

TEST(XlsxCliTest, RunWorkbookHoldsTheResultsWithRealDatesChartsAndHeatmap) {
  const std::string scenario = WriteScenario(3);
  const std::string xlsx = TempPath("run.xlsx");
  const std::string json = TempPath("run.json");
  std::filesystem::remove(xlsx);
  const Outcome o = RunCcsim("run " + scenario + " -f json -o " + json +
                             " --xlsx " + xlsx + " --quiet");
  ASSERT_EQ(o.status, 0) << o.out;
  const std::string results = ReadFile(json);
  const XlsxFile book(xlsx);
  EXPECT_EQ(book.sheets(),
            (std::vector<std::string>{"Summary", "Charts", "Heatmap",
                                      "Intervals", "Scenario"}));

  // The first interval starts when the 2 h warm-up ends: 2026-03-02 02:00,
  // written as a number with a date-time format, not as text.
  const std::string intervals = book.Sheet("Intervals");
  const XlsxCell start = book.Cell(intervals, "A2");
  ExpectSameNumber(Serial(2026, 3, 2) + 2.0 / 24, start, "A2");
  EXPECT_EQ(book.NumberFormat(start.style), "yyyy-mm-dd hh:mm");
  const XlsxCell date = book.Cell(intervals, "B2");
  ExpectSameNumber(Serial(2026, 3, 2), date, "B2");
  EXPECT_TRUE(Contains(book.NumberFormat(date.style), "yyyy-mm-dd"));
  ExpectSameNumber(2.0 / 24, book.Cell(intervals, "C2"), "C2");
  EXPECT_EQ(book.NumberFormat(book.Cell(intervals, "C2").style), "hh:mm");
  // The 23rd interval is the next day's 00:00.
  ExpectSameNumber(Serial(2026, 3, 3), book.Cell(intervals, "A24"), "A24");
  ExpectSameNumber(2, book.Cell(intervals, "D24"), "D24 (day)");

  // Metric cells hold the JSON's numbers: the third interval (04:00).
  const std::string sl = book.Find(intervals, 1, "service_level");
  ASSERT_FALSE(sl.empty());
  const size_t at_four = results.find("\"start\": \"04:00\"");
  ASSERT_NE(at_four, std::string::npos);
  const XlsxCell sl_cell = book.Cell(intervals, testing::ColumnOf(sl) + "4");
  ExpectSameNumber(
      JsonNumberAfter(results, results.find("\"service_level\"", at_four),
                      "\"mean\": "),
      sl_cell, "service_level at 04:00");
  EXPECT_EQ(book.NumberFormat(sl_cell.style), "0.0%");

  // Summary: the totals, mean and CI, as in the JSON.
  const std::string summary = book.Sheet("Summary");
  const std::string offered_row = book.RowOf(summary, "offered");
  ASSERT_FALSE(offered_row.empty());
  const size_t totals = results.find("\"metrics\": ");
  ExpectSameNumber(JsonNumberAfter(results, results.find("\"offered\"", totals),
                                   "\"mean\": "),
                   book.Cell(summary, "B" + offered_row), "total offered");
  ExpectSameNumber(JsonNumberAfter(results, results.find("\"offered\"", totals),
                                   "\"ci95\": "),
                   book.Cell(summary, "C" + offered_row), "total offered CI");

  // Native charts over the Intervals sheet's rows: a 2-day horizon of 1-hour
  // intervals (after the warm-up) is 48 rows below the header. Their
  // categories are text labels (2 March 2026 was a Monday): date-time
  // numbers would let Excel pick a date axis, one point per day.
  const std::string label = book.Find(intervals, 1, "chart label");
  ASSERT_FALSE(label.empty());
  const std::string label_column = testing::ColumnOf(label);
  const XlsxCell first_label = book.Cell(intervals, label_column + "2");
  EXPECT_EQ(first_label.type, "s");
  EXPECT_EQ(first_label.value, "Mon 2 Mar 02:00");
  EXPECT_EQ(book.Cell(intervals, label_column + "24").value, "Tue 3 Mar 00:00");
  const std::string chart1 = book.Part("xl/charts/chart1.xml");
  EXPECT_TRUE(Contains(chart1, "<c:lineChart>")) << chart1.substr(0, 300);
  EXPECT_TRUE(Contains(
      chart1, fmt::format("<c:cat><c:strRef><c:f>Intervals!${}$2:${}$49",
                          label_column, label_column)))
      << chart1;
  // A dozen labels, 4 hours apart: a divisor of the day's 24 intervals, so
  // they fall at the same times every day.
  EXPECT_TRUE(Contains(chart1, "<c:tickLblSkip val=\"4\"/>"));
  const std::string chart2 = book.Part("xl/charts/chart2.xml");
  EXPECT_TRUE(Contains(chart2, "Service level")) << chart2.substr(0, 300);
  EXPECT_TRUE(Contains(chart2, "target"));

  // The heatmap: a colour scale centred on the 80% target, and a cell
  // marked (bold, "*") exactly where the JSON's CI lies below it.
  const std::string heat = book.Sheet("Heatmap");
  EXPECT_TRUE(Contains(heat, "<conditionalFormatting"));
  EXPECT_TRUE(Contains(heat, "<cfvo type=\"num\" val=\"0.8\"/>"));
  // The answer rate against the same reference as the HTML report's (no
  // answer-rate goal: the service-level target): both grids centred there.
  EXPECT_FALSE(book.RowOf(heat,
                          "Answer rate per date and interval of the day "
                          "(against the service-level target 80%)")
                   .empty());
  EXPECT_EQ(testing::Count(heat, "<cfvo type=\"num\" val=\"0.8\"/>"), 2);
  // Row 6 is 2 March; column B 00:00, so 04:00 is column F.
  const XlsxCell cell = book.Cell(heat, "F6");
  ExpectSameNumber(sl_cell.number(), cell, "heatmap 04:00");
  int marked = 0;
  for (int hour = 2; hour < 24; ++hour) {
    const size_t at =
        results.find("\"start\": \"" + (hour < 10 ? "0" : std::string()) +
                     std::to_string(hour) + ":00\"");
    const size_t key = results.find("\"service_level\"", at);
    const double mean = JsonNumberAfter(results, key, "\"mean\": ");
    const double ci = JsonNumberAfter(results, key, "\"ci95\": ");
    const std::string ref = std::string(1, static_cast<char>('B' + hour)) + "6";
    const std::string format = book.NumberFormat(book.Cell(heat, ref).style);
    EXPECT_EQ(Contains(format, "\"*\""), mean + ci < 0.8)
        << ref << " " << mean << " ± " << ci << ": " << format;
    marked += mean + ci < 0.8;
  }
  EXPECT_GT(marked, 0) << "3 erlangs on 3 agents should miss 80/20";

  // The scenario's parameters, key by key, numbers as numbers.
  const std::string params = book.Sheet("Scenario");
  EXPECT_TRUE(Contains(params, "agents[0].staffing.constant") ||
              Contains(book.Part("xl/sharedStrings.xml"),
                       "agents[0].staffing.constant"));
  EXPECT_TRUE(Contains(book.Part("xl/sharedStrings.xml"),
                       "call_types[0].handle_time.exponential.mean"));
}

TEST(XlsxCliTest, RunWorkbookIsTheSameForAnyThreadCount) {
  const std::string scenario = WriteScenario(4);
  const std::string one = TempPath("t1.xlsx");
  const std::string two = TempPath("t2.xlsx");
  ASSERT_EQ(RunCcsim("run " + scenario + " -t 1 -o /dev/null --xlsx " + one +
                     " --quiet")
                .status,
            0);
  ASSERT_EQ(RunCcsim("run " + scenario + " -t 2 -o /dev/null --xlsx " + two +
                     " --quiet")
                .status,
            0);
  const std::string a = ReadFile(one);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a.substr(0, 2), "PK");  // a zip
  EXPECT_TRUE(a == ReadFile(two));
}

TEST(XlsxCliTest, OutputErrorsLeaveNothingAndKeepTheMode) {
  const std::string scenario = WriteScenario(4);
  const std::string table = TempPath("err.txt");
  std::filesystem::remove(table);
  // A missing folder fails before anything is simulated, and the other
  // output is not written either.
  Outcome o = RunCcsim("run " + scenario + " -o " + table +
                       " --xlsx /nonexistent/folder/out.xlsx");
  EXPECT_EQ(o.status, 2) << o.out;
  EXPECT_TRUE(Contains(o.out,
                       "/nonexistent/folder/out.xlsx: cannot write: "
                       "the folder /nonexistent/folder does not exist"))
      << o.out;
  EXPECT_FALSE(std::filesystem::exists(table));
  // A folder, standard output and the same file twice are refused.
  o = RunCcsim("run " + scenario + " --xlsx " + ::testing::TempDir());
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out, "it is a folder")) << o.out;
  o = RunCcsim("run " + scenario + " --xlsx -");
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out,
                       "ccsim run: --xlsx writes a file, not standard "
                       "output"))
      << o.out;
  o = RunCcsim("run " + scenario + " -o " + table + " --xlsx " + table);
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out, "given for two outputs")) << o.out;
  EXPECT_FALSE(std::filesystem::exists(table));
  // Replacing a workbook keeps its permissions, and leaves no scratch or
  // temporary file beside it.
  const std::string dir = TempPath("mode");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directory(dir);
  const std::string xlsx = dir + "/book.xlsx";
  WriteFile(xlsx, "old");
  chmod(xlsx.c_str(), 0640);
  o = RunCcsim("run " + scenario + " -o /dev/null --xlsx " + xlsx + " --quiet");
  ASSERT_EQ(o.status, 0) << o.out;
  struct stat st;
  ASSERT_EQ(stat(xlsx.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(ReadFile(xlsx).substr(0, 2), "PK");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "book.xlsx");
  }
  EXPECT_EQ(files, 1);
  // export checks its workbook path before reading the database, too.
  o = RunCcsim("export " + TempPath("none.sqlite") +
               " --xlsx /nonexistent/folder/x.xlsx");
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(Contains(o.out, "the folder /nonexistent/folder does not exist"))
      << o.out;
}

TEST(XlsxCliTest, CompareWorkbookHasBaseVariantDifferenceAndCi) {
  const std::string base = WriteScenario(3);
  const std::string variant = WriteScenario(4);
  const std::string xlsx = TempPath("compare.xlsx");
  const std::string json = TempPath("compare.json");
  const Outcome o =
      RunCcsim("compare " + base + " " + variant + " -f json -o " + json +
               " --xlsx " + xlsx + " --quiet");
  ASSERT_EQ(o.status, 0) << o.out;
  const std::string results = ReadFile(json);
  const XlsxFile book(xlsx);
  EXPECT_EQ(book.sheets(),
            (std::vector<std::string>{"Summary", "Charts", "Heatmap",
                                      "Intervals small-4", "Scenario"}));
  const std::string summary = book.Sheet("Summary");
  const std::string row = book.RowOf(summary, "service_level");
  ASSERT_FALSE(row.empty());
  const size_t key = results.find("\"service_level\"");
  const double base_mean =
      JsonNumberAfter(results, results.find("\"base\"", key), "\"mean\": ");
  const double diff = JsonNumberAfter(
      results, results.find("\"difference\"", key), "\"mean\": ");
  const double diff_ci = JsonNumberAfter(
      results, results.find("\"difference\"", key), "\"ci95\": ");
  ExpectSameNumber(base_mean, book.Cell(summary, "B" + row), "base");
  // A fourth agent raises the service level; differences of rates are in
  // percentage points.
  EXPECT_GT(diff, 0);
  ExpectSameNumber(100 * diff, book.Cell(summary, "F" + row), "difference");
  ExpectSameNumber(100 * diff_ci, book.Cell(summary, "G" + row), "CI");
  EXPECT_TRUE(
      Contains(book.NumberFormat(book.Cell(summary, "F" + row).style), " pp"));
  EXPECT_EQ(book.Cell(summary, "H" + row).value,
            diff - diff_ci > 0 ? "yes" : "no");
  // Per interval: dates, and the paired columns of each metric.
  const std::string intervals = book.Sheet("Intervals small-4");
  ExpectSameNumber(Serial(2026, 3, 2) + 2.0 / 24, book.Cell(intervals, "A3"),
                   "first interval");
  EXPECT_FALSE(book.Find(intervals, 2, "service_level difference").empty());
  EXPECT_TRUE(Contains(book.Part("xl/charts/chart1.xml"), "<c:lineChart>"));
  EXPECT_TRUE(Contains(book.Sheet("Heatmap"), "colorScale"));
}

// A second service level (90% within 60 s) has its target column, chart
// and heatmap in the run workbook, and its target column and difference
// heatmap in the comparison's.
TEST(XlsxCliTest, SecondServiceLevelHasItsTargetChartAndHeatmap) {
  const std::string second =
      "service_level: {second: {threshold: 60s, target: 0.9}}\n";
  const std::string base = TempPath("second3.yaml");
  const std::string variant = TempPath("second4.yaml");
  WriteFile(base, Scenario(3) + second);
  WriteFile(variant, Scenario(4) + second);
  const std::string run_xlsx = TempPath("second-run.xlsx");
  Outcome o = RunCcsim("run " + base + " --xlsx " + run_xlsx + " --quiet");
  ASSERT_EQ(o.status, 0) << o.out;
  const XlsxFile run(run_xlsx);
  const std::string intervals = run.Sheet("Intervals");
  const std::string target = run.Find(intervals, 1, "service_level_2 target");
  ASSERT_FALSE(target.empty());
  const std::string column =
      target.substr(0, target.find_first_of("0123456789"));
  ExpectSameNumber(0.9, run.Cell(intervals, column + "2"), "second target");
  EXPECT_FALSE(run.RowOf(run.Sheet("Heatmap"),
                         "Second service level per date and interval of the "
                         "day (target 90% answered within 1m)")
                   .empty());
  bool chart = false;
  for (int i = 1; i <= 8; ++i) {
    chart |= Contains(run.Part("xl/charts/chart" + std::to_string(i) + ".xml"),
                      "Second service level per interval against its target");
  }
  EXPECT_TRUE(chart);

  const std::string compare_xlsx = TempPath("second-compare.xlsx");
  o = RunCcsim("compare " + base + " " + variant + " --xlsx " + compare_xlsx +
               " --quiet");
  ASSERT_EQ(o.status, 0) << o.out;
  const XlsxFile compare(compare_xlsx);
  const std::string paired = compare.Sheet("Intervals small-4");
  const std::string paired_target =
      compare.Find(paired, 2, "service_level_2 target");
  ASSERT_FALSE(paired_target.empty());
  ExpectSameNumber(
      0.9,
      compare.Cell(paired, paired_target.substr(
                               0, paired_target.find_first_of("0123456789")) +
                               "3"),
      "second target");
  EXPECT_FALSE(compare
                   .RowOf(compare.Sheet("Heatmap"),
                          "small-4: service_level_2 minus base, percentage "
                          "points")
                   .empty());
}

TEST(XlsxCliTest, StaffWorkbookHasThePlanPerIntervalAndWhatItAchieves) {
  // Calls from 09:00 to 13:00 of one day (the staffing test's scenario).
  const std::string scenario = TempPath("day.yaml");
  WriteFile(scenario,
            "name: small-day\nhorizon: 1d\ninterval: 1h\nreplications: 6\n"
            "call_types:\n  - name: general\n"
            "    arrivals: {per_interval: [0, 0, 0, 0, 0, 0, 0, 0, 0, 120, "
            "200, 240, 160, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}\n"
            "    handle_time: {exponential: {mean: 120s}}\n"
            "    patience: {exponential: {mean: 180s}}\n"
            "agents:\n  - name: team\n    skills: [general]\n"
            "    staffing: {constant: 3}\n");
  const std::string xlsx = TempPath("staff.xlsx");
  const Outcome o = RunCcsim(
      "staff " + scenario + " -f json --quiet --xlsx " + xlsx, "2>/dev/null");
  ASSERT_EQ(o.status, 0) << o.out;
  const XlsxFile book(xlsx);
  ASSERT_GE(book.sheets().size(), 4u);
  EXPECT_EQ(book.sheets()[0], "Plan");
  EXPECT_EQ(book.sheets()[1], "Plan per interval");
  EXPECT_EQ(book.sheets()[2], "Goal checks");
  EXPECT_NE(std::find(book.sheets().begin(), book.sheets().end(),
                      "Achieved Intervals"),
            book.sheets().end());
  // Row 12 is 10:00 (row 2 is 00:00); at 11:00 (row 13) the plan has the
  // agents of the JSON's "agents" list, beside today's 3.
  const std::string plan = book.Sheet("Plan per interval");
  ExpectSameNumber(10.0 / 24, book.Cell(plan, "C12"), "10:00");
  const size_t agents = o.out.find("\"agents\": [");
  ASSERT_NE(agents, std::string::npos) << o.out;
  size_t at = agents + 11;
  for (int k = 0; k < 11; ++k) at = o.out.find(',', at) + 1;  // to 11:00
  const double at_eleven = std::strtod(o.out.c_str() + at, nullptr);
  EXPECT_GT(at_eleven, 3);
  ExpectSameNumber(at_eleven, book.Cell(plan, "D13"), "plan at 11:00");
  ExpectSameNumber(3, book.Cell(plan, "F13"), "today at 11:00");
  // Every goal check says whether it is met.
  const std::string checks = book.Sheet("Goal checks");
  EXPECT_EQ(book.Cell(checks, "G1").value, "met");
  EXPECT_EQ(book.Cell(checks, "G2").value, "yes");
}

TEST(XlsxCliTest, ExportWorkbookHasThePointsWithParametersAndMetrics) {
  const std::string dir = TempPath("sweep");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directory(dir);
  WriteFile(dir + "/base.yaml", Scenario(4));
  WriteFile(dir + "/sweep.yaml",
            "scenario: base.yaml\nreplications: 2\n"
            "metrics: [offered, service_level]\n"
            "scopes: [total, interval]\n"
            "parameters:\n  - name: agents\n"
            "    key: agents[0].staffing.constant\n    values: [3, 5]\n");
  ASSERT_EQ(RunCcsim("sweep " + dir + "/sweep.yaml --output " + dir +
                     "/r.sqlite --quiet")
                .status,
            0);
  const std::string xlsx = dir + "/r.xlsx";
  const std::string csv = dir + "/r.csv";
  const Outcome o = RunCcsim("export " + dir + "/r.sqlite --csv " + csv +
                             " --wide --xlsx " + xlsx);
  ASSERT_EQ(o.status, 0) << o.out;
  const XlsxFile book(xlsx);
  EXPECT_EQ(book.sheets(),
            (std::vector<std::string>{"Sweep", "Points", "Intervals"}));
  const std::string points = book.Sheet("Points");
  EXPECT_EQ(book.Cell(points, "B1").value, "agents");
  ExpectSameNumber(0, book.Cell(points, "A2"), "point");
  ExpectSameNumber(3, book.Cell(points, "B2"), "agents of point 0");
  ExpectSameNumber(5, book.Cell(points, "B3"), "agents of point 1");
  // The wide CSV's total row of point 1: point,agents,scope,name,day,start,
  // offered,offered_ci95,service_level,service_level_ci95.
  const std::string text = ReadFile(csv);
  const size_t line = text.find("\n1,5,total,");
  ASSERT_NE(line, std::string::npos) << text.substr(0, 300);
  size_t at = line + 1;
  for (int k = 0; k < 8; ++k) at = text.find(',', at) + 1;
  const double sl = std::strtod(text.c_str() + at, nullptr);
  const std::string col = book.Find(points, 1, "service_level");
  ASSERT_FALSE(col.empty());
  ExpectSameNumber(sl, book.Cell(points, testing::ColumnOf(col) + "3"),
                   "service_level of point 1");
  // Intervals: a row per point and interval, the start a time of day.
  const std::string intervals = book.Sheet("Intervals");
  ExpectSameNumber(2.0 / 24, book.Cell(intervals, "E2"), "02:00");
  EXPECT_EQ(book.NumberFormat(book.Cell(intervals, "E2").style), "hh:mm");
}

}  // namespace
}  // namespace ccsim
