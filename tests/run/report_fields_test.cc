// The analyst additions to the JSON and CSV: each interval's
// calendar date, each estimate's `n`, the service-level target, the values
// of each replication, the scope selection, and the old shape on request.
// The rest of the formats is pinned in report_test.cc.
#include <algorithm>
#include <string>
#include <vector>

#include "ccsim/report.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

// Two intervals across midnight (day 1 at 23:30, day 2 at 00:00) of a
// scenario whose calendar starts on 2025-12-31; every estimate has n = 3.
RunResult TwoDays(Scenario& s) {
  s.name = "two days";
  s.calendar.start_date = {.year = 2025, .month = 12, .day = 31};
  s.service_level.target = 0.9;
  s.interval = Time::Minutes(30);
  RunResult r;
  r.scenario = s.name;
  r.seed = 1;
  r.replications = 3;
  for (Estimate& e : r.total) e = Estimate{.mean = 4, .ci95 = 1, .n = 3};
  r.intervals.push_back({.day = 1, .start = "23:30", .metrics = r.total});
  r.intervals.push_back({.day = 2, .start = "00:00", .metrics = r.total});
  r.call_types.push_back({"general", r.total});
  r.agent_groups.push_back({"team", r.total});
  r.agent_group_intervals = {r.intervals};
  return r;
}

int CountLines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ReportFieldsTest, IntervalsHaveCalendarDates) {
  Scenario s;
  const RunResult r = TwoDays(s);
  const std::string json = FormatJson(r, s);
  EXPECT_TRUE(Has(json,
                  "\n{\"day\": 1, \"date\": \"2025-12-31\", \"start\": "
                  "\"23:30\", \"metrics\": {\"offered\": "))
      << json;
  EXPECT_TRUE(Has(json,
                  "\n{\"day\": 2, \"date\": \"2026-01-01\", \"start\": "
                  "\"00:00\", \"metrics\": {\"offered\": "))
      << json;
  // The agent groups' intervals too.
  EXPECT_TRUE(Has(json,
                  ", \"intervals\": [\n{\"day\": 1, \"date\": "
                  "\"2025-12-31\", \"start\": \"23:30\", \"metrics\": "
                  "{\"occupancy\": "))
      << json;
  const std::string csv = FormatCsv(r, s);
  EXPECT_TRUE(Has(csv, "\ninterval,,2,00:00,offered,4,1,3,2026-01-01\n"));
  EXPECT_TRUE(Has(csv,
                  "\nagent_group_interval,team,1,23:30,occupancy,4,1,3,"
                  "2025-12-31\n"));
  // Other scopes leave the date empty.
  EXPECT_TRUE(Has(csv, "\ncall_type,general,,,offered,4,1,3,\n"));
}

TEST(ReportFieldsTest, EstimatesHaveN) {
  Scenario s;
  RunResult r = TwoDays(s);
  r.total[static_cast<int>(Metric::kAsa)] = {.mean = 9, .ci95 = 2, .n = 2};
  r.call_flow.closed = {.mean = 5, .ci95 = 0.5, .n = 3};
  const std::string json = FormatJson(r, s);
  EXPECT_TRUE(Has(json, "\"asa_s\": {\"mean\": 9, \"ci95\": 2, \"n\": 2}"));
  EXPECT_TRUE(Has(json,
                  "\"call_flow\": {\"per\": 100, \"closed\": {\"mean\": "
                  "5, \"ci95\": 0.5, \"n\": 3}, "))
      << json;
  const std::string csv = FormatCsv(r, s);
  EXPECT_EQ(csv.substr(0, csv.find('\n') + 1),
            "scope,name,day,start,metric,mean,ci95,n,date\n");
  EXPECT_TRUE(Has(csv, "\ntotal,,,,asa_s,9,2,2,\n"));
  EXPECT_TRUE(Has(csv, "\ncall_flow,per_100,,,closed,5,0.5,3,\n"));
}

TEST(ReportFieldsTest, HeaderHasTheServiceLevelTarget) {
  Scenario s;
  const RunResult r = TwoDays(s);
  EXPECT_TRUE(Has(FormatJson(r, s),
                  "\"service_level_threshold_s\": 20, \"service_level_target\""
                  ": 0.9, \"short_abandon_s\": 5,\n\"metrics\": "));
}

TEST(ReportFieldsTest, WithoutAnalystFieldsTheOldShape) {
  Scenario s;
  const RunResult r = TwoDays(s);
  ReportOptions old;
  old.analyst_fields = false;
  const std::string json = FormatJson(r, s, old);
  EXPECT_FALSE(Has(json, "\"date\""));
  EXPECT_FALSE(Has(json, "\"n\""));
  EXPECT_FALSE(Has(json, "service_level_target"));
  EXPECT_TRUE(Has(json,
                  "\"service_level_threshold_s\": 20, "
                  "\"short_abandon_s\": 5,\n\"metrics\": {\"offered\": "
                  "{\"mean\": 4, \"ci95\": 1}, "));
  const std::string csv = FormatCsv(r, s, old);
  EXPECT_EQ(csv.substr(0, csv.find('\n') + 1),
            "scope,name,day,start,metric,mean,ci95\n");
  EXPECT_TRUE(Has(csv, "\ninterval,,2,00:00,offered,4,1\n"));
  // The same rows as with them, less the last two columns.
  EXPECT_EQ(CountLines(csv), CountLines(FormatCsv(r, s)));
}

TEST(ReportFieldsTest, PerReplicationValues) {
  Scenario s;
  RunResult r = TwoDays(s);
  r.per_replication.resize(3);
  for (int k = 0; k < 3; ++k) {
    r.per_replication[k].total[Metric::kOffered] = 100 + k;
    r.per_replication[k].call_types.resize(1);
    r.per_replication[k].call_types[0][Metric::kOffered] = 10 + k;
  }
  ReportOptions options;
  options.metrics = *ParseMetricList("offered,asa_s");
  options.per_replication = true;
  const std::string json = FormatJson(r, s, options);
  EXPECT_TRUE(
      Has(json,
          ",\n\"per_replication\": [\n"
          "{\"replication\": 1, \"metrics\": {\"offered\": 100, "
          "\"asa_s\": null}, \"call_types\": {\"general\": {\"offered\": "
          "10, \"asa_s\": null}}},\n"
          "{\"replication\": 2, \"metrics\": {\"offered\": 101, "
          "\"asa_s\": null}, \"call_types\": {\"general\": {\"offered\": "
          "11, \"asa_s\": null}}},\n"
          "{\"replication\": 3, \"metrics\": {\"offered\": 102, "
          "\"asa_s\": null}, \"call_types\": {\"general\": {\"offered\": "
          "12, \"asa_s\": null}}}]\n}\n"))
      << json;
  const std::string csv = FormatCsv(r, s, options);
  EXPECT_TRUE(Has(csv,
                  "\nreplication,1,,,offered,100,,,\n"
                  "replication,1,,,asa_s,,,,\n"
                  "replication,2,,,offered,101,,,\n"))
      << csv;
  EXPECT_EQ(CountLines(csv.substr(csv.find("\nreplication,") + 1)), 6);
  // Not unless asked for.
  EXPECT_FALSE(Has(FormatJson(r, s), "per_replication"));
  EXPECT_FALSE(Has(FormatCsv(r, s), "\nreplication,"));
}

TEST(ReportFieldsTest, ScopesSelectTheSections) {
  Scenario s;
  const RunResult r = TwoDays(s);
  ReportOptions options;
  options.metrics = *ParseMetricList("offered,calls");
  options.scopes = *ParseScopeList("total, call_type");
  const std::string json = FormatJson(r, s, options);
  EXPECT_EQ(json,
            "{\"scenario\": \"two days\", \"seed\": 1, \"replications\": 3, "
            "\"horizon\": \"1d\", \"warmup\": \"0s\", \"interval\": \"30m\", "
            "\"service_level_threshold_s\": 20, \"service_level_target\": 0.9, "
            "\"short_abandon_s\": 5,\n"
            "\"metrics\": {\"offered\": {\"mean\": 4, \"ci95\": 1, \"n\": 3}, "
            "\"calls\": {\"mean\": 4, \"ci95\": 1, \"n\": 3}},\n"
            "\"call_types\": {\n\"general\": {\"metrics\": {\"offered\": "
            "{\"mean\": 4, \"ci95\": 1, \"n\": 3}, \"calls\": {\"mean\": 4, "
            "\"ci95\": 1, \"n\": 3}}}}\n}\n");
  EXPECT_EQ(FormatCsv(r, s, options),
            "scope,name,day,start,metric,mean,ci95,n,date\n"
            "total,,,,offered,4,1,3,\n"
            "total,,,,calls,4,1,3,\n"
            "call_type,general,,,offered,4,1,3,\n"
            "call_type,general,,,calls,4,1,3,\n");
  // The agent groups' intervals need both of their scopes.
  options.metrics = AllMetrics();
  options.scopes = *ParseScopeList("agent_group");
  EXPECT_FALSE(Has(FormatJson(r, s, options), "\"intervals\""));
  EXPECT_FALSE(Has(FormatCsv(r, s, options), "agent_group_interval"));
  options.scopes = *ParseScopeList("agent_group,interval");
  EXPECT_TRUE(Has(FormatCsv(r, s, options), "agent_group_interval"));
  // The table: the totals only.
  options.scopes = *ParseScopeList("total");
  const std::string table = FormatTable(r, s, options);
  EXPECT_TRUE(Has(table, "\ntotal\n"));
  EXPECT_FALSE(Has(table, "call flow"));
  EXPECT_FALSE(Has(table, "agent group team"));
}

TEST(ReportFieldsTest, ParsesScopeLists) {
  EXPECT_EQ(*ParseScopeList("total"), SweepScopes().set(0));
  EXPECT_EQ(
      ParseScopeList("total,call_flow,interval,call_type,agent_group")->count(),
      5u);
  EXPECT_EQ(std::string(ParseScopeList("total,intervals").status().message()),
            "unknown scope 'intervals'; expected one of: total, call_flow, "
            "interval, call_type, agent_group (did you mean 'interval'?)");
  EXPECT_EQ(std::string(ParseScopeList("total,").status().message()),
            "empty scope name in 'total,'; expected comma-separated scopes: "
            "total, call_flow, interval, call_type, agent_group");
}

}  // namespace
}  // namespace ccsim
