// ccsim staff's requirement search: agreement with Erlang C where it holds,
// minimality of the plan, determinism, and goals it cannot meet.
#include <cmath>
#include <vector>

#include "ccsim/erlang.h"
#include "ccsim/staffing.h"
#include "gtest/gtest.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

constexpr double kAht = 30;

// One day of hourly intervals; calls only from 08:00 to 20:00, in a hump
// from 300 to 1200 an hour; exponential handle time of 30 s, short against
// the hour, so that each interval is close to its steady state (the queue's
// relaxation time is a few minutes); no patience: Erlang C.
Scenario Textbook(int replications) {
  testing::QueueParams p;
  p.horizon = Time::Days(1);
  p.warmup = Time::Zero();
  p.interval = Time::Hours(1);
  p.aht_s = kAht;
  p.replications = replications;
  Scenario s = testing::MakeQueueScenario(p);
  for (int k = 0; k < 24; ++k) {
    double calls = 0;
    if (k >= 8 && k < 20) calls = 300 + 900 * std::sin(M_PI * (k - 8) / 12);
    s.call_types[0].rate_per_s[k] = calls / 3600;
  }
  return s;
}

int ErlangRequirement(double rate_per_s) {
  return testing::ErlangC8020(rate_per_s, kAht);
}

TEST(StaffingRequirementTest, AgreesWithErlangCOnATextbookDay) {
  const Scenario s = Textbook(40);
  StaffingOptions options;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_TRUE(plan->all_met);
  int busy = 0, equal = 0;
  for (int k = 0; k < 24; ++k) {
    const double rate = s.call_types[0].rate_per_s[k];
    const int found = plan->groups[0].agents[k];
    if (rate == 0) {
      EXPECT_EQ(found, 0) << "interval " << k;
      continue;
    }
    ++busy;
    const int erlang = ErlangRequirement(rate);
    EXPECT_LE(std::abs(found - erlang), 1)
        << "interval " << k << ": found " << found << ", Erlang C " << erlang;
    equal += found == erlang;
  }
  EXPECT_EQ(busy, 12);
  EXPECT_GE(equal, 0.9 * busy) << equal << " of " << busy << " equal";
}

// A small Erlang A day: four busy hours.
Scenario SmallDay(int replications) {
  testing::QueueParams p;
  p.horizon = Time::Days(1);
  p.warmup = Time::Zero();
  p.aht_s = 120;
  p.patience_s = 180;
  p.replications = replications;
  Scenario s = testing::MakeQueueScenario(p);
  const double calls[8] = {60, 120, 200, 260, 240, 180, 120, 60};
  for (int k = 0; k < 48; ++k) {
    s.call_types[0].rate_per_s[k] =
        k >= 18 && k < 26 ? calls[k - 18] / 1800 : 0;
  }
  return s;
}

TEST(StaffingRequirementTest, TakingAnyAgentAwayBreaksTheGoal) {
  const Scenario s = SmallDay(20);
  StaffingOptions options;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_TRUE(plan->all_met);
  int tried = 0;
  for (int k = 0; k < 48; ++k) {
    if (plan->groups[0].agents[k] == 0) continue;
    Scenario fewer = s;
    fewer.agent_groups[0].staffing = plan->groups[0].agents;
    --fewer.agent_groups[0].staffing[k];
    std::vector<ReplicationResult> reps;
    RunOptions run;
    run.replications_out = &reps;
    absl::StatusOr<RunResult> r = RunScenario(fewer, run);
    ASSERT_TRUE(r.ok());
    bool fails = false;
    for (const GoalCheck& c :
         JudgeGoals(fewer, plan->goals, *r, reps, /*confidence=*/false)) {
      fails = fails || !c.met;
    }
    EXPECT_TRUE(fails) << "one agent fewer at interval " << k
                       << " still meets the goal";
    ++tried;
  }
  EXPECT_GE(tried, 8);
}

TEST(StaffingRequirementTest, AConfidentPlanHoldsOnAFreshSeed) {
  const Scenario s = SmallDay(20);
  StaffingOptions options;
  options.confidence = true;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_TRUE(plan->all_met);
  Scenario fresh = s;
  fresh.agent_groups[0].staffing = plan->groups[0].agents;
  fresh.seed = 987654321;
  fresh.replications = 40;
  absl::StatusOr<RunResult> r = RunScenario(fresh, RunOptions{});
  ASSERT_TRUE(r.ok());
  for (const IntervalEstimates& ie : r->intervals) {
    const Estimate& sl = ie.metrics[static_cast<int>(Metric::kServiceLevel)];
    if (sl.n == 0) continue;
    // Not significantly below the target on independent replications.
    EXPECT_GE(sl.mean + sl.ci95, 0.8) << ie.start;
  }
}

TEST(StaffingRequirementTest, SamePlanForAnyThreadCount) {
  const Scenario s = SmallDay(8);
  StaffingOptions one, two;
  one.threads = 1;
  two.threads = 2;
  absl::StatusOr<StaffingPlan> a = FindStaffing(s, one);
  absl::StatusOr<StaffingPlan> b = FindStaffing(s, two);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->groups[0].agents, b->groups[0].agents);
  EXPECT_EQ(a->evaluations, b->evaluations);
  EXPECT_EQ(FormatStaffingPlan(*a, s, OutputFormat::kJson),
            FormatStaffingPlan(*b, s, OutputFormat::kJson));
}

TEST(StaffingRequirementTest, ADailyGoalNeedsFewerAgentHours) {
  const Scenario s = SmallDay(10);
  StaffingOptions per_interval, daily;
  daily.goals = {StaffingGoal{.metric = Metric::kServiceLevel,
                              .op = GoalOp::kAtLeast,
                              .value = 0.8,
                              .period = GoalPeriod::kDay}};
  absl::StatusOr<StaffingPlan> a = FindStaffing(s, per_interval);
  absl::StatusOr<StaffingPlan> b = FindStaffing(s, daily);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(a->all_met && b->all_met);
  EXPECT_LT(b->groups[0].agent_hours, a->groups[0].agent_hours);
  ASSERT_EQ(b->checks.size(), 1u);
  EXPECT_GE(b->checks[0].value.mean, 0.8);
}

TEST(StaffingRequirementTest,
     AGoalNoStaffingCanMeetIsReportedNotSearchedForever) {
  // Type "b" is answered only by a group on shifts (not searched) with one
  // agent, and carries most of the calls: the total service level cannot
  // reach 0.8 however many agents the searched group gets.
  Scenario s = SmallDay(4);
  CallTypeSpec b = s.call_types[0];
  b.name = "b";
  for (double& r : b.rate_per_s) r *= 3;
  s.call_types.push_back(b);
  AgentGroupSpec shifts;
  shifts.name = "b-team";
  shifts.skills = {1};
  ShiftSpec sh;
  sh.start = Time::Hours(8);
  sh.length = Time::Hours(10);
  sh.agents = 1;
  shifts.shifts = {sh};
  s.agent_groups.push_back(shifts);
  ASSERT_TRUE(CheckRunnable(s).ok()) << CheckRunnable(s);
  StaffingOptions options;
  options.keep_shift_groups = true;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_FALSE(plan->all_met);
  ASSERT_FALSE(plan->unmet.empty());
  EXPECT_NE(plan->unmet[0].find("cannot be met"), std::string::npos)
      << plan->unmet[0];
  EXPECT_LT(plan->evaluations, 200);
  EXPECT_FALSE(plan->groups[1].searched);
}

TEST(StaffingRequirementTest, TheScenarioNamesTheGoalAndTheCosts) {
  Scenario s = SmallDay(6);
  s.staffing_goals = {StaffingGoal{.metric = Metric::kAsa,
                                   .op = GoalOp::kAtMost,
                                   .value = 15,
                                   .period = GoalPeriod::kInterval}};
  s.agent_groups[0].cost_per_hour = 30;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, StaffingOptions{});
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->goals.size(), 1u);
  EXPECT_EQ(plan->goals[0].metric, Metric::kAsa);
  EXPECT_EQ(plan->groups[0].cost_per_hour, 30);
  EXPECT_NEAR(plan->cost, 30 * plan->groups[0].agent_hours, 1e-9);
  for (const GoalCheck& c : plan->checks) {
    if (c.value.n > 0) {
      EXPECT_LE(c.value.mean, 15) << c.interval;
    }
  }
  // --goal on the command line (options.goals) overrides the scenario's.
  StaffingOptions options;
  options.goals = {StaffingGoal{}};
  plan = FindStaffing(s, options);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->goals[0].metric, Metric::kServiceLevel);
}

TEST(StaffingRequirementTest, GoalsAreJudgedOnTheChosenDaysOnly) {
  // Three days from a Monday; Tuesday has twice the calls.
  Scenario s = SmallDay(6);
  s.horizon = Time::Days(3);
  s.calendar.start_date = Date{.year = 2026, .month = 3, .day = 2};
  ASSERT_EQ(s.calendar.start_date.weekday(), 0);
  s.call_types[0].weekday_factor[1] = 2;
  StaffingOptions monday, all;
  monday.days = DayRange{.first = 1, .last = 1};
  absl::StatusOr<StaffingPlan> a = FindStaffing(s, monday);
  absl::StatusOr<StaffingPlan> b = FindStaffing(s, all);
  ASSERT_TRUE(a.ok() && b.ok());
  for (const GoalCheck& c : a->checks) EXPECT_EQ(c.day, 1);
  EXPECT_LT(a->groups[0].agent_hours, b->groups[0].agent_hours);
  StaffingOptions late;
  late.days = DayRange{.first = 4, .last = 9};
  EXPECT_EQ(FindStaffing(s, late).status().message(),
            "the days to judge goals on start at day 4, after the horizon's "
            "last day (3)");
}

TEST(StaffingGoalTest, ParsesGoals) {
  absl::StatusOr<StaffingGoal> g = ParseStaffingGoal("abandon_rate<=0.05@day");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->metric, Metric::kAbandonRate);
  EXPECT_EQ(g->op, GoalOp::kAtMost);
  EXPECT_EQ(g->value, 0.05);
  EXPECT_EQ(g->period, GoalPeriod::kDay);
  EXPECT_EQ(DescribeGoal(*g), "abandon_rate <= 0.05 per day");
}

TEST(StaffingGoalTest, RejectsBadGoalsBeforeAnySearch) {
  EXPECT_EQ(ParseStaffingGoal("service_level>=1.2").status().message(),
            "goal 'service_level>=1.2': service_level is a share from 0 to "
            "1, found 1.2");
  EXPECT_EQ(ParseStaffingGoal("service_level<=0.8").status().message(),
            "goal 'service_level<=0.8': more agents raise service_level; use "
            "service_level>=VALUE");
  EXPECT_EQ(ParseStaffingGoal("aht_s<=100").status().message(),
            "goal 'aht_s<=100': 'aht_s' cannot be a staffing goal; expected "
            "one of service_level, service_level_answered, answer_rate, "
            "abandon_rate, asa_s, mean_wait_s, p_wait, occupancy");
  EXPECT_EQ(ParseStaffingGoal("asa_s<=20@week").status().message(),
            "goal 'asa_s<=20@week': expected @interval, @day or @horizon "
            "after the value, found '@week'");
  EXPECT_EQ(ParseStaffingGoal("answer_rate=0.9").status().message(),
            "goal 'answer_rate=0.9': expected METRIC>=VALUE or "
            "METRIC<=VALUE, e.g. service_level>=0.8");
  EXPECT_FALSE(ParseStaffingGoal("asa_s<=-1").ok());
  EXPECT_FALSE(ParseStaffingGoal("abandon_rate<=1").ok());
  EXPECT_FALSE(ParseStaffingGoal("occupancy>=0.5").ok());
}

TEST(StaffingGoalTest, NoGroupToSearchIsAnError) {
  Scenario s = SmallDay(2);
  s.agent_groups[0].staffing.clear();
  ShiftSpec sh;
  sh.start = Time::Hours(8);
  sh.length = Time::Hours(10);
  sh.agents = 5;
  s.agent_groups[0].shifts = {sh};
  StaffingOptions keep;
  keep.keep_shift_groups = true;
  absl::StatusOr<StaffingPlan> plan = FindStaffing(s, keep);
  EXPECT_EQ(plan.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(plan.status().message().find("no agent group follows a staffing"),
            std::string::npos);
  // Searched as a staffing level by default: 5 agents on shift from 08:00
  // to 18:00 today.
  absl::StatusOr<StaffingPlan> as_levels = FindStaffing(s, StaffingOptions{});
  ASSERT_TRUE(as_levels.ok()) << as_levels.status();
  EXPECT_TRUE(as_levels->groups[0].from_shifts);
  EXPECT_EQ(as_levels->groups[0].current[16], 5);
  EXPECT_EQ(as_levels->groups[0].current[35], 5);
  EXPECT_EQ(as_levels->groups[0].current[36], 0);
  EXPECT_EQ(as_levels->groups[0].current[15], 0);
  EXPECT_TRUE(as_levels->all_met);
}

}  // namespace
}  // namespace ccsim
