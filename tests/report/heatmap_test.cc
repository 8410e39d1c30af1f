// The parts of the HTML report that answer at a glance: the heatmaps of
// the service level and answer rate against the target (and of a
// comparison's paired differences), the statements at the top, the
// per-interval tables, the average day per weekday class, and the
// selection of metrics.
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/html_report.h"
#include "ccsim/metrics.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/time.h"
#include "fmt/format.h"
#include "gtest/gtest.h"
#include "sim/report/svg.h"
#include "tests/testing/html.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Between;
using ::ccsim::testing::Count;
using ::ccsim::testing::Polylines;
using ::ccsim::testing::SvgById;

// The small report queue (60 calls per half hour, 9 agents, patience 240 s)
// with a single agent from 10:00 to 11:00 every day, six erlangs of work
// for one agent: the service level there is near zero in every
// replication. From 03:00 to 04:00, 30 agents answer every call at once.
Scenario UnderstaffedAtTen(Time horizon) {
  Scenario s = testing::SmallReportScenario(horizon);
  for (int i : {20, 21}) s.agent_groups[0].staffing[i] = 1;
  for (int i : {6, 7}) s.agent_groups[0].staffing[i] = 30;
  return s;
}

RunResult Simulate(const Scenario& s) {
  RunOptions options;
  options.threads = 2;
  absl::StatusOr<RunResult> r = RunScenario(s, options);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : RunResult();
}

// The part of a heatmap after its legend: cells, then marks.
std::string Grid(const std::string& svg) {
  const size_t at = svg.find("<g class=\"cells\">");
  return at == std::string::npos ? "" : svg.substr(at);
}

// The <rect> of the cell whose tooltip starts with `when` ("Mon 1 Jan
// 10:00"), up to its </rect>, or "".
std::string CellAt(const std::string& svg, std::string_view when) {
  const size_t title = svg.find("<title>" + std::string(when) + ":");
  if (title == std::string::npos) return "";
  const size_t start = svg.rfind("<rect", title);
  return svg.substr(start, svg.find("</rect>", title) + 7 - start);
}

// The intervals whose 95% CI of `m` lies wholly below `target`.
int SurelyBelow(const RunResult& r, Metric m, double target) {
  int n = 0;
  for (const IntervalEstimates& ie : r.intervals) {
    const Estimate& e = ie.metrics[static_cast<int>(m)];
    if (std::isfinite(e.ci95) && e.mean + e.ci95 < target) ++n;
  }
  return n;
}

TEST(HtmlHeatmapTest, ColoursTheUnderstaffedHourAndMarksIt) {
  const Scenario s = UnderstaffedAtTen(Time::Days(2));
  const RunResult r = Simulate(s);
  const std::string html = FormatHtmlReport(r, s);
  const std::string svg = SvgById(html, "heatmap-service-level");
  ASSERT_FALSE(svg.empty());
  // One cell per reported interval (02:00 of day 1 to 02:00 of day 3), on
  // three rows.
  EXPECT_EQ(r.intervals.size(), 96u);
  EXPECT_EQ(Count(svg, "<rect class=\"cell"), 96);
  for (std::string_view day : {">Mon 1 Jan<", ">Tue 2 Jan<", ">Wed 3 Jan<"}) {
    EXPECT_NE(svg.find(day), std::string::npos) << day;
  }
  // 10:00 to 11:00 is the darkest red (more than 20 points below the
  // target), with its CI wholly below; 03:00 to 04:00 the darkest blue.
  for (std::string_view when : {"Mon 1 Jan 10:00", "Mon 1 Jan 10:30",
                                "Tue 2 Jan 10:00", "Tue 2 Jan 10:30"}) {
    const std::string cell = CellAt(svg, when);
    EXPECT_NE(cell.find("fill=\"#99000d\""), std::string::npos) << cell;
    EXPECT_NE(cell.find("CI wholly below the target"), std::string::npos)
        << cell;
  }
  for (std::string_view when : {"Mon 1 Jan 03:00", "Tue 2 Jan 03:30"}) {
    const std::string cell = CellAt(svg, when);
    EXPECT_NE(cell.find("fill=\"#0b4a8b\""), std::string::npos) << cell;
    EXPECT_EQ(cell.find("CI wholly below"), std::string::npos) << cell;
  }
  // A dot for every interval whose CI lies wholly below the target, as the
  // statement at the top counts them.
  const int below = SurelyBelow(r, Metric::kServiceLevel, 0.8);
  EXPECT_GE(below, 4);
  EXPECT_EQ(Count(Grid(svg), "class=\"mk-dot\""), below);
  EXPECT_NE(
      html.find("<b class=\"surely-below\">" + std::to_string(below) + "</b>"),
      std::string::npos);
  // The answer rate is far below the target there too.
  const std::string answer = SvgById(html, "heatmap-answer-rate");
  EXPECT_NE(CellAt(answer, "Mon 1 Jan 10:00").find("fill=\"#99000d\""),
            std::string::npos);
  EXPECT_EQ(Count(Grid(answer), "class=\"mk-dot\""),
            SurelyBelow(r, Metric::kAnswerRate, 0.8));
}

TEST(HtmlHeatmapTest, IntervalTableShadesTheIntervalsSurelyBelow) {
  const Scenario s = UnderstaffedAtTen(Time::Days(1));
  const RunResult r = Simulate(s);
  const std::string html = FormatHtmlReport(r, s);
  const std::string table =
      Between(html, "<details id=\"interval-table\">", "</details>");
  ASSERT_FALSE(table.empty());
  EXPECT_EQ(Count(table, "<tr"), 1 + static_cast<int>(r.intervals.size()));
  EXPECT_EQ(Count(table, "<tr class=\"below\">"),
            SurelyBelow(r, Metric::kServiceLevel, 0.8));
  // Date, start, and the nine key metrics with their CIs.
  EXPECT_EQ(Count(Between(table, "<thead>", "</thead>"), "<th>"), 11);
  const Estimate& sl =
      r.intervals[16]
          .metrics[static_cast<int>(Metric::kServiceLevel)];  // 10:00 of day 1
  EXPECT_NE(table.find("<td>Mon 1 Jan</td><td>10:00</td>"), std::string::npos);
  EXPECT_LT(sl.mean + sl.ci95, 0.8);
}

// A comparison whose variant staffs 10:00 to 11:00 properly (a certain
// rise) and 03:00 to 04:00 with 9 agents instead of 30 (no rise there).
TEST(HtmlHeatmapTest, ComparisonMarksSignificantRisesAndFalls) {
  const Scenario base = UnderstaffedAtTen(Time::Days(2));
  Scenario variant = base;
  variant.name = "fixed";
  for (int i : {20, 21, 6, 7}) variant.agent_groups[0].staffing[i] = 9;
  const std::vector<Scenario> variants = {variant};
  CompareOptions options;
  options.threads = 2;
  absl::StatusOr<Comparison> c = CompareScenarios(base, variants, options);
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string html = FormatHtmlComparison(*c, base, variants);
  const VariantComparison& vc = c->variants[0];

  for (Metric m : {Metric::kServiceLevel, Metric::kAnswerRate}) {
    const std::string id = m == Metric::kServiceLevel
                               ? "heatmap-diff-service-level-1"
                               : "heatmap-diff-answer-rate-1";
    const std::string svg = SvgById(html, id);
    ASSERT_FALSE(svg.empty()) << id;
    EXPECT_EQ(Count(svg, "<rect class=\"cell"),
              static_cast<int>(vc.intervals.size()));
    int higher = 0;
    int lower = 0;
    for (const IntervalComparison& row : vc.intervals) {
      const PairedEstimate& p = row.metrics[static_cast<int>(m)];
      if (p.significant) ++(p.difference.mean > 0 ? higher : lower);
    }
    EXPECT_GE(higher, 4) << id;
    EXPECT_EQ(Count(Grid(svg), "class=\"mk-rise\""), higher) << id;
    EXPECT_EQ(Count(Grid(svg), "class=\"mk-fall\""), lower) << id;
    // The counts are written above the heatmap, as the table counts them.
    const std::string count = fmt::format(
        "significantly higher in <b class=\"n-higher\">{}</b> (\u25b2) and "
        "lower in <b class=\"n-lower\">{}</b> (\u25bc) of {} intervals",
        higher, lower, vc.intervals.size());
    EXPECT_GE(Count(html, count), 2) << count;  // at a glance and the map
    const std::string text =
        FormatComparison(*c, OutputFormat::kTable, ReportOptions());
    EXPECT_NE(text.find(fmt::format(
                  "{}: significantly higher in {} and lower in {} of {} "
                  "intervals",
                  MetricName(m), higher, lower, vc.intervals.size())),
              std::string::npos)
        << text;
    // From near zero to about the target: the darkest blue, marked.
    const std::string cell = CellAt(svg, "Mon 1 Jan 10:00");
    EXPECT_NE(cell.find("fill=\"#0b4a8b\""), std::string::npos) << cell;
    EXPECT_NE(cell.find(", significant</title>"), std::string::npos) << cell;
  }
  // The interval table marks the same rises.
  const std::string table =
      Between(html, "<details class=\"interval-table\"", "</details>");
  ASSERT_FALSE(table.empty());
  int sl_rises = 0;
  for (const IntervalComparison& row : vc.intervals) {
    for (Metric m : {Metric::kServiceLevel, Metric::kAnswerRate,
                     Metric::kAbandonRate, Metric::kAsa, Metric::kOccupancy}) {
      const PairedEstimate& p = row.metrics[static_cast<int>(m)];
      if (p.significant && p.difference.mean > 0) ++sl_rises;
    }
  }
  EXPECT_EQ(Count(table, "<td class=\"rise\">"), sl_rises);
}

// A second service level (90% within 60 s) gets its own heatmap against
// its own target, in a run and in a comparison; a scenario without one
// shows none.
TEST(HtmlHeatmapTest, SecondServiceLevelHasItsOwnHeatmaps) {
  Scenario base = UnderstaffedAtTen(Time::Days(2));
  EXPECT_EQ(SvgById(FormatHtmlReport(Simulate(base), base),
                    "heatmap-service-level-2"),
            "");
  base.service_level.second = {Time::Seconds(60), 0.9};
  const RunResult r = Simulate(base);
  const std::string html = FormatHtmlReport(r, base);
  const std::string svg = SvgById(html, "heatmap-service-level-2");
  ASSERT_FALSE(svg.empty());
  EXPECT_NE(svg.find("Second service level per interval against the 90% "
                     "target (answered within 1m)"),
            std::string::npos);
  EXPECT_EQ(Count(svg, "<rect class=\"cell"),
            static_cast<int>(r.intervals.size()));
  // Dots against 0.9, not against the first level's 0.8.
  const int below = SurelyBelow(r, Metric::kServiceLevel2, 0.9);
  EXPECT_GE(below, 4);
  EXPECT_EQ(Count(Grid(svg), "class=\"mk-dot\""), below);
  EXPECT_NE(CellAt(svg, "Mon 1 Jan 10:00").find("fill=\"#99000d\""),
            std::string::npos);

  Scenario variant = base;
  variant.name = "fixed";
  for (int i : {20, 21}) variant.agent_groups[0].staffing[i] = 9;
  const std::vector<Scenario> variants = {variant};
  CompareOptions options;
  options.threads = 2;
  absl::StatusOr<Comparison> c = CompareScenarios(base, variants, options);
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string diff = SvgById(FormatHtmlComparison(*c, base, variants),
                                   "heatmap-diff-service-level-2-1");
  ASSERT_FALSE(diff.empty());
  int higher = 0;
  for (const IntervalComparison& row : c->variants[0].intervals) {
    const PairedEstimate& p =
        row.metrics[static_cast<int>(Metric::kServiceLevel2)];
    if (p.significant && p.difference.mean > 0) ++higher;
  }
  EXPECT_GE(higher, 4);
  EXPECT_EQ(Count(Grid(diff), "class=\"mk-rise\""), higher);
}

// A chart title wider than the chart (a comparison of two long scenario
// names) is drawn narrower to fit, and beyond a third narrower cut with an
// ellipsis; the whole title stays in the tooltip.
TEST(HtmlHeatmapTest, LongTitlesFitTheChart) {
  const std::string fits = svg::WrapSvg("a", "Service level", "", 100, "");
  EXPECT_EQ(fits.find("textLength"), std::string::npos);
  const std::string long_title =
      "Service level: water-utility-follow-ups-dedicated \u2212 "
      "water-utility-follow-ups per interval, percentage points";
  const std::string squeezed = svg::WrapSvg("b", long_title, "", 100, "");
  EXPECT_NE(squeezed.find("textLength=\"928\" "
                          "lengthAdjust=\"spacingAndGlyphs\">" +
                          long_title + "</text>"),
            std::string::npos)
      << squeezed;
  const std::string longer = long_title + long_title;
  const std::string cut = svg::WrapSvg("c", longer, "", 100, "");
  EXPECT_NE(cut.find("<title>" + longer + "</title>"), std::string::npos);
  EXPECT_NE(cut.find("\u2026</text>"), std::string::npos) << cut;
}

// A comparison of follow-up designs states, at a glance, what they are
// about: the follow-ups' timeliness and backlog, with their labels.
TEST(HtmlHeatmapTest, CompareGlanceNamesTheFollowUps) {
  absl::StatusOr<Scenario> base = LoadScenarioFile(
      CCSIM_SOURCE_DIR "/scenarios/water-utility-follow-ups.yaml");
  absl::StatusOr<Scenario> variant = LoadScenarioFile(
      CCSIM_SOURCE_DIR "/scenarios/water-utility-follow-ups-dedicated.yaml");
  ASSERT_TRUE(base.ok() && variant.ok());
  const std::vector<Scenario> variants = {*variant};
  CompareOptions options;
  options.threads = 2;
  options.replications = 2;
  absl::StatusOr<Comparison> c = CompareScenarios(*base, variants, options);
  ASSERT_TRUE(c.ok()) << c.status();
  ReportOptions report;
  report.metrics = DefaultMetrics(*base);
  const std::string glance =
      Between(FormatHtmlComparison(*c, *base, variants, report),
              "id=\"glance\"", "</ul>");
  EXPECT_NE(glance.find("Follow-ups on time "), std::string::npos) << glance;
  EXPECT_NE(glance.find("Follow-up backlog at day end "), std::string::npos)
      << glance;
}

TEST(HtmlHeatmapTest, MetricsSelectWhatTheReportShows) {
  const Scenario s = UnderstaffedAtTen(Time::Days(2));
  const RunResult r = Simulate(s);
  ReportOptions few;
  few.metrics = *ParseMetricList("offered,answered,service_level");
  std::string html = FormatHtmlReport(r, s, few);
  EXPECT_FALSE(SvgById(html, "heatmap-service-level").empty());
  for (std::string_view id :
       {"heatmap-answer-rate", "chart-answer-rate", "chart-call-flow",
        "chart-wait-abandon", "chart-agents", "more-metrics"}) {
    EXPECT_EQ(html.find("id=\"" + std::string(id) + "\""), std::string::npos)
        << id;
  }
  EXPECT_EQ(Polylines(SvgById(html, "chart-offered-answered")).size(), 2u);
  EXPECT_EQ(
      Count(Between(html, "<table id=\"summary-table\">", "</table>"), "<tr>"),
      4);
  EXPECT_EQ(Count(Between(Between(html, "<details id=\"interval-table\">",
                                  "</details>"),
                          "<thead>", "</thead>"),
                  "<th>"),
            5);

  ReportOptions callers;
  callers.metrics = *ParseMetricList("answer_rate,gave_up,calls");
  html = FormatHtmlReport(r, s, callers);
  const std::string answer = SvgById(html, "chart-answer-rate");
  EXPECT_NE(answer.find("Callers who gave up"), std::string::npos);
  EXPECT_FALSE(SvgById(html, "chart-call-flow").empty());
  EXPECT_FALSE(SvgById(html, "heatmap-answer-rate").empty());
  EXPECT_NE(html.find("callers gave up (per replication)"), std::string::npos);
  for (std::string_view id : {"heatmap-service-level", "chart-service-level",
                              "chart-offered-answered"}) {
    EXPECT_EQ(html.find("id=\"" + std::string(id) + "\""), std::string::npos)
        << id;
  }
}

// A hand-made result of `days` days of half hours from Monday 1 January
// 2024, every metric 0.5 with CI 0.01, 10 calls offered per interval.
RunResult FlatResult(Scenario& s, int days) {
  s.name = "flat";
  s.interval = Time::Minutes(30);
  s.warmup = Time::Zero();
  s.horizon = Time::Days(days);
  RunResult r;
  r.scenario = s.name;
  r.replications = 4;
  for (Estimate& e : r.total) e = {.mean = 0.5, .ci95 = 0.01, .n = 4};
  for (int d = 1; d <= days; ++d) {
    for (int i = 0; i < 48; ++i) {
      IntervalEstimates ie;
      ie.day = d;
      ie.start = FormatClock(Time::Minutes(30) * i);
      for (Estimate& e : ie.metrics) e = {.mean = 0.5, .ci95 = 0.01, .n = 4};
      ie.metrics[static_cast<int>(Metric::kOffered)].mean = 10;
      ie.metrics[static_cast<int>(Metric::kStaffedHours)].mean = 4;
      r.intervals.push_back(ie);
    }
  }
  return r;
}

Estimate& At(RunResult& r, int day, int interval, Metric m) {
  return r.intervals[(day - 1) * 48 + interval].metrics[static_cast<int>(m)];
}

TEST(HtmlHeatmapTest, AverageDayPerWeekdayClass) {
  Scenario s;
  RunResult r = FlatResult(s, 14);
  // Closed on Sundays (days 7 and 14): no call offered.
  for (int day : {7, 14}) {
    for (int i = 0; i < 48; ++i) {
      At(r, day, i, Metric::kOffered).mean = 0;
      At(r, day, i, Metric::kServiceLevel).mean = NAN;
    }
  }
  const std::string html = FormatHtmlReport(r, s);
  const std::string svg = SvgById(html, "chart-service-level-day");
  for (std::string_view caption :
       {"Mon\u2013Fri, 10 days: ", "Saturday, 2 days: ", "Sunday, 2 days: "}) {
    EXPECT_NE(svg.find(caption), std::string::npos) << caption;
  }
  // Weekdays and Saturdays have a line each; Sundays none.
  const std::vector<std::string> lines = Polylines(svg);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(testing::PointCount(lines[0]), 48);
  EXPECT_EQ(testing::PointCount(lines[1]), 48);
  // The heatmap greys the Sundays out: 96 cells without a value.
  EXPECT_EQ(
      Count(SvgById(html, "heatmap-service-level"), "<rect class=\"cell na\""),
      96);
}

TEST(HtmlHeatmapTest, LowestAndHighestIgnoreNegligibleIntervals) {
  Scenario s;
  RunResult r = FlatResult(s, 1);
  for (int i = 0; i < 48; ++i) At(r, 1, i, Metric::kBreakShare).mean = 0.1;
  At(r, 1, 20, Metric::kServiceLevel).mean = 0.2;  // 10:00
  At(r, 1, 24, Metric::kBreakShare).mean = 0.3;    // 12:00
  // 23:30: a fraction of a call and a few agent-seconds after closing.
  At(r, 1, 47, Metric::kOffered).mean = 0.2;
  At(r, 1, 47, Metric::kServiceLevel).mean = 0;
  At(r, 1, 47, Metric::kStaffedHours).mean = 0.005;
  At(r, 1, 47, Metric::kBreakShare).mean = 1;
  std::string html = FormatHtmlReport(r, s);
  EXPECT_NE(html.find("Lowest: 20.0% \u00b1 1.00 pp on Mon 1 Jan 10:00."),
            std::string::npos);
  EXPECT_NE(html.find("highest Break and AUX share 30.0% on Mon 1 Jan 12:00"),
            std::string::npos);
  // The heatmap still shows 23:30 as it is, below the target.
  EXPECT_NE(CellAt(SvgById(html, "heatmap-service-level"), "Mon 1 Jan 23:30")
                .find("fill=\"#99000d\""),
            std::string::npos);
  // With as many calls and agents as the others it is named.
  At(r, 1, 47, Metric::kOffered).mean = 10;
  At(r, 1, 47, Metric::kStaffedHours).mean = 4;
  html = FormatHtmlReport(r, s);
  EXPECT_NE(html.find("Lowest: 0.0% \u00b1 1.00 pp on Mon 1 Jan 23:30."),
            std::string::npos);
  EXPECT_NE(html.find("highest Break and AUX share 100.0% on Mon 1 Jan 23:30"),
            std::string::npos);
}

}  // namespace
}  // namespace ccsim
