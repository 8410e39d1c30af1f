// ccsim fit from interval reports alone: arrivals and AHT straight from
// the report, patience by Erlang A inversion, recovered from a report made
// of one simulated replication's own per-interval figures.
#include <cstdio>
#include <string>

#include "absl/status/statusor.h"
#include "ccsim/fit.h"
#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"
#include "fmt/format.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

std::string Write(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "ccsim_interval_fit_" + name;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

TEST(IntervalFitTest, ErlangAInversionRecoversPatience) {
  // Erlang A: 100 calls per half hour, AHT 180 s, 7 agents, patience 60 s.
  absl::StatusOr<Scenario> s = ParseScenario(
      "name: report\nhorizon: 10d\nwarmup: 1d\n"
      "calendar: {start_date: 2026-03-02}\n"
      "call_types:\n  - name: general\n    arrivals: {per_interval: 100}\n"
      "    handle_time: {exponential: {mean: 180s}}\n"
      "    patience: {exponential: {mean: 60s}}\n"
      "agents:\n  - name: team\n    skills: [general]\n"
      "    staffing: {constant: 7}\n",
      "report.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  const ReplicationResult rep = RunReplication(*s, 3, 0);
  std::string report = "date,time,offered,answered,abandoned,aht_s,agents\n";
  double offered = 0;
  for (size_t i = 0; i < rep.intervals.size(); ++i) {
    const MetricValues& m = rep.intervals[i];
    offered += m[Metric::kOffered];
    report += fmt::format(
        "2026-03-{:02},{:02}:{:02},{},{},{},{},{}\n", 2 + i / 48, i % 48 / 2,
        i % 2 * 30, m[Metric::kOffered], m[Metric::kAnswered],
        m[Metric::kAbandoned], m[Metric::kAht], m[Metric::kStaffedHours] / 0.5);
  }
  FitOptions o;
  o.intervals_path = Write("report.csv", report);
  absl::StatusOr<FitResult> r = FitCallLog(o);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->call_types.size(), 1u);
  const FittedCallType& t = r->call_types[0];
  EXPECT_EQ(r->days, 10);
  EXPECT_DOUBLE_EQ(t.calls, offered);
  EXPECT_NEAR(t.talk.distribution.Mean(), 180, 0.02 * 180);
  // The report's abandon rate is about 40%; Erlang A, the model that made
  // the data, gives back its patience.
  EXPECT_NEAR(t.patience.distribution.Mean(), 60, 0.1 * 60)
      << t.patience.summary;
  ASSERT_EQ(r->groups.size(), 1u);
  EXPECT_NEAR(r->groups[0].mean_agents, 7, 1e-9);
  EXPECT_NE(r->yaml.find("staffing: {table: \"fitted.staffing.csv\"}"),
            std::string::npos);
}

TEST(IntervalFitTest, BadReports) {
  FitOptions o;
  o.intervals_path =
      Write("nocol.csv", "date,time,offered\n2026-03-02,08:00,5\n");
  absl::StatusOr<FitResult> r = FitCallLog(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(
      std::string(r.status().message()).find("expected a column 'answered'"),
      std::string::npos)
      << r.status();
  o.intervals_path =
      Write("bad.csv",
            "date,time,offered,answered,abandoned,aht_s,agents\n"
            "2026-03-02,08:00,10,8,2,200,3\n"
            "2026-03-02,08:30,10,9,4,200,3\n"  // 13 of 10: left out
            "2026-03-02,09:00,10,x,0,200,3\n");
  r = FitCallLog(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.status().message())
                .find("row 4, column 4 (answered): expected a number >= 0"),
            std::string::npos)
      << r.status();
  o.intervals_path = Write("bad2.csv",
                           "date,time,offered,answered,abandoned,aht_s,agents\n"
                           "2026-03-02,08:00,10,8,2,200,3\n"
                           "2026-03-02,08:30,10,9,4,200,3\n");
  r = FitCallLog(o);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->excluded.size(), 1u);
  EXPECT_EQ(r->excluded[0].first, "answered and abandoned exceed offered");
  EXPECT_EQ(r->excluded_first_row[0], 3);
  // Midnight before 1970 falls in the day it starts (not one before).
  o.intervals_path = Write("old.csv",
                           "date,time,offered,answered,abandoned,aht_s,agents\n"
                           "1969-12-31,00:00,10,8,2,200,3\n");
  r = FitCallLog(o);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->first_date, "1969-12-31");
  EXPECT_EQ(r->days, 1);
  o.intervals_path = Write("when.csv",
                           "date,time,offered,answered,abandoned,aht_s,agents\n"
                           "2026-03-02,08:10,10,8,2,200,3\n");
  r = FitCallLog(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.status().message())
                .find("row 2, column 2 (time): expected the start of a 30m"),
            std::string::npos)
      << r.status();
  // Six years of half hours: more intervals than a scenario holds. 2020-03-02
  // to 2026-03-02 is 2192 days (two leap days), 105,216 half hours.
  o.intervals_path = Write("long.csv",
                           "date,time,offered,answered,abandoned,aht_s,agents\n"
                           "2020-03-02,08:00,10,8,2,200,3\n"
                           "2026-03-02,08:00,10,8,2,200,3\n");
  r = FitCallLog(o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.status().message())
                .find("the report spans 2192 days (2020-03-02 to 2026-03-02), "
                      "105216 intervals of 30m; a scenario holds at most "
                      "100000 intervals"),
            std::string::npos)
      << r.status();
}

}  // namespace
}  // namespace ccsim
