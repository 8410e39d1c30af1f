// The HTML report: self-contained, the expected charts with stable ids,
// lines broken at undefined values, names escaped, comparison overlays and
// the difference chart; and the SVG helpers (nice ticks, number formats).
#include "ccsim/html_report.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "gtest/gtest.h"
#include "sim/report/svg.h"
#include "tests/testing/html.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Count;
using ::ccsim::testing::MakeQueueScenario;
using ::ccsim::testing::PointCount;
using ::ccsim::testing::Polylines;
using ::ccsim::testing::QueueParams;
using ::ccsim::testing::SvgById;

// The per-interval charts, drawn for the horizon and (suffix "-day") for the
// average day.
const std::vector<std::string> kIntervalCharts = {
    "chart-offered-answered", "chart-service-level", "chart-wait-abandon",
    "chart-agents"};

Scenario SmallScenario(Time horizon) {
  return testing::SmallReportScenario(horizon);
}

RunResult RunSmall(const Scenario& s) {
  RunOptions options;
  options.threads = 2;
  absl::StatusOr<RunResult> r = RunScenario(s, options);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : RunResult();
}

// A hand-made result of `days` days of `interval`, every metric defined
// and varying over the day (for tests that need no simulation).
RunResult SyntheticResult(Scenario& s, int days, Time interval) {
  s.name = "synthetic";
  s.interval = interval;
  s.warmup = Time::Zero();
  s.horizon = Time::Days(days);
  RunResult r;
  r.scenario = s.name;
  r.seed = 3;
  r.replications = 4;
  for (Estimate& e : r.total) e = {.mean = 0.5, .ci95 = 0.01, .n = 4};
  const int per_day = s.intervals_per_day();
  for (int d = 0; d < days; ++d) {
    for (int i = 0; i < per_day; ++i) {
      IntervalEstimates ie;
      ie.day = d + 1;
      ie.start = FormatClock(interval * i);
      const double phase = std::sin(6.283 * i / per_day) + 1.2 + 0.1 * d;
      for (int m = 0; m < kNumMetrics; ++m) {
        ie.metrics[m] = {.mean = phase * (m + 1) * 0.37, .ci95 = 0.1, .n = 4};
      }
      ie.metrics[static_cast<int>(Metric::kServiceLevel)].mean = phase / 2.3;
      r.intervals.push_back(ie);
    }
  }
  return r;
}

// ---- SVG helpers ----------------------------------------------------------

std::vector<double> TickValues(double lo, double hi, int target) {
  return svg::NiceTicks(lo, hi, target).values;
}

void ExpectValues(const std::vector<double>& got,
                  const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(got[i], want[i], 1e-9) << "tick " << i;
  }
}

TEST(HtmlSvgTest, NiceStepRoundsUpToOneTwoOrFive) {
  EXPECT_DOUBLE_EQ(svg::NiceStep(19.4), 20);
  EXPECT_DOUBLE_EQ(svg::NiceStep(1), 1);
  EXPECT_DOUBLE_EQ(svg::NiceStep(2), 2);
  EXPECT_DOUBLE_EQ(svg::NiceStep(2.1), 5);
  EXPECT_DOUBLE_EQ(svg::NiceStep(7), 10);
  EXPECT_NEAR(svg::NiceStep(0.03), 0.05, 1e-12);
  EXPECT_DOUBLE_EQ(svg::NiceStep(450), 500);
}

TEST(HtmlSvgTest, NiceTicks) {
  // 97 / 5 = 19.4 -> step 20; 0 and 100 enclose the range.
  ExpectValues(TickValues(0, 97, 5), {0, 20, 40, 60, 80, 100});
  EXPECT_EQ(svg::NiceTicks(0, 97, 5).decimals, 0);
  // 1 / 5 = 0.2 -> step 0.2, one decimal.
  ExpectValues(TickValues(0, 1, 5), {0, 0.2, 0.4, 0.6, 0.8, 1});
  EXPECT_EQ(svg::NiceTicks(0, 1, 5).decimals, 1);
  // 11.1 / 5 = 2.22 -> step 5: -5 below -3.2, 10 above 7.9.
  ExpectValues(TickValues(-3.2, 7.9, 5), {-5, 0, 5, 10});
  // 56 / 5 = 11.2 -> step 20: 1220 below 1234, 1300 above 1290.
  ExpectValues(TickValues(1234, 1290, 5), {1220, 1240, 1260, 1280, 1300});
  // Bounds on multiples of the step add no extra tick.
  ExpectValues(TickValues(20, 60, 4), {20, 30, 40, 50, 60});
  // A symmetric range stays symmetric: 2.6 / 4 = 0.65 -> step 1.
  ExpectValues(TickValues(-1.3, 1.3, 4), {-2, -1, 0, 1, 2});
}

TEST(HtmlSvgTest, NiceTicksOfDegenerateRanges) {
  ExpectValues(TickValues(0, 0, 5), {0, 0.2, 0.4, 0.6, 0.8, 1});
  ExpectValues(TickValues(NAN, NAN, 5), {0, 0.2, 0.4, 0.6, 0.8, 1});
  // A flat series at 50 gets +-10%: 45 ... 55 with step 2.
  ExpectValues(TickValues(50, 50, 5), {44, 46, 48, 50, 52, 54, 56});
}

TEST(HtmlSvgTest, NumberFormats) {
  EXPECT_EQ(svg::FormatNumber(12345.678, 1), "12,345.7");
  EXPECT_EQ(svg::FormatNumber(-1234, 0), "-1,234");
  EXPECT_EQ(svg::FormatNumber(999.96, 1), "1,000.0");
  EXPECT_EQ(svg::FormatNumber(-0.04, 1), "0.0");
  EXPECT_EQ(svg::FormatNumber(NAN, 1), "\u2013");
  EXPECT_EQ(svg::SignedNumber(2.5, 1), "+2.5");
  EXPECT_EQ(svg::SignedNumber(-2.5, 1), "-2.5");
  EXPECT_EQ(svg::SignedNumber(0.01, 1), "0.0");
  EXPECT_EQ(svg::Coord(12.34), "12.3");
  EXPECT_EQ(svg::Coord(5.02), "5");
  EXPECT_EQ(svg::Coord(-0.04), "0");
  EXPECT_EQ(svg::Escape("<a & 'b'>\""), "&lt;a &amp; &#39;b&#39;&gt;&quot;");
}

// ---- Run reports ----------------------------------------------------------

TEST(HtmlReportTest, IsSelfContained) {
  const Scenario s = SmallScenario(Time::Days(1));
  std::string html = FormatHtmlReport(RunSmall(s), s);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.substr(html.size() - 8), "</html>\n");
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  // The SVG namespace name is the only URL.
  const std::string xmlns = "http://www.w3.org/2000/svg";
  EXPECT_GT(Count(html, xmlns), 0);
  for (size_t at; (at = html.find(xmlns)) != std::string::npos;) {
    html.erase(at, xmlns.size());
  }
  EXPECT_EQ(Count(html, "http://"), 0);
  EXPECT_EQ(Count(html, "https://"), 0);
  EXPECT_EQ(Count(html, "<script"), 0);
  EXPECT_EQ(Count(html, "<link"), 0);
  EXPECT_EQ(Count(html, "<img"), 0);
  EXPECT_EQ(Count(html, "@import"), 0);
  EXPECT_EQ(Count(html, "@font-face"), 0);
  // url() only refers to patterns inside the document.
  EXPECT_EQ(Count(html, "url("), Count(html, "url(#"));
}

TEST(HtmlReportTest, HasEachChartOnceWithRoleAndLabel) {
  const Scenario s = SmallScenario(Time::Days(1));
  const std::string html = FormatHtmlReport(RunSmall(s), s);
  std::vector<std::string> ids = kIntervalCharts;
  for (const char* id : {"chart-call-flow", "chart-answer-rate",
                         "heatmap-service-level", "heatmap-answer-rate"}) {
    ids.push_back(id);
  }
  for (const std::string& id : ids) {
    EXPECT_EQ(Count(html, "id=\"" + id + "\""), 1) << id;
    const std::string svg = SvgById(html, id);
    ASSERT_FALSE(svg.empty()) << id;
    EXPECT_NE(svg.find("role=\"img\""), std::string::npos) << id;
    EXPECT_NE(svg.find("aria-label=\""), std::string::npos) << id;
    EXPECT_NE(svg.find("<title>"), std::string::npos) << id;
  }
  // One day (from 02:00 to 02:00 the next day): no average day, and no
  // comparison.
  EXPECT_EQ(Count(html, "chart-offered-answered-day"), 0);
  EXPECT_EQ(Count(html, "id=\"chart-differences\""), 0);
  EXPECT_EQ(Count(html, "<svg"), 8);
}

TEST(HtmlReportTest, HeaderAndSummaryTable) {
  Scenario s = SmallScenario(Time::Days(1));
  s.service_level.target = 0.9;
  s.service_level.threshold = Time::Seconds(15);
  s.seed = 42;
  const RunResult r = RunSmall(s);
  const std::string html = FormatHtmlReport(r, s);
  EXPECT_NE(html.find("<h1>ccsim report: test-queue</h1>"), std::string::npos);
  EXPECT_NE(html.find("<td>42</td>"), std::string::npos);  // seed
  EXPECT_NE(html.find("<td>3</td>"), std::string::npos);   // replications
  EXPECT_NE(html.find("1d after a warm-up of 2h (48 intervals of 30m)"),
            std::string::npos);
  EXPECT_NE(html.find("90% of offered calls answered within 15s"),
            std::string::npos);
  // The target line of the service-level chart is at 90%.
  EXPECT_NE(SvgById(html, "chart-service-level").find("Target 90%"),
            std::string::npos);
  // Every key total, with its CI.
  const size_t table = html.find("<table id=\"summary-table\">");
  ASSERT_NE(table, std::string::npos);
  const std::string summary =
      html.substr(table, html.find("</table>", table) - table);
  for (std::string_view key :
       {"offered", "answered", "abandoned", "answer_rate", "abandon_rate",
        "service_level", "asa_s", "mean_wait_s", "aht_s", "occupancy",
        "staffed_hours"}) {
    EXPECT_NE(summary.find("<code>" + std::string(key) + "</code>"),
              std::string::npos)
        << key;
  }
  EXPECT_EQ(Count(summary, "<tr>"), 19);  // heading + 18 metrics
  // The service level as a percentage, its CI in percentage points.
  const Estimate& sl = r.total[static_cast<int>(Metric::kServiceLevel)];
  EXPECT_NE(summary.find(svg::FormatNumber(100 * sl.mean, 1) + "%"),
            std::string::npos);
  EXPECT_NE(
      summary.find("\u00b1 " + svg::FormatNumber(100 * sl.ci95, 2) + " pp"),
      std::string::npos);
}

TEST(HtmlReportTest, EscapesNamesFromTheScenario) {
  Scenario s = SmallScenario(Time::Hours(4));
  s.name = "Q <b>&amp; \"x\" 'y'";
  CallTypeSpec second = s.call_types[0];
  second.name = "<billing&co>";
  s.call_types.push_back(second);
  s.agent_groups[0].skills = {0, 1};
  s.agent_groups[0].name = "team <1>";
  ASSERT_TRUE(CheckRunnable(s).ok());
  const std::string html = FormatHtmlReport(RunSmall(s), s);
  EXPECT_EQ(Count(html, "<b>&amp;"), 0);
  EXPECT_EQ(Count(html, "<billing"), 0);
  EXPECT_EQ(Count(html, "team <1>"), 0);
  EXPECT_GE(Count(html, "Q &lt;b&gt;&amp;amp; &quot;x&quot; &#39;y&#39;"), 2);
  EXPECT_EQ(Count(html, "<td>&lt;billing&amp;co&gt;</td>"), 1);
  EXPECT_EQ(Count(html, "<td>team &lt;1&gt;</td>"), 1);
}

// Undefined values in numeric attributes would make the SVG invalid. Each
// attribute NAME="VALUE" after a blank, NAME one of the numeric ones, is
// checked (plain searches: see Polylines).
void ExpectNoNonFiniteCoordinates(const std::string& html) {
  static const std::vector<std::string_view> kNumeric = {
      "x",  "y", "x1",    "y1",     "x2",     "y2", "cx",
      "cy", "r", "width", "height", "points", "d"};
  int checked = 0;
  for (size_t at = html.find("=\""); at != std::string::npos;
       at = html.find("=\"", at)) {
    size_t name = at;
    while (name > 0 &&
           std::isalnum(static_cast<unsigned char>(html[name - 1]))) {
      --name;
    }
    const std::string_view key(html.data() + name, at - name);
    const bool numeric =
        name > 0 && std::isspace(static_cast<unsigned char>(html[name - 1])) &&
        std::find(kNumeric.begin(), kNumeric.end(), key) != kNumeric.end();
    const size_t end = html.find('"', at + 2);
    if (!numeric || end == std::string::npos) {
      at += 2;
      continue;
    }
    const std::string value = html.substr(at + 2, end - at - 2);
    EXPECT_EQ(value.find_first_of("naif"), std::string::npos)
        << key << "=\"" << value << "\"";
    ++checked;
    at = end + 1;
  }
  EXPECT_GT(checked, 100);
}

TEST(HtmlReportTest, UndefinedValuesBreakTheLine) {
  Scenario s;
  RunResult r = SyntheticResult(s, 1, Time::Minutes(30));
  const int sl = static_cast<int>(Metric::kServiceLevel);
  const int wait = static_cast<int>(Metric::kMeanWait);
  for (int i : {10, 11, 12, 30}) r.intervals[i].metrics[sl].mean = NAN;
  r.intervals[20].metrics[wait].mean = NAN;
  r.intervals[22].metrics[wait].mean = NAN;  // 21 is left alone
  const std::string html = FormatHtmlReport(r, s);
  ExpectNoNonFiniteCoordinates(html);

  // Service level: intervals 0-9, 13-29 and 31-47.
  const std::vector<std::string> sl_lines =
      Polylines(SvgById(html, "chart-service-level"));
  ASSERT_EQ(sl_lines.size(), 3u);
  EXPECT_EQ(PointCount(sl_lines[0]), 10);
  EXPECT_EQ(PointCount(sl_lines[1]), 17);
  EXPECT_EQ(PointCount(sl_lines[2]), 17);

  // Mean wait: 0-19, the lone 21 (a dot, not a line), 23-47; then the
  // abandon rate in the second panel, unbroken.
  const std::vector<std::string> wait_lines =
      Polylines(SvgById(html, "chart-wait-abandon"));
  ASSERT_EQ(wait_lines.size(), 3u);
  EXPECT_EQ(PointCount(wait_lines[0]), 20);
  EXPECT_EQ(PointCount(wait_lines[1]), 25);
  EXPECT_EQ(PointCount(wait_lines[2]), 48);
  EXPECT_NE(SvgById(html, "chart-wait-abandon").find("r=\"2.2\""),
            std::string::npos);
}

TEST(HtmlReportTest, SeriesUndefinedEverywhereDrawsNoLine) {
  Scenario s;
  RunResult r = SyntheticResult(s, 1, Time::Hours(1));
  for (IntervalEstimates& ie : r.intervals) {
    ie.metrics[static_cast<int>(Metric::kServiceLevel)].mean = NAN;
  }
  const std::string html = FormatHtmlReport(r, s);
  ExpectNoNonFiniteCoordinates(html);
  EXPECT_TRUE(Polylines(SvgById(html, "chart-service-level")).empty());
  // The target line is still drawn.
  EXPECT_EQ(Count(SvgById(html, "chart-service-level"), "class=\"ref\""), 1);
}

TEST(HtmlReportTest, NightsWithoutCallsLeaveGapsInARealRun) {
  QueueParams p;
  p.horizon = Time::Days(2);
  p.warmup = Time::Zero();
  p.replications = 2;
  p.calls_per_interval = 40;
  p.agents = 6;
  Scenario s = MakeQueueScenario(p);
  // No calls from 00:00 to 08:00.
  for (int i = 0; i < 16; ++i) s.call_types[0].rate_per_s[i] = 0;
  const std::string html = FormatHtmlReport(RunSmall(s), s);
  ExpectNoNonFiniteCoordinates(html);
  // 08:00-24:00 of each day: two runs of 32 intervals.
  const std::vector<std::string> lines =
      Polylines(SvgById(html, "chart-service-level"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(PointCount(lines[0]), 32);
  EXPECT_EQ(PointCount(lines[1]), 32);
  // The average day has the same 32 defined intervals.
  const std::vector<std::string> day =
      Polylines(SvgById(html, "chart-service-level-day"));
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(PointCount(day[0]), 32);
}

TEST(HtmlReportTest, AgentsChartShowsStaffedBusyAndBreak) {
  const Scenario s = SmallScenario(Time::Hours(6));
  const RunResult r = RunSmall(s);
  const std::string svg = SvgById(FormatHtmlReport(r, s), "chart-agents");
  for (std::string_view label :
       {"Staffed", "Busy (talk + wrap)", "On break or AUX"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  const std::vector<std::string> lines = Polylines(svg);
  ASSERT_EQ(lines.size(), 3u);
  // 9 agents all the time: the staffed line is flat; with a 12-interval
  // horizon every series has 12 points.
  for (const std::string& line : lines) EXPECT_EQ(PointCount(line), 12);
  // The y of every point "x,y" (plain searches: see Polylines).
  std::vector<std::string> ys;
  for (size_t at = lines[0].find(','); at != std::string::npos;
       at = lines[0].find(',', at)) {
    const size_t end = lines[0].find_first_not_of("-0123456789.", at + 1);
    const size_t stop = end == std::string::npos ? lines[0].size() : end;
    if (stop > at + 1) ys.push_back(lines[0].substr(at + 1, stop - at - 1));
    at = stop;
  }
  ASSERT_EQ(ys.size(), 12u);
  for (const std::string& y : ys) EXPECT_EQ(y, ys[0]);
}

TEST(HtmlReportTest, CallFlowShowsTheQueueStepsAndTheStepsTaken) {
  const Scenario s = SmallScenario(Time::Hours(6));
  const std::string html = FormatHtmlReport(RunSmall(s), s);
  const std::string svg = SvgById(html, "chart-call-flow");
  for (std::string_view label :
       {"Reached the queue (offered)", "abandoned in queue",
        "answered within 20s", "answered after 20s"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  // No IVR, trunks, opening hours or repeat calls in this scenario: those
  // steps are named in the note instead.
  EXPECT_EQ(svg.find("Blocked"), std::string::npos);
  EXPECT_NE(html.find("left out: Closed (outside opening hours); Blocked"),
            std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"bar\""), 4);
}

TEST(HtmlReportTest, CallFlowShowsEveryStepAnyCallTook) {
  Scenario s;
  RunResult r = SyntheticResult(s, 1, Time::Hours(1));
  r.call_flow.blocked = {.mean = 3, .ci95 = 0.5, .n = 4};
  r.call_flow.informed = {.mean = 2, .ci95 = 0.5, .n = 4};
  r.call_flow.came_back = {.mean = 12, .ci95 = 1, .n = 4};
  const std::string svg = SvgById(FormatHtmlReport(r, s), "chart-call-flow");
  for (std::string_view label :
       {"Blocked (busy signal)", "Informed by an announcement",
        "Came back (repeat calls)", "12.0 \u00b1 1.0"}) {
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  }
  EXPECT_EQ(svg.find("Left in the IVR"), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"bar\""), 7);
}

TEST(HtmlReportTest, AverageDayForHorizonsOfTwoDaysOrMore) {
  const Scenario s = SmallScenario(Time::Days(3));
  const std::string html = FormatHtmlReport(RunSmall(s), s);
  for (const std::string& id : kIntervalCharts) {
    EXPECT_EQ(Count(html, "id=\"" + id + "\""), 1) << id;
    EXPECT_EQ(Count(html, "id=\"" + id + "-day\""), 1) << id;
  }
  // The horizon spans 02:00 of day 1 to 02:00 of day 4 (144 intervals);
  // the average day has one point per half hour.
  const std::vector<std::string> full =
      Polylines(SvgById(html, "chart-offered-answered"));
  ASSERT_EQ(full.size(), 2u);
  EXPECT_EQ(PointCount(full[0]), 144);
  const std::vector<std::string> day =
      Polylines(SvgById(html, "chart-offered-answered-day"));
  ASSERT_EQ(day.size(), 2u);
  EXPECT_EQ(PointCount(day[0]), 48);
  // All three days are weekdays (1 January 2024 is a Monday): one class.
  EXPECT_NE(html.find("Mon\u2013Fri, 3 days: Calls per 30m interval"),
            std::string::npos);
  EXPECT_EQ(html.find("Saturday, "), std::string::npos);
}

TEST(HtmlReportTest, MonthOfHalfHoursStaysSmallAndReadable) {
  Scenario s;
  const RunResult r = SyntheticResult(s, 31, Time::Minutes(30));
  const std::string html = FormatHtmlReport(r, s);
  // The heatmaps and the per-interval table with tooltips and CIs make it
  // about a megabyte; the line charts stay a small part.
  EXPECT_LT(html.size(), 1'300'000u);
  const std::string svg = SvgById(html, "chart-offered-answered");
  const std::vector<std::string> lines = Polylines(svg);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(PointCount(lines[0]), 31 * 48);
  // Day numbers under the days, dates under the Mondays (2024-01-01 is a
  // Monday), and no more than about 14 markers per series.
  EXPECT_NE(svg.find(">Mon 8 Jan</text>"), std::string::npos);
  EXPECT_NE(svg.find(">31</text>"), std::string::npos);
  EXPECT_EQ(svg.find(">Tue 9 Jan</text>"), std::string::npos);
  EXPECT_LE(Count(svg, "<circle"), 16);
}

// ---- Comparisons ----------------------------------------------------------

// The metrics of the difference chart.
constexpr int kDifferenceRows = 9;

// A comparison of `variants.size()` variants put together by hand from
// real runs, with every difference defined; `significant` says which
// metrics to mark significant.
Comparison HandMadeComparison(const Scenario& base,
                              const std::vector<Scenario>& variants,
                              const std::vector<Metric>& significant) {
  Comparison c;
  c.seed = base.seed;
  c.replications = base.replications;
  c.base_label = "base & co";
  c.base = RunSmall(base);
  for (size_t v = 0; v < variants.size(); ++v) {
    c.variant_results.push_back(RunSmall(variants[v]));
    VariantComparison vc;
    vc.label = "variant <" + std::to_string(v + 1) + ">";
    for (int m = 0; m < kNumMetrics; ++m) {
      PairedEstimate& p = vc.total[m];
      p.base = c.base.total[m];
      p.variant = c.variant_results.back().total[m];
      p.difference = {.mean = p.variant.mean - p.base.mean,
                      .ci95 = 0.01 + 0.001 * m,
                      .n = base.replications};
      for (Metric sig : significant) {
        if (static_cast<int>(sig) == m) p.significant = true;
      }
    }
    c.variants.push_back(vc);
  }
  return c;
}

std::vector<Scenario> MoreAgents(const Scenario& base, int variants) {
  std::vector<Scenario> out;
  for (int v = 1; v <= variants; ++v) {
    Scenario s = base;
    s.name = "variant " + std::to_string(v);
    for (int& a : s.agent_groups[0].staffing) a += v;
    out.push_back(s);
  }
  return out;
}

TEST(HtmlComparisonTest, DifferenceChartHasOneCiBarPerMetricAndVariant) {
  const Scenario base = SmallScenario(Time::Hours(6));
  const std::vector<Scenario> variants = MoreAgents(base, 2);
  const Comparison c =
      HandMadeComparison(base, variants, {Metric::kServiceLevel, Metric::kAsa});
  const std::string html = FormatHtmlComparison(c, base, variants);
  const std::string svg = SvgById(html, "chart-differences");
  ASSERT_FALSE(svg.empty());
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_EQ(Count(svg, "class=\"diff-row\""), kDifferenceRows);
  EXPECT_EQ(Count(svg, "class=\"ci-bar\""), 2 * kDifferenceRows);
  // Service level and ASA are significant, for both variants.
  EXPECT_EQ(Count(svg, "class=\"diff sig\""), 4);
  EXPECT_EQ(Count(svg, "class=\"diff\""), 2 * kDifferenceRows - 4);
  // Variants in the legend, escaped.
  EXPECT_NE(svg.find("variant &lt;1&gt; \u2212 base"), std::string::npos);
  EXPECT_NE(svg.find("variant &lt;2&gt; \u2212 base"), std::string::npos);
}

TEST(HtmlComparisonTest, UndefinedCiDrawsNoBar) {
  const Scenario base = SmallScenario(Time::Hours(6));
  const std::vector<Scenario> variants = MoreAgents(base, 1);
  Comparison c = HandMadeComparison(base, variants, {});
  c.variants[0].total[static_cast<int>(Metric::kAsa)].difference.ci95 = NAN;
  c.variants[0].total[static_cast<int>(Metric::kOccupancy)].difference = {
      .mean = NAN, .ci95 = NAN, .n = 0};
  const std::string html = FormatHtmlComparison(c, base, variants);
  const std::string svg = SvgById(html, "chart-differences");
  EXPECT_EQ(Count(svg, "class=\"ci-bar\""), kDifferenceRows - 2);
  EXPECT_NE(svg.find(">undefined</text>"), std::string::npos);
  ExpectNoNonFiniteCoordinates(html);
}

TEST(HtmlComparisonTest, TableMarksSignificantDifferences) {
  const Scenario base = SmallScenario(Time::Hours(6));
  const std::vector<Scenario> variants = MoreAgents(base, 1);
  Comparison c = HandMadeComparison(base, variants,
                                    {Metric::kServiceLevel, Metric::kAnswered});
  PairedEstimate& sl =
      c.variants[0].total[static_cast<int>(Metric::kServiceLevel)];
  sl.base.mean = 0.8125;
  sl.variant.mean = 0.85;
  sl.difference = {.mean = 0.0375, .ci95 = 0.0052, .n = 3};
  const std::string html = FormatHtmlComparison(c, base, variants);
  const size_t table = html.find("<table id=\"comparison-table\">");
  ASSERT_NE(table, std::string::npos);
  const std::string t =
      html.substr(table, html.find("</table>", table) - table);
  EXPECT_EQ(Count(t, "class=\"num diff sig\""), 2);
  // The difference may break before the "\u00b1", nowhere else.
  EXPECT_NE(t.find("<td class=\"num\">85.0%</td><td class=\"num diff sig\">"
                   "+3.75 \u00b1&nbsp;0.52&nbsp;pp *</td>"),
            std::string::npos);
  EXPECT_NE(t.find("Base<br>base &amp; co"), std::string::npos);
  EXPECT_NE(t.find("variant &lt;1&gt;"), std::string::npos);
}

TEST(HtmlComparisonTest, OverlaysBaseAndVariantsInEveryIntervalChart) {
  const Scenario base = SmallScenario(Time::Days(2));
  const std::vector<Scenario> variants = MoreAgents(base, 2);
  const Comparison c = HandMadeComparison(base, variants, {});
  const std::string html = FormatHtmlComparison(c, base, variants);
  // Panels per chart: offered and answered; one; wait and abandonment;
  // staffed, busy and break. Each panel has one series per scenario.
  const std::vector<int> panels = {2, 1, 2, 3};
  for (size_t i = 0; i < kIntervalCharts.size(); ++i) {
    for (const std::string& id :
         {kIntervalCharts[i], kIntervalCharts[i] + "-day"}) {
      const std::string svg = SvgById(html, id);
      ASSERT_FALSE(svg.empty()) << id;
      EXPECT_EQ(Count(svg, "class=\"series\""), 3 * panels[i]) << id;
      EXPECT_NE(svg.find(">base &amp; co</text>"), std::string::npos) << id;
      EXPECT_NE(svg.find(">variant &lt;2&gt;</text>"), std::string::npos) << id;
    }
  }
  // Three groups of bars in the call flow (4 queue steps each).
  EXPECT_EQ(Count(SvgById(html, "chart-call-flow"), "class=\"bar\""), 12);
}

TEST(HtmlComparisonTest, MonthWithThreeVariantsStaysUnderTwoMegabytes) {
  Scenario base;
  const RunResult r = SyntheticResult(base, 31, Time::Minutes(30));
  Comparison c;
  c.seed = 3;
  c.replications = 4;
  c.base_label = "base";
  c.base = r;
  std::vector<Scenario> variants(3, base);
  for (int v = 0; v < 3; ++v) {
    c.variant_results.push_back(r);
    VariantComparison vc;
    vc.label = "variant " + std::to_string(v);
    c.variants.push_back(vc);
  }
  const std::string html = FormatHtmlComparison(c, base, variants);
  EXPECT_LT(html.size(), 2'000'000u);
  EXPECT_EQ(Polylines(SvgById(html, "chart-agents")).size(), 3u * 4u);
}

// Through the real CompareScenarios (common random numbers).
TEST(HtmlComparisonTest, ReportsACompareScenariosResult) {
  const Scenario base = SmallScenario(Time::Hours(8));
  const std::vector<Scenario> variants = MoreAgents(base, 1);
  CompareOptions options;
  options.threads = 2;
  options.labels = {"now", "plus one"};
  absl::StatusOr<Comparison> c = CompareScenarios(base, variants, options);
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string html = FormatHtmlComparison(*c, base, variants);
  EXPECT_NE(html.find("<h1>ccsim comparison: now vs plus one</h1>"),
            std::string::npos);
  const std::string svg = SvgById(html, "chart-differences");
  EXPECT_EQ(Count(svg, "class=\"diff-row\""), kDifferenceRows);
  // One more agent answers more calls: at least that is significant.
  EXPECT_GE(Count(svg, "class=\"diff sig\""), 1);
  ExpectNoNonFiniteCoordinates(html);
}

}  // namespace
}  // namespace ccsim
