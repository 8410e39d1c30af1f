// Summaries over replications built by hand: the call flow per 100 calls
// and the per-group intervals.
#include <cmath>
#include <vector>

#include "ccsim/run.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

// One hour in two 30-minute intervals, one call type, one agent group.
Scenario TwoIntervals() {
  Scenario s;
  s.name = "hand-made";
  s.horizon = Time::Hours(1);
  s.warmup = Time::Zero();
  s.interval = Time::Minutes(30);
  s.call_types.resize(1);
  s.call_types[0].name = "general";
  s.agent_groups.resize(1);
  s.agent_groups[0].name = "team";
  return s;
}

// A replication whose totals have `c`, shaped for TwoIntervals().
ReplicationResult WithTotals(const CallCounters& c) {
  ReplicationResult r;
  r.total = ComputeMetrics(c, nullptr);
  r.intervals.assign(2, r.total);
  r.call_types.assign(1, r.total);
  r.agent_groups.assign(1, MetricValues());
  return r;
}

// The agent-time metrics of a group in one interval, as the model reports
// them: no calls, only agent time.
MetricValues Staffed(double staffed_s, double break_s) {
  AgentTime a;
  a.staffed_s = staffed_s;
  a.break_s = break_s;
  return ComputeMetrics(CallCounters(), &a);
}

// Two replications whose attempts end as follows (each list adds up to
// `calls`: closed, blocked, informed, ivr_abandoned, contained,
// transferred_out, abandoned, answered).
std::vector<ReplicationResult> TwoReplications() {
  CallCounters a;
  a.calls = 200;
  a.closed = 10;
  a.blocked = 6;
  a.informed = 4;
  a.ivr_abandoned = 8;
  a.contained = 12;
  a.transferred_out = 0;
  a.offered = 160;
  a.abandoned = 20;
  a.answered = 140;
  a.answered_within = 100;
  a.repeats = 30;
  CallCounters b;
  b.calls = 100;
  b.closed = 5;
  b.blocked = 1;
  b.informed = 2;
  b.ivr_abandoned = 3;
  b.contained = 4;
  b.transferred_out = 5;
  b.offered = 80;
  b.abandoned = 10;
  b.answered = 70;
  b.answered_within = 63;
  b.repeats = 20;
  return {WithTotals(a), WithTotals(b)};
}

TEST(SummarizeTest, CallFlowPerHundredCalls) {
  const Scenario s = TwoIntervals();
  std::vector<ReplicationResult> reps = TwoReplications();
  // A third replication without any call adds nothing to the call flow.
  reps.push_back(WithTotals(CallCounters()));
  const RunResult r = SummarizeReplications(s, 9, reps);
  EXPECT_EQ(r.replications, 3);
  EXPECT_EQ(r.seed, 9u);
  // Per 100 calls, replication 1 | 2:
  //   closed 5 | 5, blocked 3 | 1, informed 2 | 2, ivr_abandoned 4 | 3,
  //   contained 6 | 4, transferred_out 0 | 5, offered 80 | 80,
  //   abandoned 10 | 10, answered within 50 | 63, after 20 | 7,
  //   came back 15 | 20.
  // With two values the half-width is t(0.975, 1) * |x1 - x2| / 2.
  const double t = StudentTQuantile(0.975, 1);
  struct Expected {
    const char* what;
    const Estimate& got;
    double mean;
    double ci95;
  };
  const CallFlow& f = r.call_flow;
  for (const Expected& e : {
           Expected{"closed", f.closed, 5, 0},
           Expected{"blocked", f.blocked, 2, t * 1},
           Expected{"informed", f.informed, 2, 0},
           Expected{"ivr_abandoned", f.ivr_abandoned, 3.5, t * 0.5},
           Expected{"contained", f.contained, 5, t * 1},
           Expected{"transferred_out", f.transferred_out, 2.5, t * 2.5},
           Expected{"offered", f.offered, 80, 0},
           Expected{"abandoned", f.abandoned, 10, 0},
           Expected{"answered_within", f.answered_within, 56.5, t * 6.5},
           Expected{"answered_after", f.answered_after, 13.5, t * 6.5},
           Expected{"came_back", f.came_back, 17.5, t * 2.5},
       }) {
    EXPECT_NEAR(e.got.mean, e.mean, 1e-9) << e.what;
    EXPECT_NEAR(e.got.ci95, e.ci95, 1e-9) << e.what;
    EXPECT_EQ(e.got.n, 2) << e.what;
  }
  // The fates add up to 100 calls.
  EXPECT_NEAR(f.closed.mean + f.blocked.mean + f.informed.mean +
                  f.ivr_abandoned.mean + f.contained.mean +
                  f.transferred_out.mean + f.offered.mean,
              100, 1e-9);
  EXPECT_NEAR(f.abandoned.mean + f.answered_within.mean + f.answered_after.mean,
              f.offered.mean, 1e-9);
  // Without per-group intervals in the replications there are none.
  EXPECT_TRUE(r.agent_group_intervals.empty());
}

TEST(SummarizeTest, AgentGroupIntervals) {
  const Scenario s = TwoIntervals();
  std::vector<ReplicationResult> reps = TwoReplications();
  // [group * n_intervals + interval], agent time only.
  reps[0].agent_group_intervals = {Staffed(3600, 360), Staffed(7200, 1440)};
  reps[1].agent_group_intervals = {Staffed(3600, 720), Staffed(7200, 720)};
  const RunResult r = SummarizeReplications(s, 1, reps);
  ASSERT_EQ(r.agent_group_intervals.size(), 1u);
  ASSERT_EQ(r.agent_group_intervals[0].size(), 2u);
  const IntervalEstimates& first = r.agent_group_intervals[0][0];
  const IntervalEstimates& second = r.agent_group_intervals[0][1];
  EXPECT_EQ(first.day, 1);
  EXPECT_EQ(first.start, "00:00");
  EXPECT_EQ(second.start, "00:30");
  const int share = static_cast<int>(Metric::kBreakShare);
  const int hours = static_cast<int>(Metric::kStaffedHours);
  const double t = StudentTQuantile(0.975, 1);
  // Break shares 0.1 | 0.2 in the first interval, 0.2 | 0.1 in the second.
  EXPECT_NEAR(first.metrics[share].mean, 0.15, 1e-12);
  EXPECT_NEAR(first.metrics[share].ci95, t * 0.05, 1e-12);
  EXPECT_NEAR(second.metrics[share].mean, 0.15, 1e-12);
  EXPECT_EQ(first.metrics[hours].mean, 1);
  EXPECT_EQ(second.metrics[hours].mean, 2);
  EXPECT_EQ(second.metrics[hours].n, 2);
  // Call metrics are not summarised per group and interval.
  const Estimate& offered = first.metrics[static_cast<int>(Metric::kOffered)];
  EXPECT_TRUE(std::isnan(offered.mean));
  EXPECT_EQ(offered.n, 0);
}

}  // namespace
}  // namespace ccsim
