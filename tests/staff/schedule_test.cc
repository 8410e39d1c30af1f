// ccsim staff --schedule: shift counts that cover the requirement, checked
// by simulation, written as a runnable variant.
#include <cmath>
#include <string>

#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/staffing.h"
#include "gtest/gtest.h"
#include "tests/testing/command.h"

namespace ccsim {
namespace {

// One day, calls from 08:00 to 18:00 peaking at midday; one team on two
// shift rows with a lunch break each.
constexpr const char* kScenario = R"(name: shift-day
horizon: 1d
interval: 30m
replications: 6
calendar: {start_date: 2026-03-02}
call_types:
  - name: general
    arrivals: {per_interval: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      30, 40, 50, 60, 70, 80, 80, 80, 70, 70, 60, 60, 50, 50, 40, 40, 30, 30, 20, 20,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]}
    handle_time: {exponential: {mean: 150s}}
    patience: {exponential: {mean: 200s}}
agents:
  - name: team
    skills: [general]
    shifts:
      - start: "08:00"
        end: "16:00"
        agents: 4
        breaks:
          - {earliest: "12:00", latest: "13:00", duration: 30m}
      - start: "10:00"
        end: "18:00"
        agents: 4
        breaks:
          - {earliest: "13:30", latest: "14:30", duration: 30m}
)";

std::string WriteBase() {
  const std::string path = ::testing::TempDir() + "ccsim_schedule_base.yaml";
  testing::WriteFile(path, kScenario);
  return path;
}

TEST(StaffScheduleTest, CoversTheRequirementAndMeetsTheGoalAsSimulated) {
  const std::string base = WriteBase();
  absl::StatusOr<Scenario> s = LoadScenarioFile(base);
  ASSERT_TRUE(s.ok()) << s.status();
  StaffingOptions options;
  options.schedule = true;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(*s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_TRUE(plan->schedule.has_value());
  const ShiftSchedule& sc = *plan->schedule;
  EXPECT_TRUE(sc.all_met);
  EXPECT_GE(sc.iterations, 1);
  // No cover is cheaper than the LP bound; repairs only add.
  EXPECT_GE(sc.cover_cost, sc.lp_bound - 1e-6);
  EXPECT_GE(sc.cost, sc.cover_cost - 1e-6);
  EXPECT_LE(sc.gap, 0.02 + 1e-9);
  // Cost: paid hours of the chosen shifts.
  double cost = 0;
  for (const ShiftRowPlan& r : sc.groups[0].rows) cost += r.plan * r.paid_hours;
  EXPECT_NEAR(cost, sc.cost, 1e-6);
  // Every interval with calls meets 80/20 as the schedule was simulated.
  for (const GoalCheck& c : sc.checks) {
    EXPECT_TRUE(c.met) << c.interval << ": " << c.value.mean;
  }

  // The variant runs as it is and gives the schedule's own results.
  absl::StatusOr<ScenarioDocument> doc = ScenarioDocument::Load(base);
  ASSERT_TRUE(doc.ok());
  absl::StatusOr<std::optional<YAML::Node>> agents = doc->Find("agents");
  ASSERT_TRUE(agents.ok() && agents->has_value());
  const std::string plan_path =
      ::testing::TempDir() + "ccsim_schedule_plan.yaml";
  absl::StatusOr<std::string> yaml =
      StaffingPlanYaml(*plan, **agents, base, plan_path);
  ASSERT_TRUE(yaml.ok()) << yaml.status();
  testing::WriteFile(plan_path, *yaml);
  absl::StatusOr<Scenario> variant = LoadScenarioFile(plan_path);
  ASSERT_TRUE(variant.ok()) << variant.status() << "\n" << *yaml;
  absl::StatusOr<RunResult> run = RunScenario(*variant, RunOptions{});
  ASSERT_TRUE(run.ok());
  ASSERT_EQ(run->intervals.size(), sc.result.intervals.size());
  for (size_t i = 0; i < run->intervals.size(); ++i) {
    const int sl = static_cast<int>(Metric::kServiceLevel);
    const double a = run->intervals[i].metrics[sl].mean;
    const double b = sc.result.intervals[i].metrics[sl].mean;
    EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << i;
  }
}

TEST(StaffScheduleTest, AnIntervalNoShiftCanWorkIsReportedUnmet) {
  const std::string base = WriteBase();
  absl::StatusOr<Scenario> s = LoadScenarioFile(base);
  ASSERT_TRUE(s.ok());
  // Calls from 06:00, but no shift (nor offset of one) starts before 08:00.
  s->call_types[0].rate_per_s[12] = 30.0 / 1800;
  StaffingOptions options;
  options.schedule = true;
  options.start_offsets_min = {0};
  absl::StatusOr<StaffingPlan> plan = FindStaffing(*s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_FALSE(plan->all_met);
  ASSERT_EQ(plan->unmet.size(), 1u);
  EXPECT_EQ(plan->unmet[0].rfind(
                "day 1 06:00: service_level is 0, the goal service_level >= "
                "0.8 per interval cannot be met: no group can be given agents "
                "then",
                0),
            0u)
      << plan->unmet[0];
  EXPECT_EQ(plan->groups[0].agents[12], 0);
}

TEST(StaffScheduleTest, AWeekdayNoShiftWorksIsAnError) {
  const std::string base = WriteBase();
  absl::StatusOr<Scenario> s = LoadScenarioFile(base);
  ASSERT_TRUE(s.ok());
  // Two days from Friday; the shifts work Monday to Friday only.
  s->horizon = Time::Days(2);
  s->calendar.start_date = Date{.year = 2026, .month = 3, .day = 6};
  for (ShiftSpec& sh : s->agent_groups[0].shifts) {
    sh.weekdays = {true, true, true, true, true, false, false};
  }
  StaffingOptions options;
  options.schedule = true;
  options.start_offsets_min = {0};
  absl::StatusOr<StaffingPlan> plan = FindStaffing(*s, options);
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(plan.status().message().substr(0, 60),
            "agent group 'team': no shift row covers Sat 08:00, Sat 08:30");
}

TEST(StaffScheduleTest, KeptShiftsCannotBeScheduled) {
  const std::string base = WriteBase();
  absl::StatusOr<Scenario> s = LoadScenarioFile(base);
  ASSERT_TRUE(s.ok());
  StaffingOptions options;
  options.schedule = true;
  options.keep_shift_groups = true;
  EXPECT_EQ(FindStaffing(*s, options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace ccsim
