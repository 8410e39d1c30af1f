// The output formats, pinned on a small hand-made result.
#include "ccsim/report.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace ccsim {
namespace {

RunResult TinyResult(Scenario& s) {
  s.name = "tiny \"q\"";
  s.horizon = Time::Hours(1);
  s.warmup = Time::Zero();
  s.interval = Time::Minutes(30);
  RunResult r;
  r.scenario = s.name;
  r.seed = 5;
  r.replications = 2;
  for (Estimate& e : r.total) e = Estimate{.mean = 0.5, .ci95 = 0.25, .n = 2};
  r.total[static_cast<int>(Metric::kAsa)] =
      Estimate{.mean = std::nan(""), .ci95 = std::nan(""), .n = 0};
  for (const char* start : {"00:00", "00:30"}) {
    IntervalEstimates ie;
    ie.day = 1;
    ie.start = start;
    ie.metrics = r.total;
    r.intervals.push_back(ie);
  }
  r.call_types.push_back({"general", r.total});
  r.agent_groups.push_back({"a,b", r.total});
  r.call_flow.closed = Estimate{.mean = 2, .ci95 = 0.5, .n = 2};
  r.call_flow.offered = Estimate{.mean = 80, .ci95 = 1.5, .n = 2};
  r.call_flow.came_back = Estimate{.mean = 12.5, .ci95 = 1, .n = 2};
  return r;
}

// TinyResult with per-group intervals: break_share 0.1 in the first
// interval and 0.3 in the second.
RunResult TinyResultWithGroupIntervals(Scenario& s) {
  RunResult r = TinyResult(s);
  r.agent_group_intervals.resize(1);
  for (const IntervalEstimates& ie : r.intervals) {
    r.agent_group_intervals[0].push_back(ie);
  }
  const int k = static_cast<int>(Metric::kBreakShare);
  r.agent_group_intervals[0][0].metrics[k] = {
      .mean = 0.1, .ci95 = 0.01, .n = 2};
  r.agent_group_intervals[0][1].metrics[k] = {
      .mean = 0.3, .ci95 = 0.02, .n = 2};
  return r;
}

// {"k1": {"mean": 0.5, "ci95": 0.25, "n": 2}, "k2": ...}: TinyResult's metrics.
std::string HalfQuarter(const std::vector<std::string>& keys) {
  std::string out = "{";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    out += "\"" + keys[i] + "\": {\"mean\": 0.5, \"ci95\": 0.25, \"n\": 2}";
  }
  return out + "}";
}

// The agent-time metrics, in key order (docs/metrics.md).
const std::vector<std::string> kAgentTimeKeys = {
    "occupancy",    "staffed_hours",   "utilisation",      "break_share",
    "talk_hours",   "wrap_hours",      "break_hours",      "aux_hours",
    "idle_hours",   "available_hours", "breaks_postponed", "breaks_forced",
    "overrun_hours"};

// What an agent group reports: the agent-time metrics and the calls it
// answered, in key order.
const std::vector<std::string> kAgentGroupKeys = {"answered",
                                                  "occupancy",
                                                  "aht_s",
                                                  "staffed_hours",
                                                  "misrouted",
                                                  "transferred",
                                                  "fcr",
                                                  "utilisation",
                                                  "break_share",
                                                  "talk_hours",
                                                  "wrap_hours",
                                                  "break_hours",
                                                  "aux_hours",
                                                  "idle_hours",
                                                  "available_hours",
                                                  "breaks_postponed",
                                                  "breaks_forced",
                                                  "overrun_hours",
                                                  "callbacks_completed",
                                                  "callback_dials",
                                                  "callback_hours",
                                                  "follow_ups_done",
                                                  "follow_up_dials",
                                                  "follow_up_hours"};

int CountLines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

bool EndsWith(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

TEST(ReportTest, JsonIsExact) {
  Scenario s;
  RunResult r = TinyResult(s);
  const std::string json = FormatJson(r, s);
  const std::string head =
      "{\"scenario\": \"tiny \\\"q\\\"\", \"seed\": 5, \"replications\": "
      "2, \"horizon\": \"1h\", \"warmup\": \"0s\", \"interval\": "
      "\"30m\", \"service_level_threshold_s\": 20, "
      "\"service_level_target\": 0.8, \"short_abandon_s\": 5,\n\"metrics\": ";
  EXPECT_EQ(json.substr(0, head.size()), head);
  EXPECT_NE(json.find("\"asa_s\": {\"mean\": null, \"ci95\": null, \"n\": 0}"),
            std::string::npos);
  EXPECT_NE(json.find("\"offered\": {\"mean\": 0.5, \"ci95\": 0.25, \"n\": 2}"),
            std::string::npos);
  EXPECT_NE(json.find("\n{\"day\": 1, \"date\": \"2024-01-01\", \"start\": "
                      "\"00:30\", \"metrics\": {"),
            std::string::npos);
  // Agent groups list only their 24 metrics; no per-group intervals
  // without them in the result.
  EXPECT_NE(json.find("\"a,b\": {\"metrics\": " + HalfQuarter(kAgentGroupKeys) +
                      "}}\n}\n"),
            std::string::npos)
      << json;
  // The call flow follows the totals.
  EXPECT_NE(
      json.find(
          "\"follow_up_hours\": {\"mean\": 0.5, \"ci95\": 0.25, \"n\": 2}},\n"
          "\"call_flow\": {\"per\": 100, \"closed\": {\"mean\": 2, "
          "\"ci95\": 0.5, \"n\": 2}, \"blocked\": {\"mean\": 0, \"ci95\": 0, "
          "\"n\": 0}, "),
      std::string::npos)
      << json;
  EXPECT_NE(
      json.find("\"offered\": {\"mean\": 80, \"ci95\": 1.5, \"n\": 2}, "
                "\"abandoned\": {\"mean\": 0, \"ci95\": 0, \"n\": 0}, "
                "\"answered_within\": {\"mean\": 0, \"ci95\": 0, \"n\": 0}, "
                "\"answered_after\": {\"mean\": 0, \"ci95\": 0, \"n\": 0}, "
                "\"came_back\": {\"mean\": 12.5, \"ci95\": 1, \"n\": 2}},\n"
                "\"intervals\": [\n"),
      std::string::npos)
      << json;
  // Call types have no agent metrics: the first "occupancy" after the call
  // type is the agent group's.
  const size_t general = json.find("\"general\"");
  ASSERT_NE(general, std::string::npos);
  EXPECT_EQ(json.find("occupancy", general),
            json.find("occupancy", json.find("\"a,b\"")));
  EXPECT_EQ(json.back(), '\n');
}

TEST(ReportTest, CsvIsTidyAndQuoted) {
  Scenario s;
  RunResult r = TinyResult(s);
  const std::string csv = FormatCsv(r, s);
  EXPECT_EQ(csv.substr(0, csv.find('\n', csv.find('\n') + 1) + 1),
            "scope,name,day,start,metric,mean,ci95,n,date\n"
            "total,,,,offered,0.5,0.25,2,\n");
  EXPECT_NE(csv.find("\ntotal,,,,asa_s,,,0,\n"), std::string::npos);
  EXPECT_NE(csv.find("\ninterval,,1,00:30,answer_rate,0.5,0.25,2,2024-01-01\n"),
            std::string::npos);
  EXPECT_NE(csv.find("\ncall_type,general,,,service_level,0.5,0.25,2,\n"),
            std::string::npos);
  EXPECT_NE(csv.find("\nagent_group,\"a,b\",,,occupancy,0.5,0.25,2,\n"),
            std::string::npos);
  // The call flow follows the total rows.
  EXPECT_NE(csv.find("\ntotal,,,,follow_up_hours,0.5,0.25,2,\n"
                     "call_flow,per_100,,,closed,2,0.5,2,\n"
                     "call_flow,per_100,,,blocked,0,0,0,\n"),
            std::string::npos);
  EXPECT_NE(csv.find("\ncall_flow,per_100,,,came_back,12.5,1,2,\n"
                     "interval,,1,00:00,offered,0.5,0.25,2,2024-01-01\n"),
            std::string::npos);
  // Header + 66 total + 11 call flow + 2 x 66 interval + 52 call type (all
  // but the 13 agent-time metrics and follow_up_backlog) + 24 group rows.
  EXPECT_EQ(CountLines(csv), 1 + 66 + 11 + 132 + 52 + 24);
}

TEST(ReportTest, TableShowsPercentagesAndDashes) {
  Scenario s;
  RunResult r = TinyResult(s);
  const std::string table = FormatTable(r, s);
  EXPECT_NE(table.find("  answer_rate                        50.00%         "
                       "25.00%\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("  asa_s                                   -          "
                       "    -\n"),
            std::string::npos)
      << table;
}

TEST(ReportTest, TableShowsTheCallFlow) {
  Scenario s;
  RunResult r = TinyResult(s);
  const std::string table = FormatTable(r, s);
  const size_t flow = table.find("\ncall flow (per 100 calls)\n");
  ASSERT_NE(flow, std::string::npos) << table;
  // After the totals, before the agent group.
  EXPECT_LT(table.find("\ntotal\n"), flow);
  EXPECT_LT(flow, table.find("\nagent group a,b\n"));
  EXPECT_NE(table.find("  closed (outside hours)               2.00           "
                       "0.50\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("  reached the queue                   80.00           "
                       "1.50\n"
                       "    abandoned in queue                 0.00           "
                       "0.00\n"
                       "    answered within 20s                0.00           "
                       "0.00\n"
                       "    answered after 20s                 0.00           "
                       "0.00\n"
                       "  came back (repeat calls)            12.50           "
                       "1.00\n"),
            std::string::npos)
      << table;
  // Without per-group intervals there is no peak.
  EXPECT_EQ(table.find("peak break_share"), std::string::npos);
}

TEST(ReportTest, AgentGroupIntervals) {
  Scenario s;
  RunResult r = TinyResultWithGroupIntervals(s);
  const std::string json = FormatJson(r, s);
  std::string group =
      "\"a,b\": {\"metrics\": " + HalfQuarter(kAgentGroupKeys) +
      ", \"intervals\": [\n{\"day\": 1, \"date\": \"2024-01-01\", \"start\": "
      "\"00:00\", "
      "\"metrics\": {\"occupancy\": {\"mean\": 0.5, \"ci95\": "
      "0.25, \"n\": 2}, \"staffed_hours\": {\"mean\": 0.5, \"ci95\": 0.25, "
      "\"n\": 2}, "
      "\"utilisation\": {\"mean\": 0.5, \"ci95\": 0.25, \"n\": 2}, "
      "\"break_share\": {\"mean\": 0.1, \"ci95\": 0.01, \"n\": 2}, ";
  EXPECT_NE(json.find(group), std::string::npos) << json;
  EXPECT_NE(
      json.find(
          "\"overrun_hours\": {\"mean\": 0.5, \"ci95\": 0.25, \"n\": 2}}},\n"
          "{\"day\": 1, \"date\": \"2024-01-01\", \"start\": \"00:30\", "
          "\"metrics\": "
          "{\"occupancy\": "),
      std::string::npos)
      << json;
  EXPECT_TRUE(EndsWith(
      json,
      "\"overrun_hours\": {\"mean\": 0.5, \"ci95\": 0.25, \"n\": 2}}}]}}\n}\n"))
      << json;

  const std::string csv = FormatCsv(r, s);
  EXPECT_NE(csv.find("\nagent_group_interval,\"a,b\",1,00:30,break_share,0.3,"
                     "0.02,2,2024-01-01\n"),
            std::string::npos);
  // 13 agent-time metrics in each of the two intervals, after the others.
  EXPECT_EQ(CountLines(csv), 1 + 66 + 11 + 132 + 52 + 24 + 2 * 13);
  EXPECT_TRUE(EndsWith(csv,
                       "\nagent_group_interval,\"a,b\",1,00:30,overrun_hours,0."
                       "5,0.25,2,2024-01-01\n"))
      << csv;

  // The table names the peak interval only.
  const std::string table = FormatTable(r, s);
  EXPECT_NE(
      table.find("  peak break_share: 30.00% (±2.00%) on day 1 at 00:30\n"),
      std::string::npos)
      << table;
}

// A barely staffed interval (a few agent-seconds after closing) is not the
// peak, however high its share.
TEST(ReportTest, PeakIgnoresBarelyStaffedIntervals) {
  Scenario s;
  RunResult r = TinyResultWithGroupIntervals(s);
  const int staffed = static_cast<int>(Metric::kStaffedHours);
  r.agent_group_intervals[0][0].metrics[staffed] = {
      .mean = 10, .ci95 = 0.1, .n = 2};
  r.agent_group_intervals[0][1].metrics[staffed] = {
      .mean = 0.005, .ci95 = 0.001, .n = 2};
  const std::string table = FormatTable(r, s);
  EXPECT_NE(
      table.find("  peak break_share: 10.00% (±1.00%) on day 1 at 00:00\n"),
      std::string::npos)
      << table;
}

TEST(ReportTest, FoundationSelectionGivesTheFoundationShape) {
  Scenario s;
  RunResult r = TinyResultWithGroupIntervals(s);
  ReportOptions options;
  options.metrics = FoundationMetrics();
  options.analyst_fields = false;  // the foundation's bytes
  const std::string json = FormatJson(r, s, options);
  EXPECT_EQ(json.find("call_flow"), std::string::npos);
  EXPECT_EQ(json.find("utilisation"), std::string::npos);
  EXPECT_NE(json.find("\n\"metrics\": {\"offered\": "), std::string::npos);
  // As the foundation wrote an agent group: four metrics, no intervals.
  EXPECT_NE(json.find("\"a,b\": {\"metrics\": {\"answered\": {\"mean\": 0.5, "
                      "\"ci95\": 0.25}, \"occupancy\": {\"mean\": 0.5, "
                      "\"ci95\": 0.25}, \"aht_s\": {\"mean\": 0.5, \"ci95\": "
                      "0.25}, \"staffed_hours\": {\"mean\": 0.5, \"ci95\": "
                      "0.25}}}}\n}\n"),
            std::string::npos)
      << json;
  const std::string csv = FormatCsv(r, s, options);
  EXPECT_EQ(csv.find("call_flow"), std::string::npos);
  EXPECT_EQ(csv.find("agent_group_interval"), std::string::npos);
  // 14 total + 2 x 14 interval + 12 call type + 4 group rows + header.
  EXPECT_EQ(CountLines(csv), 1 + 14 + 28 + 12 + 4);
  const std::string table = FormatTable(r, s, options);
  EXPECT_EQ(table.find("call flow"), std::string::npos);
  EXPECT_EQ(table.find("break_share"), std::string::npos);
  EXPECT_EQ(table,
            FormatTable(r, s,
                        ReportOptions{.metrics = *ParseMetricList(
                                          "offered,answered,abandoned,"
                                          "answer_rate,abandon_rate,"
                                          "service_level,service_level_"
                                          "answered,service_level_excl_"
                                          "short,asa_s,mean_wait_s,p_wait,"
                                          "occupancy,aht_s,staffed_hours")}));
}

TEST(ReportTest, SelectionKeepsOrderAndScopes) {
  Scenario s;
  RunResult r = TinyResultWithGroupIntervals(s);
  // Listed out of order and with spaces: the output keeps the key order.
  absl::StatusOr<MetricSet> metrics =
      ParseMetricList("break_share, service_level,occupancy");
  ASSERT_TRUE(metrics.ok()) << metrics.status();
  ReportOptions options{.metrics = *metrics};
  EXPECT_FALSE(options.ShowsCallFlow());
  EXPECT_TRUE(options.ShowsAgentGroupIntervals());
  const std::string json = FormatJson(r, s, options);
  EXPECT_NE(
      json.find("\"metrics\": " +
                HalfQuarter({"service_level", "occupancy", "break_share"}) +
                ",\n\"intervals\": [\n"),
      std::string::npos)
      << json;
  // Call types have no agent metrics; groups no service level.
  EXPECT_NE(json.find("\"general\": {\"metrics\": " +
                      HalfQuarter({"service_level"}) + "}"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find("\"a,b\": {\"metrics\": " +
                      HalfQuarter({"occupancy", "break_share"}) +
                      ", \"intervals\": [\n{\"day\": 1, \"date\": "
                      "\"2024-01-01\", \"start\": \"00:00\", "
                      "\"metrics\": {\"occupancy\": {\"mean\": 0.5, \"ci95\": "
                      "0.25, \"n\": 2}, \"break_share\": {\"mean\": 0.1, "
                      "\"ci95\": 0.01, \"n\": 2}}}"),
            std::string::npos)
      << json;
  const std::string csv = FormatCsv(r, s, options);
  // 3 total + 2 x 3 interval + 1 call type + 2 group + 2 x 2 group interval.
  EXPECT_EQ(CountLines(csv), 1 + 3 + 6 + 1 + 2 + 4) << csv;

  // `calls` brings the call flow.
  options.metrics = *ParseMetricList("calls");
  EXPECT_NE(FormatJson(r, s, options).find("\"call_flow\": {\"per\": 100, "),
            std::string::npos);
  EXPECT_NE(
      FormatCsv(r, s, options).find("\ncall_flow,per_100,,,closed,2,0.5,2,\n"),
      std::string::npos);
  EXPECT_NE(FormatTable(r, s, options).find("call flow (per 100 calls)"),
            std::string::npos);
}

TEST(ReportTest, ParsesMetricLists) {
  EXPECT_EQ(*ParseMetricList("offered"), MetricSet().set(0));
  absl::StatusOr<MetricSet> all = ParseMetricList(
      "offered,answered,abandoned,answer_rate,abandon_rate,service_level,"
      "service_level_answered,service_level_excl_short,asa_s,mean_wait_s,"
      "p_wait,occupancy,aht_s,staffed_hours");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, FoundationMetrics());
  EXPECT_EQ(FoundationMetrics().count(), 14u);
  EXPECT_EQ(AllMetrics().count(), static_cast<size_t>(kNumMetrics));
  EXPECT_EQ(*ParseMetricList("calls,calls"), MetricSet().set(14));

  const std::string typo(
      ParseMetricList("offered,ocupancy").status().message());
  EXPECT_EQ(typo.rfind("unknown metric 'ocupancy'; expected one of: offered, "
                       "answered, abandoned, ",
                       0),
            0u)
      << typo;
  EXPECT_NE(typo.find(", follow_up_hours (did you mean 'occupancy'?)"),
            std::string::npos)
      << typo;
  const std::string far(ParseMetricList("xyzzy").status().message());
  EXPECT_EQ(far.find("did you mean"), std::string::npos) << far;
  for (const char* bad : {"", "offered,", ",offered", "offered,,answered"}) {
    absl::StatusOr<MetricSet> m = ParseMetricList(bad);
    EXPECT_FALSE(m.ok()) << bad;
    EXPECT_NE(std::string(m.status().message()).find("empty metric name"),
              std::string::npos)
        << m.status();
  }
}

TEST(ReportTest, ParsesFormats) {
  EXPECT_EQ(*ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(*ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_EQ(*ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(std::string(ParseOutputFormat("JSON").status().message()),
            "unknown format 'JSON'; expected one of: table, json, csv");
}

}  // namespace
}  // namespace ccsim
