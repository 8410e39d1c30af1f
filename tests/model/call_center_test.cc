// Mechanisms of the contact-centre model checked against numbers that can be
// worked out by hand: conservation of calls, agent time, Poisson counts,
// staffing changes, common random numbers.
#include "sim/model/call_center.h"

#include <cmath>

#include "ccsim/run.h"
#include "gtest/gtest.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

using testing::MakeQueueScenario;
using testing::QueueParams;

double Get(const MetricValues& v, Metric m) { return v[m]; }

TEST(CallCenterTest, EveryOfferedCallIsAnsweredOrAbandoned) {
  QueueParams p;
  p.patience_s = 60;  // short patience: many abandon
  p.agents = 10;      // overloaded: a = 10 erlangs
  Scenario s = MakeQueueScenario(p);
  for (int rep = 0; rep < 3; ++rep) {
    ReplicationResult r = RunReplication(s, 7, rep);
    const double offered = Get(r.total, Metric::kOffered);
    EXPECT_GT(offered, 0);
    EXPECT_GT(Get(r.total, Metric::kAbandoned), 0);
    EXPECT_EQ(offered, Get(r.total, Metric::kAnswered) +
                           Get(r.total, Metric::kAbandoned));
    double interval_sum = 0;
    for (const MetricValues& i : r.intervals) {
      interval_sum += Get(i, Metric::kOffered);
      EXPECT_EQ(Get(i, Metric::kOffered),
                Get(i, Metric::kAnswered) + Get(i, Metric::kAbandoned));
    }
    EXPECT_EQ(interval_sum, offered);
    EXPECT_EQ(Get(r.call_types[0], Metric::kOffered), offered);
    EXPECT_EQ(Get(r.agent_groups[0], Metric::kAnswered),
              Get(r.total, Metric::kAnswered));
  }
}

TEST(CallCenterTest, InfinitePatienceMeansNoAbandonment) {
  QueueParams p;
  p.agents = 11;  // heavy load, long waits
  ReplicationResult r = RunReplication(MakeQueueScenario(p), 3, 0);
  EXPECT_EQ(Get(r.total, Metric::kAbandoned), 0);
  EXPECT_EQ(Get(r.total, Metric::kAnswerRate), 1.0);
  EXPECT_GT(Get(r.total, Metric::kPWait), 0.3);
}

TEST(CallCenterTest, StaffedHoursFollowTheStaffingPlanExactly) {
  // No calls at all: agents log in and out exactly at interval boundaries.
  QueueParams p;
  p.calls_per_interval = 0;
  p.horizon = Time::Days(2);
  p.warmup = Time::Zero();
  Scenario s = MakeQueueScenario(p);
  const int ipd = s.intervals_per_day();
  double planned_hours_per_day = 0;
  for (int i = 0; i < ipd; ++i) {
    s.agent_groups[0].staffing[i] = (i * 7) % 5;  // 0..4, varying
    planned_hours_per_day += s.agent_groups[0].staffing[i] * 0.5;
  }
  ReplicationResult r = RunReplication(s, 1, 0);
  EXPECT_DOUBLE_EQ(Get(r.total, Metric::kStaffedHours),
                   2 * planned_hours_per_day);
  for (int i = 0; i < 2 * ipd; ++i) {
    EXPECT_DOUBLE_EQ(Get(r.intervals[i], Metric::kStaffedHours),
                     s.agent_groups[0].staffing[i % ipd] * 0.5)
        << "interval " << i;
  }
  EXPECT_EQ(Get(r.total, Metric::kOffered), 0);
  EXPECT_TRUE(std::isnan(Get(r.total, Metric::kAnswerRate)));
}

TEST(CallCenterTest, AgentsFinishTheirCallBeforeLeaving) {
  // Staffing 5 then 0 for the night; every call is answered (infinite
  // patience) and nobody is answered while no agent is staffed, except by
  // agents finishing their last call.
  QueueParams p;
  p.calls_per_interval = 20;
  p.aht_s = 600;
  p.agents = 5;
  p.horizon = Time::Days(3);
  p.warmup = Time::Zero();
  Scenario s = MakeQueueScenario(p);
  const int ipd = s.intervals_per_day();
  for (int i = 0; i < ipd; ++i) {
    if (i < 16 || i >= 40) s.agent_groups[0].staffing[i] = 0;  // 08:00-20:00
  }
  ReplicationResult r = RunReplication(s, 5, 0);
  EXPECT_EQ(Get(r.total, Metric::kAbandoned), 0);
  EXPECT_EQ(Get(r.total, Metric::kOffered), Get(r.total, Metric::kAnswered));
  // Staffed time exceeds the plan only by the calls finished after 20:00,
  // which are at most 5 agents times a few handle times per day.
  const double planned = 3 * 5 * 12.0;
  const double staffed = Get(r.total, Metric::kStaffedHours);
  EXPECT_GE(staffed, planned);
  EXPECT_LT(staffed, planned + 3 * 5 * 1.5);
  // Calls arriving at night wait until 08:00: the night intervals have
  // long waits and nobody answered within 20 s.
  EXPECT_EQ(Get(r.intervals[4], Metric::kServiceLevel), 0.0);  // 02:00
  EXPECT_GT(Get(r.intervals[4], Metric::kAsa), 3600.0);
}

TEST(CallCenterTest, ArrivalCountsArePoissonWithTheGivenRate) {
  // Rates differ by interval; the mean count per interval over many days
  // must match the rate within 4 standard errors (Poisson: var = mean).
  QueueParams p;
  p.horizon = Time::Days(200);
  p.warmup = Time::Zero();
  p.agents = 30;
  Scenario s = MakeQueueScenario(p);
  const int ipd = s.intervals_per_day();
  for (int i = 0; i < ipd; ++i) {
    s.call_types[0].rate_per_s[i] = (i % 4) * 10.0 / 1800.0;  // 0,10,20,30
  }
  ReplicationResult r = RunReplication(s, 11, 0);
  std::vector<double> sum(ipd, 0);
  for (size_t i = 0; i < r.intervals.size(); ++i) {
    sum[i % ipd] += Get(r.intervals[i], Metric::kOffered);
  }
  for (int i = 0; i < ipd; ++i) {
    const double expected = (i % 4) * 10.0;
    const double mean = sum[i] / 200;
    EXPECT_NEAR(mean, expected, 4 * std::sqrt(expected / 200) + 1e-12)
        << "interval " << i;
  }
}

TEST(CallCenterTest, CommonRandomNumbersAcrossStaffingVariants) {
  // Arrivals, handle times and patience come from streams keyed by the call
  // type's name: changing staffing changes no caller.
  QueueParams p;
  p.patience_s = 300;
  Scenario base = MakeQueueScenario(p);
  p.agents = 16;
  Scenario variant = MakeQueueScenario(p);
  for (int rep = 0; rep < 3; ++rep) {
    ReplicationResult a = RunReplication(base, 9, rep);
    ReplicationResult b = RunReplication(variant, 9, rep);
    ASSERT_EQ(a.intervals.size(), b.intervals.size());
    for (size_t i = 0; i < a.intervals.size(); ++i) {
      EXPECT_EQ(Get(a.intervals[i], Metric::kOffered),
                Get(b.intervals[i], Metric::kOffered));
    }
    // More agents: less waiting, with the same callers.
    EXPECT_LT(Get(b.total, Metric::kMeanWait), Get(a.total, Metric::kMeanWait));
  }
}

TEST(CallCenterTest, AddingACallTypeLeavesTheOthersDrawsAlone) {
  QueueParams p;
  Scenario one = MakeQueueScenario(p);
  Scenario two = one;
  CallTypeSpec extra = one.call_types[0];
  extra.name = "billing";
  two.call_types.insert(two.call_types.begin(), extra);  // first in the list
  two.agent_groups[0].skills = {0, 1};
  ReplicationResult a = RunReplication(one, 4, 0);
  ReplicationResult b = RunReplication(two, 4, 0);
  EXPECT_EQ(Get(a.call_types[0], Metric::kOffered),
            Get(b.call_types[1], Metric::kOffered));
  EXPECT_NE(Get(b.call_types[0], Metric::kOffered),
            Get(b.call_types[1], Metric::kOffered));
}

TEST(CallCenterTest, ReplicationsDifferAndRepeat) {
  Scenario s = MakeQueueScenario(QueueParams{});
  ReplicationResult a = RunReplication(s, 1, 0);
  ReplicationResult a2 = RunReplication(s, 1, 0);
  ReplicationResult b = RunReplication(s, 1, 1);
  ReplicationResult c = RunReplication(s, 2, 0);
  EXPECT_EQ(Get(a.total, Metric::kMeanWait), Get(a2.total, Metric::kMeanWait));
  EXPECT_EQ(a.events, a2.events);
  EXPECT_NE(Get(a.total, Metric::kOffered), Get(b.total, Metric::kOffered));
  EXPECT_NE(Get(a.total, Metric::kOffered), Get(c.total, Metric::kOffered));
}

TEST(CallCenterTest, FirstComeFirstServedAcrossTypesAndGroups) {
  // Two types, two groups: a specialist group for "b" only and a generalist
  // group for both. With equal loads the specialists answer only billing,
  // and all calls are answered (infinite patience).
  QueueParams p;
  p.agents = 8;
  Scenario s = MakeQueueScenario(p);
  s.call_types.push_back(s.call_types[0]);
  s.call_types[1].name = "billing";
  AgentGroupSpec spec = s.agent_groups[0];
  spec.name = "specialists";
  spec.skills = {1};
  s.agent_groups[0].skills = {0, 1};
  s.agent_groups.push_back(spec);
  ReplicationResult r = RunReplication(s, 21, 0);
  EXPECT_EQ(Get(r.total, Metric::kOffered), Get(r.total, Metric::kAnswered));
  EXPECT_EQ(Get(r.agent_groups[0], Metric::kAnswered) +
                Get(r.agent_groups[1], Metric::kAnswered),
            Get(r.total, Metric::kAnswered));
  // Billing has 8 dedicated agents plus help: it waits less.
  EXPECT_LT(Get(r.call_types[1], Metric::kMeanWait),
            Get(r.call_types[0], Metric::kMeanWait));
}

// Helper: mean over replications of one metric in one scope.
Estimate EstimateOf(const MetricEstimates& m, Metric metric) {
  return m[static_cast<int>(metric)];
}

TEST(CallCenterTest, LongestIdleAgentSpreadsWorkEvenlyAcrossGroups) {
  // Two identical groups for one call type at 6 erlangs on 10 agents. The
  // longest-idle rule gives both the same occupancy; a rule that preferred
  // the first group with a free agent would load it far more (about 0.75
  // against 0.45 here).
  QueueParams p;
  p.calls_per_interval = 60;
  p.agents = 5;
  p.replications = 10;
  Scenario s = MakeQueueScenario(p);
  s.agent_groups.push_back(s.agent_groups[0]);
  s.agent_groups[1].name = "team2";
  absl::StatusOr<RunResult> r = RunScenario(s, RunOptions{});
  ASSERT_TRUE(r.ok());
  const Estimate a = EstimateOf(r->agent_groups[0].metrics, Metric::kOccupancy);
  const Estimate b = EstimateOf(r->agent_groups[1].metrics, Metric::kOccupancy);
  EXPECT_NEAR(a.mean, 0.6, 0.03);  // 6 erlangs on 10 agents
  EXPECT_NEAR(a.mean, b.mean, 0.01);
}

TEST(CallCenterTest, FirstComeFirstServedGivesEveryTypeTheSameWait) {
  // One group answers two types of unequal volume at high load. Served in
  // order of arrival, both types see the same waiting-time distribution; a
  // rule that served the first type first would starve the second.
  QueueParams p;
  p.calls_per_interval = 60;  // type 0; type 1 gets 30
  p.agents = 10;              // 9 erlangs on 10 agents
  p.replications = 10;
  Scenario s = MakeQueueScenario(p);
  s.call_types.push_back(s.call_types[0]);
  s.call_types[1].name = "billing";
  for (double& rate : s.call_types[1].rate_per_s) rate /= 2;
  s.agent_groups[0].skills = {0, 1};
  absl::StatusOr<RunResult> r = RunScenario(s, RunOptions{});
  ASSERT_TRUE(r.ok());
  const Estimate w0 = EstimateOf(r->call_types[0].metrics, Metric::kMeanWait);
  const Estimate w1 = EstimateOf(r->call_types[1].metrics, Metric::kMeanWait);
  EXPECT_GT(w0.mean, 10.0);  // a real queue forms
  EXPECT_NEAR(w0.mean, w1.mean, 2 * std::hypot(w0.ci95, w1.ci95));
  EXPECT_NEAR(w0.mean, w1.mean, 0.1 * w0.mean);
}

TEST(CallCenterTest, CheckRunnableRejectsUnanswerableCallTypes) {
  QueueParams p;
  Scenario s = MakeQueueScenario(p);
  s.agent_groups[0].staffing.assign(s.intervals_per_day(), 0);
  EXPECT_EQ(CheckRunnable(s).message(),
            "call type 'general' can never be answered (no agent group with "
            "that skill has agents at any time of day) and its callers have "
            "no patience limit, so they would wait forever");
  s.call_types[0].patience = Distribution::Exponential(60);
  EXPECT_TRUE(CheckRunnable(s).ok());
  ReplicationResult r = RunReplication(s, 1, 0);
  EXPECT_EQ(Get(r.total, Metric::kAbandonRate), 1.0);
}

TEST(CallCenterTest, CheckRunnableRejectsAbsurdVolumes) {
  QueueParams p;
  p.calls_per_interval = 1e6;  // 48 M a day, 244 M over 5 days + 2 h
  Scenario s = MakeQueueScenario(p);
  EXPECT_EQ(std::string(CheckRunnable(s).message()),
            "the arrival rates give about 2.44e+08 calls per replication "
            "(warm-up included); at most 2e+08 are supported");
  s.horizon = Time::Days(4);  // 4 days + 2 h: 196 M
  EXPECT_TRUE(CheckRunnable(s).ok());
}

}  // namespace
}  // namespace ccsim
