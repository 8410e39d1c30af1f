// ccsim staff --dated: a requirement per interval of every judged date,
// against Erlang C at each date's own load; minimality; determinism; and
// the plan written as a staffing table that `ccsim run` takes as it is.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ccsim/erlang.h"
#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/staffing.h"
#include "gtest/gtest.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

constexpr double kAht = 30;
// Monday, Tuesday, Wednesday: the same day shape, Tuesday 1.6 times and
// Wednesday 0.5 times Monday's calls.
constexpr double kFactor[3] = {1.0, 1.6, 0.5};

// Three days of hourly intervals from a Monday; calls from 08:00 to 20:00
// in a hump; handle time short against the hour; no patience: Erlang C per
// interval (as in requirement_test.cc, whose textbook day this repeats).
Scenario ThreeDays(int replications) {
  testing::QueueParams p;
  p.horizon = Time::Days(3);
  p.warmup = Time::Zero();
  p.interval = Time::Hours(1);
  p.aht_s = kAht;
  p.replications = replications;
  Scenario s = testing::MakeQueueScenario(p);
  s.calendar.start_date = Date{.year = 2026, .month = 3, .day = 2};
  for (int k = 0; k < 24; ++k) {
    double calls = 0;
    if (k >= 8 && k < 20) calls = 300 + 700 * std::sin(M_PI * (k - 8) / 12);
    s.call_types[0].rate_per_s[k] = calls / 3600;
  }
  for (int d = 0; d < 3; ++d) s.call_types[0].weekday_factor[d] = kFactor[d];
  return s;
}

TEST(DatedStaffingTest, EachDateGetsTheRequirementOfItsOwnLoad) {
  const Scenario s = ThreeDays(30);
  StaffingOptions options;
  options.dated = true;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_TRUE(plan->all_met);
  ASSERT_TRUE(plan->dated);
  ASSERT_EQ(plan->groups[0].agents.size(), 72u);
  ASSERT_EQ(plan->slot_labels.size(), 72u);
  EXPECT_EQ(plan->slot_labels[0], "2026-03-02 00:00");
  EXPECT_EQ(plan->slot_labels[24 + 9], "2026-03-03 09:00");
  int busy = 0, equal = 0;
  for (int slot = 0; slot < 72; ++slot) {
    const double rate =
        s.call_types[0].rate_per_s[slot % 24] * kFactor[slot / 24];
    const int found = plan->groups[0].agents[slot];
    if (rate == 0) {
      EXPECT_EQ(found, 0) << plan->slot_labels[slot];
      continue;
    }
    ++busy;
    const int erlang = testing::ErlangC8020(rate, kAht);
    EXPECT_LE(std::abs(found - erlang), 1)
        << plan->slot_labels[slot] << ": found " << found << ", Erlang C "
        << erlang;
    equal += found == erlang;
  }
  EXPECT_EQ(busy, 36);
  EXPECT_GE(equal, 0.9 * busy) << equal << " of " << busy << " equal";
  // The same time of day differs by date as the load does.
  EXPECT_GT(plan->groups[0].agents[24 + 14], plan->groups[0].agents[14]);
  EXPECT_LT(plan->groups[0].agents[48 + 14], plan->groups[0].agents[14]);
  // Agent hours are per day: the mean of the three dates.
  double hours = 0;
  for (int n : plan->groups[0].agents) hours += n;
  EXPECT_NEAR(plan->groups[0].agent_hours, hours / 3, 1e-9);
}

// Two days of an Erlang A queue, the second one busier.
Scenario TwoSmallDays(int replications) {
  testing::QueueParams p;
  p.horizon = Time::Days(2);
  p.warmup = Time::Zero();
  p.aht_s = 120;
  p.patience_s = 180;
  p.replications = replications;
  Scenario s = testing::MakeQueueScenario(p);
  s.calendar.start_date = Date{.year = 2026, .month = 3, .day = 2};
  const double calls[8] = {60, 120, 200, 260, 240, 180, 120, 60};
  for (int k = 0; k < 48; ++k) {
    s.call_types[0].rate_per_s[k] =
        k >= 18 && k < 26 ? calls[k - 18] / 1800 : 0;
  }
  s.call_types[0].weekday_factor[1] = 1.4;
  return s;
}

TEST(DatedStaffingTest, TakingAnyAgentAwayBreaksTheGoal) {
  const Scenario s = TwoSmallDays(16);
  StaffingOptions options;
  options.dated = true;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_TRUE(plan->all_met);
  const std::vector<double>& staffing = plan->groups[0].by_interval;
  ASSERT_EQ(staffing.size(), 96u);
  int tried = 0;
  for (size_t k = 0; k < staffing.size(); ++k) {
    EXPECT_EQ(staffing[k], plan->groups[0].agents[k]);
    if (staffing[k] == 0) continue;
    Scenario fewer = s;
    AgentGroupSpec& g = fewer.agent_groups[0];
    g.staffing_by_interval = staffing;
    g.staffing_by_interval[k] -= 1;
    g.staffing.assign(48, 0);
    for (size_t i = 0; i < staffing.size(); ++i) {
      g.staffing[i % 48] = std::max(g.staffing[i % 48],
                                    static_cast<int>(std::ceil(staffing[i])));
    }
    std::vector<ReplicationResult> reps;
    RunOptions run;
    run.replications_out = &reps;
    absl::StatusOr<RunResult> r = RunScenario(fewer, run);
    ASSERT_TRUE(r.ok()) << r.status();
    bool fails = false;
    for (const GoalCheck& c :
         JudgeGoals(fewer, plan->goals, *r, reps, /*confidence=*/false)) {
      fails = fails || !c.met;
    }
    EXPECT_TRUE(fails) << "one agent fewer at " << plan->slot_labels[k]
                       << " still meets the goal";
    ++tried;
  }
  EXPECT_GE(tried, 16);
}

TEST(DatedStaffingTest, SamePlanForAnyThreadCount) {
  const Scenario s = TwoSmallDays(6);
  StaffingOptions one, two;
  one.threads = 1;
  two.threads = 2;
  one.dated = two.dated = true;
  absl::StatusOr<StaffingPlan> a = FindStaffing(s, one);
  absl::StatusOr<StaffingPlan> b = FindStaffing(s, two);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->groups[0].agents, b->groups[0].agents);
  EXPECT_EQ(FormatStaffingPlan(*a, s, OutputFormat::kJson),
            FormatStaffingPlan(*b, s, OutputFormat::kJson));
}

TEST(DatedStaffingTest, DaysNotJudgedKeepTheScenariosStaffing) {
  const Scenario s = TwoSmallDays(6);
  StaffingOptions options;
  options.dated = true;
  options.days = DayRange{.first = 2, .last = 2};
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->groups[0].agents.size(), 48u);
  EXPECT_EQ(plan->slot_labels[0], "2026-03-03 00:00");
  EXPECT_EQ(plan->first_reported, 48);
  const std::vector<double>& staffing = plan->groups[0].by_interval;
  for (int k = 0; k < 48; ++k) EXPECT_EQ(staffing[k], 14) << k;
  for (int k = 0; k < 48; ++k) {
    EXPECT_EQ(staffing[48 + k], plan->groups[0].agents[k]) << k;
  }
  for (const GoalCheck& c : plan->checks) EXPECT_EQ(c.day, 2);
}

// The plan as files: a variant that extends the base and a staffing table
// beside it; run with the base's seed and replications it simulates exactly
// what the search judged.
TEST(DatedStaffingTest, ThePlanRunsAsItWasJudged) {
  const std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) / "dated_plan_round_trip";
  std::filesystem::create_directories(dir);
  const std::string base = (dir / "base.yaml").string();
  {
    std::ofstream out(base);
    out << R"(name: dated-base
horizon: 2d
warmup: 3h
interval: 30m
replications: 6
seed: 11
calendar: {start_date: 2026-03-02}
call_types:
  - name: general
    arrivals:
      per_interval: [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,10,30,60,80,90,90,80,70,70,80,90,90,80,70,60,50,40,30,20,10,0,0,0,0,0,0,0,0,0,0,0,0]
      weekday: {tuesday: 1.5}
    handle_time: {exponential: {mean: 180s}}
    patience: {exponential: {mean: 240s}}
agents:
  - name: team
    skills: [general]
    staffing: {constant: 12}
)";
  }
  absl::StatusOr<ScenarioDocument> doc = ScenarioDocument::Load(base);
  ASSERT_TRUE(doc.ok()) << doc.status();
  absl::StatusOr<Scenario> s = doc->ToScenario();
  ASSERT_TRUE(s.ok()) << s.status();
  StaffingOptions options;
  options.dated = true;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(*s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  // The warm-up (00:00 to 03:00 of the first date) is not judged.
  EXPECT_EQ(plan->slot_labels[0], "2026-03-02 03:00");
  const std::string plan_path = (dir / "plan.yaml").string();
  EXPECT_EQ(StaffingTablePath(plan_path), (dir / "plan-staffing.csv").string());
  absl::StatusOr<std::optional<YAML::Node>> agents = doc->Find("agents");
  ASSERT_TRUE(agents.ok() && agents->has_value());
  absl::StatusOr<std::string> yaml =
      StaffingPlanYaml(*plan, **agents, base, plan_path);
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  EXPECT_NE(yaml->find("staffing: {table: plan-staffing.csv}"),
            std::string::npos)
      << *yaml;
  std::ofstream(plan_path) << *yaml;
  const std::string table = StaffingPlanTable(*plan, *s);
  EXPECT_EQ(table.substr(0, table.find('\n')), "date,time,group,agents");
  std::ofstream(StaffingTablePath(plan_path)) << table;
  absl::StatusOr<Scenario> variant = LoadScenarioFile(plan_path);
  ASSERT_TRUE(variant.ok()) << variant.status();
  absl::StatusOr<RunResult> r = RunScenario(*variant, RunOptions{});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ(r->intervals.size(), plan->result.intervals.size());
  for (size_t i = 0; i < r->intervals.size(); ++i) {
    for (Metric m :
         {Metric::kOffered, Metric::kServiceLevel, Metric::kStaffedHours}) {
      const Estimate& a = r->intervals[i].metrics[static_cast<int>(m)];
      const Estimate& b =
          plan->result.intervals[i].metrics[static_cast<int>(m)];
      if (std::isnan(a.mean)) {
        EXPECT_TRUE(std::isnan(b.mean)) << i;
      } else {
        EXPECT_EQ(a.mean, b.mean) << i << " " << MetricName(m);
      }
    }
  }
}

// Intervals that are not whole minutes keep their seconds in the table, or
// two rows would name one time and the table could not be read back.
TEST(DatedStaffingTest, TableTimesKeepSecondsWhenIntervalsNeedThem) {
  Scenario s;
  s.interval = Time::Minutes(30);
  EXPECT_EQ(TableClock(s, Time::Hours(8) + Time::Minutes(30)), "08:30");
  s.interval = Time::Seconds(90);
  EXPECT_EQ(TableClock(s, Time::Seconds(90)), "00:01:30");
  EXPECT_EQ(TableClock(s, Time::Hours(23) + Time::Seconds(3510)), "23:58:30");
}

}  // namespace
}  // namespace ccsim
