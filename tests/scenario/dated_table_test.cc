// Dated tables: `staffing: {table: FILE.csv}` and `arrivals: {table: ...}`
// read per date and time, with exact errors; fractional staffing and dated
// arrivals in the model.
#include <cmath>
#include <fstream>
#include <string>

#include "absl/status/statusor.h"
#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"
#include "tests/testing/model_checks.h"

namespace ccsim {
namespace {

// Files of each test apart (ctest runs the tests in parallel processes).
std::string Prefix() {
  return std::string("ccsim_dated_") +
         ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_";
}
std::string Dir() { return ::testing::TempDir() + Prefix(); }

void Write(const std::string& path, const std::string& text) {
  std::ofstream(path) << text;
}

// Two days of 6h intervals from 2026-03-02 (a Monday), one group.
std::string ScenarioText(const std::string& staffing,
                         const std::string& arrivals) {
  return "name: dated\n"
         "horizon: 2d\n"
         "interval: 6h\n"
         "replications: 1\n"
         "calendar: {start_date: 2026-03-02}\n"
         "call_types:\n"
         "  - name: general\n"
         "    arrivals: " +
         arrivals +
         "\n"
         "    handle_time: {exponential: {mean: 60s}}\n"
         "    patience: {exponential: {mean: 60s}}\n"
         "agents:\n"
         "  - name: team\n"
         "    skills: [general]\n"
         "    staffing: " +
         staffing + "\n";
}

absl::StatusOr<Scenario> LoadWith(const std::string& staffing_csv,
                                  const std::string& arrivals_csv,
                                  const std::string& extra = "") {
  Write(Dir() + "staffing.csv", staffing_csv);
  Write(Dir() + "arrivals.csv", arrivals_csv);
  const std::string path = Dir() + "s.yaml";
  Write(path,
        ScenarioText("{table: " + Prefix() + "staffing.csv}",
                     "{table: " + Prefix() + "arrivals.csv" + extra + "}"));
  return LoadScenarioFile(path);
}

constexpr const char* kStaffing =
    "date,time,group,agents\n"
    "2026-03-02,00:00,team,1\n"
    "2026-03-02,06:00,team,2.5\n"
    "2026-03-02,12:00,other,7\n"  // another group's row
    "2026-03-02,12:00,team,4\n"
    "2026-03-03,06:00,team,0.25\n"
    "2026-03-04,06:00,team,99\n";  // after the horizon: not used

constexpr const char* kArrivals =
    "date;time;calls\n"  // ';' as many spreadsheets save
    "2026-03-02;06:00;100\n"
    "2026-03-03;12:00;40\n";

TEST(DatedTableTest, ValuesPerDateAndTime) {
  absl::StatusOr<Scenario> s = LoadWith(kStaffing, kArrivals);
  ASSERT_TRUE(s.ok()) << s.status();
  const AgentGroupSpec& g = s->agent_groups[0];
  EXPECT_EQ(g.staffing_by_interval,
            (std::vector<double>{1, 2.5, 4, 0, 0, 0.25, 0, 0}));
  // The most agents of each time of day, rounded up.
  EXPECT_EQ(g.staffing, (std::vector<int>{1, 3, 4, 0}));
  const CallTypeSpec& t = s->call_types[0];
  ASSERT_EQ(t.dated_rate_per_s.size(), 8u);
  const double six_h = 6 * 3600.0;
  EXPECT_DOUBLE_EQ(t.dated_rate_per_s[1], 100 / six_h);
  EXPECT_DOUBLE_EQ(t.dated_rate_per_s[6], 40 / six_h);
  EXPECT_DOUBLE_EQ(t.dated_rate_per_s[0], 0);
  // The mean day, for estimates.
  EXPECT_DOUBLE_EQ(t.rate_per_s[1], 50 / six_h);
  EXPECT_DOUBLE_EQ(t.rate_per_s[2], 20 / six_h);
}

TEST(DatedTableTest, FractionalAgentsWorkPartOfTheInterval) {
  absl::StatusOr<Scenario> s = LoadWith(kStaffing, kArrivals);
  ASSERT_TRUE(s.ok()) << s.status();
  // No calls: staffed time is exactly the table's agent hours.
  s->call_types[0].dated_rate_per_s.assign(8, 0.0);
  s->call_types[0].rate_per_s.assign(4, 0.0);
  s->call_types[0].patience = Distribution::Exponential(60);
  const ReplicationResult r = RunReplication(*s, 1, 0);
  EXPECT_NEAR(r.total[Metric::kStaffedHours], (1 + 2.5 + 4 + 0.25) * 6, 1e-9);
  EXPECT_NEAR(r.intervals[1][Metric::kStaffedHours], 2.5 * 6, 1e-9);
  EXPECT_NEAR(r.intervals[5][Metric::kStaffedHours], 0.25 * 6, 1e-9);
}

TEST(DatedTableTest, ArrivalsFollowTheDates) {
  absl::StatusOr<Scenario> s = LoadWith(kStaffing, kArrivals);
  ASSERT_TRUE(s.ok()) << s.status();
  std::vector<double> first, second, zero;
  for (int r = 0; r < 40; ++r) {
    const ReplicationResult x = RunReplication(*s, 3, r);
    first.push_back(x.intervals[1][Metric::kCalls]);
    second.push_back(x.intervals[6][Metric::kCalls]);
    zero.push_back(x.intervals[0][Metric::kCalls] +
                   x.intervals[5][Metric::kCalls]);
  }
  // Poisson counts: mean 100 and 40 (half-widths about 3 and 2).
  testing::ExpectWithinCi("day 1, 06:00", Summarize(first), 100, 6);
  testing::ExpectWithinCi("day 2, 12:00", Summarize(second), 40, 4);
  EXPECT_EQ(Summarize(zero).mean, 0);
}

std::string ErrorWith(const std::string& staffing_csv,
                      const std::string& arrivals_csv = kArrivals,
                      const std::string& extra = "") {
  absl::StatusOr<Scenario> s = LoadWith(staffing_csv, arrivals_csv, extra);
  return s.ok() ? "(loaded fine)" : std::string(s.status().message());
}

TEST(DatedTableTest, ErrorsNameTheFileRowAndColumn) {
  const std::string where = "s.yaml:14:23: agents[0].staffing.table: ";
  EXPECT_EQ(ErrorWith("date,time,agents\n2026-03-02,00:00,1\n"
                      "2026-03-32,00:00,1\n"),
            Dir() + where + Dir() +
                "staffing.csv: row 3, column 1 (date): expected a date "
                "YYYY-MM-DD that exists, got '2026-03-32'");
  EXPECT_NE(ErrorWith("date,time,agents\n2026-03-02,07:00,1\n")
                .find("staffing.csv: row 2, column 2 (time): expected the "
                      "start of a 6h interval"),
            std::string::npos);
  EXPECT_NE(ErrorWith("date,time,agents\n2026-03-02,00:00,-1\n")
                .find("row 2, column 3 (agents): expected a number from 0 "
                      "to 1000000, got '-1'"),
            std::string::npos);
  EXPECT_NE(ErrorWith("date,time,agents\n2026-03-02,00:00,x\n").find("got 'x'"),
            std::string::npos);
  EXPECT_NE(ErrorWith("date,time,agents\n2026-03-02,00:00,1\n"
                      "2026-03-02,00:00,2\n")
                .find("row 3: a second row for 2026-03-02 00:00"),
            std::string::npos);
  EXPECT_NE(ErrorWith("date,time,agents\n2026-03-02,00:00,1\n")
                .find("no row for 2026-03-03, a date of the horizon"),
            std::string::npos);
  EXPECT_NE(
      ErrorWith("date,hour,agents\n").find("row 1: expected a column 'time'"),
      std::string::npos);
  EXPECT_NE(ErrorWith("").find("expected a header row"), std::string::npos);
  EXPECT_NE(ErrorWith("date,time,agents\n\"2026-03-02,00:00,1\n")
                .find("ends inside a quoted field"),
            std::string::npos);
  // Calendar factors do not go with a dated forecast.
  EXPECT_NE(ErrorWith(kStaffing, kArrivals, ", weekday: {monday: 2}")
                .find("expected no weekday factors with a dated table"),
            std::string::npos);
}

TEST(DatedTableTest, MissingTableFileIsAClearError) {
  const std::string path = Dir() + "missing.yaml";
  Write(path, ScenarioText("{table: nowhere.csv}", "{per_day: 10}"));
  absl::StatusOr<Scenario> s = LoadScenarioFile(path);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string(s.status().message())
                .find("agents[0].staffing.table: " +
                      Dir().substr(0, Dir().rfind('/') + 1) +
                      "nowhere.csv: cannot read file"),
            std::string::npos)
      << s.status();
}

TEST(DatedTableTest, TracedArrivalsAndTalkTimes) {
  Write(Dir() + "trace.csv",
        "caller,call_type,arrival,talk_s\n"
        "1,general,2026-03-02 08:00:00.500,60\n"
        "2,other,2026-03-02 08:00:01,\n"        // another type's call
        "3,general,2026-03-03 23:59:59,\n"      // no talk time: drawn
        "4,general,2026-03-02 07:00:00,30.5\n"  // out of order
        "5,general,2026-03-05 00:00:00,10\n");  // after the horizon
  const std::string path = Dir() + "trace.yaml";
  Write(path,
        ScenarioText("{constant: 2}", "{trace: " + Prefix() + "trace.csv}"));
  absl::StatusOr<Scenario> s = LoadScenarioFile(path);
  ASSERT_TRUE(s.ok()) << s.status();
  const CallTypeSpec& t = s->call_types[0];
  EXPECT_EQ(
      t.trace_arrivals,
      (std::vector<Time>{Time::Hours(7), Time::Hours(8) + Time::Seconds(0.5),
                         Time::Days(2) - Time::Seconds(1)}));
  EXPECT_EQ(t.trace_talk,
            (std::vector<Time>{Time::Seconds(30.5), Time::Seconds(60),
                               Time::Infinite()}));
  // Exactly the traced calls arrive, in every replication, and the traced
  // talk times are used.
  for (int r = 0; r < 3; ++r) {
    const ReplicationResult x = RunReplication(*s, 5, r);
    EXPECT_EQ(x.total[Metric::kCalls], 3);
    EXPECT_EQ(x.intervals[1][Metric::kCalls], 2);  // 06:00-12:00, day 1
  }
  // A trace that misses the simulated dates is an error.
  Write(Dir() + "trace_late.csv", "arrival\n2027-01-01 08:00:00\n");
  Write(path, ScenarioText("{constant: 2}",
                           "{trace: " + Prefix() + "trace_late.csv}"));
  absl::StatusOr<Scenario> late = LoadScenarioFile(path);
  ASSERT_FALSE(late.ok());
  EXPECT_NE(std::string(late.status().message())
                .find("no call of type general arrives in the simulated time"),
            std::string::npos)
      << late.status();
  Write(Dir() + "trace_bad.csv", "arrival\n2026-03-02 08:00:00\nsoon\n");
  Write(path, ScenarioText("{constant: 2}",
                           "{trace: " + Prefix() + "trace_bad.csv}"));
  absl::StatusOr<Scenario> bad = LoadScenarioFile(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(std::string(bad.status().message())
                .find("row 3, column 1 (arrival): expected a timestamp"),
            std::string::npos)
      << bad.status();
}

// IVR hang-up shares that vary by interval of the day, or by date.
TEST(DatedTableTest, IvrHangUpByIntervalAndDate) {
  auto scenario = [](const std::string& hang_up) {
    return "name: ivr\nhorizon: 2d\ninterval: 12h\nreplications: 1\n"
           "calendar: {start_date: 2026-03-02}\n"
           "call_types:\n  - name: general\n    arrivals: {per_interval: 200}\n"
           "    handle_time: {exponential: {mean: 60s}}\n"
           "    patience: {exponential: {mean: 60s}}\n"
           "ivr:\n  menu:\n    prompt: 10s\n    hang_up: " +
           hang_up +
           "\n    options: [{name: agent, for: [general], queue: general}]\n"
           "agents:\n  - {name: team, skills: [general], staffing: "
           "{constant: 3}}\n";
  };
  // Everyone hangs up in the morning half of the day, nobody after.
  Write(Dir() + "list.yaml", scenario("[1, 0]"));
  absl::StatusOr<Scenario> s = LoadScenarioFile(Dir() + "list.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  ReplicationResult r = RunReplication(*s, 1, 0);
  ASSERT_EQ(r.intervals.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(i);
    const MetricValues& m = r.intervals[i];
    ASSERT_GT(m[Metric::kCalls], 100);
    EXPECT_EQ(m[Metric::kIvrAbandoned], i % 2 == 0 ? m[Metric::kCalls] : 0);
  }
  // By date: nobody on the first day, everyone on the second.
  Write(Dir() + "hang.csv",
        "date,time,menu,hang_up\n2026-03-02,00:00,main,0\n"
        "2026-03-02,12:00,main,0\n2026-03-03,00:00,main,1\n"
        "2026-03-03,12:00,main,1\n2026-03-03,12:00,other,0.5\n");
  Write(Dir() + "dated.yaml", scenario("{table: " + Prefix() + "hang.csv}"));
  s = LoadScenarioFile(Dir() + "dated.yaml");
  ASSERT_TRUE(s.ok()) << s.status();
  r = RunReplication(*s, 1, 0);
  for (size_t i = 0; i < 4; ++i) {
    const MetricValues& m = r.intervals[i];
    EXPECT_EQ(m[Metric::kIvrAbandoned], i < 2 ? 0 : m[Metric::kCalls]) << i;
  }
  // A list of the wrong length says what it needs.
  Write(Dir() + "short.yaml", scenario("[0.1]"));
  s = LoadScenarioFile(Dir() + "short.yaml");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(std::string(s.status().message())
                .find("ivr.menu.hang_up: expected one hang-up share per 12h "
                      "interval of the day (2), got 1"),
            std::string::npos)
      << s.status();
}

}  // namespace
}  // namespace ccsim
