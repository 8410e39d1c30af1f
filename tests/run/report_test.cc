// The output formats, pinned on a small hand-made result.
#include "ccsim/report.h"

#include <cmath>
#include <string>

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
  return r;
}

TEST(ReportTest, JsonIsExact) {
  Scenario s;
  RunResult r = TinyResult(s);
  const std::string json = FormatJson(r, s);
  const std::string head =
      "{\"scenario\": \"tiny \\\"q\\\"\", \"seed\": 5, \"replications\": "
      "2, \"horizon\": \"1h\", \"warmup\": \"0s\", \"interval\": "
      "\"30m\", \"service_level_threshold_s\": 20, "
      "\"short_abandon_s\": 5,\n\"metrics\": ";
  EXPECT_EQ(json.substr(0, head.size()), head);
  EXPECT_NE(json.find("\"asa_s\": {\"mean\": null, \"ci95\": null}"),
            std::string::npos);
  EXPECT_NE(json.find("\"offered\": {\"mean\": 0.5, \"ci95\": 0.25}"),
            std::string::npos);
  EXPECT_NE(json.find("\n{\"day\": 1, \"start\": \"00:30\", \"metrics\": {"),
            std::string::npos);
  // Agent groups list only their four metrics.
  EXPECT_NE(json.find("\"a,b\": {\"metrics\": {\"answered\": {\"mean\": 0.5, "
                      "\"ci95\": 0.25}, \"occupancy\": {\"mean\": 0.5, "
                      "\"ci95\": 0.25}, \"aht_s\": {\"mean\": 0.5, \"ci95\": "
                      "0.25}, \"staffed_hours\": {\"mean\": 0.5, \"ci95\": "
                      "0.25}}}"),
            std::string::npos);
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
            "scope,name,day,start,metric,mean,ci95\n"
            "total,,,,offered,0.5,0.25\n");
  EXPECT_NE(csv.find("\ntotal,,,,asa_s,,\n"), std::string::npos);
  EXPECT_NE(csv.find("\ninterval,,1,00:30,answer_rate,0.5,0.25\n"),
            std::string::npos);
  EXPECT_NE(csv.find("\ncall_type,general,,,service_level,0.5,0.25\n"),
            std::string::npos);
  EXPECT_NE(csv.find("\nagent_group,\"a,b\",,,occupancy,0.5,0.25\n"),
            std::string::npos);
  // 14 total + 2 x 14 interval + 12 call type + 4 group rows + header.
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 14 + 28 + 12 + 4);
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

TEST(ReportTest, ParsesFormats) {
  EXPECT_EQ(*ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(*ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_EQ(*ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(std::string(ParseOutputFormat("JSON").status().message()),
            "unknown format 'JSON'; expected one of: table, json, csv");
}

}  // namespace
}  // namespace ccsim
