// Outbound follow-up calls (sim/model/follow_ups.h) against numbers worked
// out by hand or by formula: a dedicated outbound team leaves inbound
// service unchanged draw for draw; its backlog is an M/M/c queue (the
// departures of an M/M/c queue are Poisson, Burke's theorem, and a share of
// them is a thinned Poisson stream), so timeliness and delay are Erlang C's;
// every task ends once; retries follow the binomial law; the day-end
// backlog against a hand count; blending with keep_idle; thread counts.
//
// Statistical checks use testing::kWiden (tests/testing/model_checks.h);
// seeds are fixed, so outcomes are deterministic.
#include <cmath>
#include <string>
#include <vector>

#include "ccsim/erlang.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "gtest/gtest.h"
#include "tests/testing/model_checks.h"

namespace ccsim {
namespace {

using testing::ExpectCountNear;
using testing::ExpectRunnable;
using testing::ExpectWithinCi;
using testing::M;
using testing::OneQueue;
using testing::Over;
using testing::Replica;
using testing::RunMany;
using testing::SameValue;

// Inbound: 100 calls per 30 minutes, 180 s mean talk, 12 agents (Erlang C
// P(wait) 0.449). Half of the answered calls create a follow-up of 120 s.
constexpr double kCallsPer30m = 100;
constexpr double kShare = 0.5;
constexpr double kFollowUpTalk = 120;

FollowUpSpec Instant() {
  FollowUpSpec f;
  f.share = kShare;
  f.window = Time::Seconds(30);
  f.dial_time = Distribution::Deterministic(0);
  f.reach = 1;
  f.talk_time = Distribution::Exponential(kFollowUpTalk);
  return f;
}

// The inbound queue, with a follow-up spec on its type.
Scenario Base(Time horizon) {
  Scenario s = OneQueue(kCallsPer30m, 180, 12, horizon, Time::Hours(2));
  s.seed = 17;
  return s;
}

// Adds a dedicated outbound group of `agents` (no skills) for type 0.
Scenario WithDedicated(Scenario s, const FollowUpSpec& f, int agents) {
  s.call_types[0].follow_up = f;
  AgentGroupSpec g;
  g.name = "outbound";
  g.staffing.assign(s.intervals_per_day(), agents);
  g.outbound = OutboundSpec{.follow_ups = {0}, .keep_idle = 0};
  s.agent_groups.push_back(g);
  return s;
}

// A dedicated team draws from its own stream and takes no inbound call:
// every inbound metric of the call type is the base's, bit for bit.
TEST(FollowUpTest, ADedicatedTeamLeavesInboundServiceUnchanged) {
  const Scenario base = Base(Time::Days(1));
  const Scenario with = WithDedicated(base, Instant(), 5);
  ExpectRunnable(with);
  const std::vector<Replica> a = RunMany(base, base.seed, 2);
  const std::vector<Replica> b = RunMany(with, with.seed, 2);
  for (size_t r = 0; r < a.size(); ++r) {
    for (int m = 0; m < kNumMetrics; ++m) {
      if (IsFollowUpMetric(static_cast<Metric>(m))) continue;
      EXPECT_TRUE(
          SameValue(a[r].result.call_types[0][m], b[r].result.call_types[0][m]))
          << kMetricNames[m];
      EXPECT_TRUE(SameValue(a[r].result.agent_groups[0][m],
                            b[r].result.agent_groups[0][m]))
          << kMetricNames[m];
    }
    EXPECT_GT(M(b[r].result.total, Metric::kFollowUpsDone), 1000);
  }
}

// With dial time 0, reach 1 and FIFO by due time, the dedicated team's
// backlog is an M/M/5 queue with arrival rate share x inbound rate:
// timeliness P(W <= w) = 1 - C exp(-(c mu - lambda) w), mean delay
// C / (c mu - lambda).
TEST(FollowUpTest, ADedicatedTeamIsAnErlangCQueue) {
  const Scenario s = WithDedicated(Base(Time::Days(3)), Instant(), 5);
  ExpectRunnable(s);
  ErlangInput in;
  in.arrival_rate_per_s = kShare * kCallsPer30m / 1800;
  in.mean_handle_s = kFollowUpTalk;
  in.agents = 5;
  const absl::StatusOr<ErlangResult> erlang = ErlangQueue(in);
  ASSERT_TRUE(erlang.ok());
  const double rate = 5 / kFollowUpTalk - in.arrival_rate_per_s;
  const std::vector<Replica> reps = RunMany(s, s.seed, 12);
  ExpectWithinCi("follow-up timeliness within 30 s",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kFollowUpTimeliness);
                      }),
                 1 - erlang->p_wait * std::exp(-rate * 30), 0.02);
  ExpectWithinCi("follow-up delay",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kFollowUpDelay);
                      }),
                 erlang->mean_wait_s, 4);
  // Offered load of the team: lambda x talk agent hours per hour.
  ExpectWithinCi(
      "outbound hours per hour",
      Over(reps,
           [](const Replica& x) {
             return M(x.result.agent_groups[1], Metric::kFollowUpHours) / 72;
           }),
      in.arrival_rate_per_s * kFollowUpTalk, 0.1);
  // Created: a binomial share of the answered calls.
  double answered = 0, created = 0;
  for (const Replica& x : reps) {
    answered += M(x.result.total, Metric::kAnswered);
    created += M(x.result.total, Metric::kFollowUpsCreated);
  }
  ExpectCountNear("created", created, kShare * answered,
                  std::sqrt(answered * kShare * (1 - kShare)));
}

// Every counted task ends once: created = done + failed + open, in every
// scope; the groups' done and dials add up to the call types'.
TEST(FollowUpTest, EveryTaskEndsInExactlyOneOutcome) {
  FollowUpSpec f = Instant();
  f.reach = 0.6;
  f.retry_delay = Time::Minutes(20);
  f.window = Time::Hours(2);
  f.delay = Time::Minutes(10);
  f.wrap_up = Distribution::Exponential(30);
  Scenario s = WithDedicated(Base(Time::Days(2)), f, 2);
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, s.seed, 3)) {
    const ReplicationResult& r = x.result;
    const auto balanced = [](const MetricValues& v, const std::string& what) {
      EXPECT_EQ(M(v, Metric::kFollowUpsCreated),
                M(v, Metric::kFollowUpsDone) + M(v, Metric::kFollowUpsFailed) +
                    M(v, Metric::kFollowUpsOpen))
          << what;
      EXPECT_GE(M(v, Metric::kFollowUpDials),
                M(v, Metric::kFollowUpsDone) + M(v, Metric::kFollowUpsFailed))
          << what;
    };
    balanced(r.total, "total");
    balanced(r.call_types[0], "call type");
    for (size_t i = 0; i < r.intervals.size(); ++i) {
      balanced(r.intervals[i], "interval " + std::to_string(i));
    }
    // Two agents for 25 erlangs of follow-ups: a growing backlog.
    EXPECT_GT(M(r.total, Metric::kFollowUpsOpen), 1000);
    EXPECT_GT(M(r.total, Metric::kFollowUpsFailed), 10);
    EXPECT_EQ(M(r.agent_groups[1], Metric::kFollowUpsDone),
              M(r.total, Metric::kFollowUpsDone));
    EXPECT_EQ(M(r.agent_groups[1], Metric::kFollowUpDials),
              M(r.total, Metric::kFollowUpDials));
    EXPECT_EQ(M(r.agent_groups[0], Metric::kFollowUpsDone), 0);
    // The team is busy all the time on follow-ups.
    EXPECT_NEAR(M(r.agent_groups[1], Metric::kOccupancy), 1, 0.01);
  }
}

TEST(FollowUpTest, UnreachedTasksAreRetriedUpToTheLimit) {
  FollowUpSpec f = Instant();
  f.reach = 0.5;
  f.max_attempts = 3;
  f.retry_delay = Time::Minutes(5);
  f.window = Time::Hours(1);
  f.dial_time = Distribution::Deterministic(20);
  const Scenario s = WithDedicated(Base(Time::Days(2)), f, 8);
  double ended = 0, failed = 0, dials = 0;
  for (const Replica& x : RunMany(s, s.seed, 3)) {
    const MetricValues& v = x.result.total;
    const double done = M(v, Metric::kFollowUpsDone);
    ended += done + M(v, Metric::kFollowUpsFailed);
    failed += M(v, Metric::kFollowUpsFailed);
    // Dials of the ended tasks only (a few open tasks have dials too).
    dials += M(v, Metric::kFollowUpDials);
    EXPECT_LT(M(v, Metric::kFollowUpsOpen), 40);
  }
  ASSERT_GT(ended, 1000);
  ExpectCountNear("failed", failed, ended / 8,
                  std::sqrt(ended * (1.0 / 8) * (7.0 / 8)));
  // Dials per task: 1 + 1/2 + 1/4; open tasks add fewer than 3 x 120.
  ExpectCountNear("dials", dials, 1.75 * ended,
                  std::sqrt(0.6875 * ended) + 3 * 120 / (1.96 * 1.75));
}

// No agent: every task stays open, so the backlog at the end of day d is
// every task created by then, counted by hand from the per-interval
// creations (no warm-up, so no task goes uncounted). No call arrives in
// the last hour of a day, so every task of a day's calls is created by
// midnight (a 12-agent queue clears in minutes).
TEST(FollowUpTest, TheDayEndBacklogIsEveryOpenTask) {
  Scenario s = OneQueue(kCallsPer30m, 180, 12, Time::Days(3));
  s.seed = 5;
  s.call_types[0].rate_per_s.end()[-1] = 0;
  s.call_types[0].rate_per_s.end()[-2] = 0;
  s = WithDedicated(s, Instant(), 0);
  ExpectRunnable(s);
  const int ipd = s.intervals_per_day();
  for (const Replica& x : RunMany(s, s.seed, 2)) {
    const ReplicationResult& r = x.result;
    double cumulative = 0, sum = 0;
    for (size_t i = 0; i < r.intervals.size(); ++i) {
      cumulative += M(r.intervals[i], Metric::kFollowUpsCreated);
      const bool day_end = (i + 1) % static_cast<size_t>(ipd) == 0;
      if (day_end) {
        sum += cumulative;
        EXPECT_EQ(M(r.intervals[i], Metric::kFollowUpBacklog), cumulative);
      } else {
        EXPECT_TRUE(std::isnan(M(r.intervals[i], Metric::kFollowUpBacklog)));
      }
    }
    EXPECT_DOUBLE_EQ(M(r.total, Metric::kFollowUpBacklog), sum / 3);
    EXPECT_EQ(M(r.total, Metric::kFollowUpsOpen),
              M(r.total, Metric::kFollowUpsCreated));
    EXPECT_EQ(M(r.total, Metric::kFollowUpsDone), 0);
    // Tasks due before the end are overdue: timeliness 0.
    EXPECT_EQ(M(r.total, Metric::kFollowUpTimeliness), 0);
  }
}

// A blended group calls follow-ups between inbound calls: the inbound
// service level falls (the cost of blending). keep_idle as large as the
// group never lets it start one.
TEST(FollowUpTest, BlendingCostsInboundServiceAndKeepIdleProtectsIt) {
  Scenario base = Base(Time::Days(2));
  base.agent_groups[0].staffing.assign(base.intervals_per_day(), 14);
  FollowUpSpec f = Instant();
  f.share = 0.2;
  f.window = Time::Hours(4);
  base.call_types[0].follow_up = f;
  Scenario blended = base;
  blended.agent_groups[0].outbound = OutboundSpec{.follow_ups = {0}};
  Scenario guarded = blended;
  guarded.agent_groups[0].outbound->keep_idle = 14;
  base.call_types[0].follow_up.reset();
  ExpectRunnable(blended);
  const auto sl = [](const Replica& x) {
    return M(x.result.total, Metric::kServiceLevel);
  };
  const std::vector<Replica> a = RunMany(base, base.seed, 4);
  const std::vector<Replica> b = RunMany(blended, blended.seed, 4);
  const std::vector<Replica> c = RunMany(guarded, guarded.seed, 4);
  const Estimate sa = Over(a, sl), sb = Over(b, sl);
  EXPECT_LT(sb.mean + sb.ci95, sa.mean - sa.ci95);
  for (size_t r = 0; r < a.size(); ++r) {
    EXPECT_GT(M(b[r].result.total, Metric::kFollowUpsDone), 500);
    EXPECT_EQ(M(c[r].result.total, Metric::kFollowUpsDone), 0);
    EXPECT_EQ(M(c[r].result.total, Metric::kFollowUpDials), 0);
    // Unused follow-ups leave inbound exactly as without them.
    EXPECT_EQ(M(c[r].result.total, Metric::kServiceLevel),
              M(a[r].result.total, Metric::kServiceLevel));
  }
}

TEST(FollowUpTest, CheckRunnableBoundsTheFollowUp) {
  FollowUpSpec f = Instant();
  EXPECT_TRUE(CheckRunnable(WithDedicated(Base(Time::Days(1)), f, 2)).ok());
  f.max_attempts = 300;
  EXPECT_FALSE(CheckRunnable(WithDedicated(Base(Time::Days(1)), f, 2)).ok());
  f = Instant();
  f.window = Time::Zero();
  EXPECT_FALSE(CheckRunnable(WithDedicated(Base(Time::Days(1)), f, 2)).ok());
  // Tasks no group calls.
  Scenario s = Base(Time::Days(1));
  s.call_types[0].follow_up = Instant();
  EXPECT_FALSE(CheckRunnable(s).ok());
}

TEST(FollowUpTest, SameResultsForAnyThreadCount) {
  FollowUpSpec f = Instant();
  f.reach = 0.7;
  f.dial_time = Distribution::Exponential(20);
  Scenario s = Base(Time::Days(1));
  s.call_types[0].follow_up = f;
  s.agent_groups[0].outbound = OutboundSpec{.follow_ups = {0}, .keep_idle = 1};
  s.replications = 4;
  RunOptions one, two;
  one.threads = 1;
  two.threads = 2;
  const absl::StatusOr<RunResult> a = RunScenario(s, one);
  const absl::StatusOr<RunResult> b = RunScenario(s, two);
  ASSERT_TRUE(a.ok() && b.ok());
  for (int m = 0; m < kNumMetrics; ++m) {
    EXPECT_TRUE(SameValue(a->total[m].mean, b->total[m].mean))
        << kMetricNames[m];
    EXPECT_TRUE(SameValue(a->total[m].ci95, b->total[m].ci95))
        << kMetricNames[m];
  }
  EXPECT_GT(a->total[static_cast<int>(Metric::kFollowUpsDone)].mean, 100);
}

}  // namespace
}  // namespace ccsim
