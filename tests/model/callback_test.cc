// Callbacks (virtual hold, sim/model/callbacks.h) against numbers worked out
// by hand or by formula: with acceptance 0 the model is the model without
// callbacks, draw for draw; with threshold 0 and acceptance 1 nobody
// abandons; the callback delay of a queue whose callers all take callbacks
// is the Erlang C wait of the queue it replaced; retries follow the
// binomial law; accepted callers free their trunk lines; common random
// numbers and thread counts.
//
// Statistical checks use testing::kWiden (tests/testing/model_checks.h);
// seeds are fixed, so outcomes are deterministic.
#include <cmath>
#include <cstring>
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

// 100 calls per 30 minutes, 180 s mean talk, 12 agents: 10 erlangs, Erlang
// C P(wait) = 0.449, mean wait 40.4 s.
constexpr double kCallsPer30m = 100;
constexpr double kAht = 180;
constexpr int kAgents = 12;

Scenario Queue(Time horizon = Time::Days(3)) {
  Scenario s = OneQueue(kCallsPer30m, kAht, kAgents, horizon, Time::Hours(2));
  s.seed = 11;
  return s;
}

CallbackSpec Always() {
  CallbackSpec c;
  c.offer_after = Time::Zero();
  c.accept = 1;
  c.answer = 1;
  c.dial_time = Distribution::Deterministic(0);
  return c;
}

Scenario WithCallback(Scenario s, const CallbackSpec& c) {
  s.call_types[0].callback = c;
  return s;
}

// Every metric but the callback metrics is the same, bit for bit.
void ExpectSameButCallbacks(const MetricValues& a, const MetricValues& b,
                            const std::string& scope) {
  for (int m = 0; m < kNumMetrics; ++m) {
    if (IsCallbackMetric(static_cast<Metric>(m))) continue;
    EXPECT_TRUE(SameValue(a[m], b[m]))
        << scope << " " << kMetricNames[m] << ": " << a[m] << " vs " << b[m];
  }
}

TEST(CallbackTest, AcceptanceZeroIsTheModelWithoutCallbacks) {
  Scenario base = Queue(Time::Days(1));
  base.call_types[0].patience = Distribution::Exponential(120);
  CallbackSpec c = Always();
  c.accept = 0;
  c.dial_time = Distribution::Deterministic(20);
  const Scenario variant = WithCallback(base, c);
  ExpectRunnable(variant);
  const std::vector<Replica> a = RunMany(base, base.seed, 2);
  const std::vector<Replica> b = RunMany(variant, variant.seed, 2);
  for (size_t r = 0; r < a.size(); ++r) {
    ExpectSameButCallbacks(a[r].result.total, b[r].result.total, "total");
    ASSERT_EQ(a[r].result.intervals.size(), b[r].result.intervals.size());
    for (size_t i = 0; i < a[r].result.intervals.size(); ++i) {
      ExpectSameButCallbacks(a[r].result.intervals[i], b[r].result.intervals[i],
                             "interval " + std::to_string(i));
    }
    EXPECT_EQ(a[r].result.events, b[r].result.events);
    // The offers were made (and all declined).
    EXPECT_GT(M(b[r].result.total, Metric::kCallbacksOffered), 100);
    EXPECT_EQ(M(b[r].result.total, Metric::kCallbacksAccepted), 0);
  }
}

TEST(CallbackTest, WithThresholdZeroEveryCallerWhoWouldWaitIsCalledBack) {
  Scenario s = Queue(Time::Days(1));
  s.call_types[0].patience = Distribution::Exponential(60);
  CallbackSpec c = Always();
  c.dial_time = Distribution::Deterministic(15);
  s = WithCallback(s, c);
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, s.seed, 3)) {
    const MetricValues& v = x.result.total;
    EXPECT_EQ(M(v, Metric::kAbandoned), 0);
    EXPECT_EQ(M(v, Metric::kAnswered), M(v, Metric::kOffered));
    EXPECT_GT(M(v, Metric::kCallbacksOffered), 500);
    EXPECT_EQ(M(v, Metric::kCallbacksAccepted),
              M(v, Metric::kCallbacksOffered));
    EXPECT_EQ(M(v, Metric::kCallbacksCompleted),
              M(v, Metric::kCallbacksAccepted));
    EXPECT_EQ(M(v, Metric::kCallbacksFailed), 0);
    EXPECT_EQ(M(v, Metric::kCallbackDials), M(v, Metric::kCallbacksAccepted));
    // Callers answered live never waited (else they would have been
    // offered a callback); a completed callback is never within the
    // threshold.
    EXPECT_DOUBLE_EQ(
        M(v, Metric::kServiceLevel) * M(v, Metric::kOffered),
        M(v, Metric::kAnswered) - M(v, Metric::kCallbacksCompleted));
    // Each callback costs its agent the dial, the talk and the wrap-up:
    // at least 15 s each.
    EXPECT_GE(M(v, Metric::kCallbackHours) * 3600,
              15 * M(v, Metric::kCallbackDials));
  }
}

// All callers who would wait take a callback that connects at once: the
// places are served first come, first served by the same agents with the
// same talk times, so the callback delay is the wait of the M/M/c queue it
// replaced (Erlang C), and the share called back within a window w is
// P(W <= w | W > 0) = 1 - exp(-(c mu - lambda) w).
TEST(CallbackTest, CallbackDelayIsTheErlangCWaitOfTheQueueItReplaced) {
  CallbackSpec c = Always();
  c.window = Time::Seconds(60);
  const Scenario s = WithCallback(Queue(), c);
  ExpectRunnable(s);
  ErlangInput in;
  in.arrival_rate_per_s = kCallsPer30m / 1800;
  in.mean_handle_s = kAht;
  in.agents = kAgents;
  const absl::StatusOr<ErlangResult> erlang = ErlangQueue(in);
  ASSERT_TRUE(erlang.ok());
  const std::vector<Replica> reps = RunMany(s, s.seed, 12);
  ExpectWithinCi("mean wait (callback delay of all offered)",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kMeanWait);
                      }),
                 erlang->mean_wait_s, 6);
  ExpectWithinCi("share offered a callback",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kCallbacksOffered) /
                               M(x.result.total, Metric::kOffered);
                      }),
                 erlang->p_wait, 0.03);
  const double rate = kAgents / kAht - kCallsPer30m / 1800;
  ExpectWithinCi("callback timeliness",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kCallbackTimeliness);
                      }),
                 1 - std::exp(-rate * 60), 0.03);
  ExpectWithinCi("callback delay (completed callbacks)",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kCallbackDelay);
                      }),
                 1 / rate, 8);
}

TEST(CallbackTest, UnansweredDialsAreRetriedUpToTheLimit) {
  CallbackSpec c = Always();
  c.answer = 0.5;
  c.max_attempts = 3;
  c.retry_delay = Time::Minutes(5);
  c.dial_time = Distribution::Deterministic(20);
  const Scenario s = WithCallback(Queue(Time::Days(2)), c);
  ExpectRunnable(s);
  double accepted = 0, failed = 0, dials = 0;
  for (const Replica& x : RunMany(s, s.seed, 3)) {
    const MetricValues& v = x.result.total;
    accepted += M(v, Metric::kCallbacksAccepted);
    failed += M(v, Metric::kCallbacksFailed);
    dials += M(v, Metric::kCallbackDials);
    EXPECT_EQ(
        M(v, Metric::kCallbacksAccepted),
        M(v, Metric::kCallbacksCompleted) + M(v, Metric::kCallbacksFailed));
    EXPECT_EQ(M(v, Metric::kOffered),
              M(v, Metric::kAnswered) + M(v, Metric::kCallbacksFailed));
  }
  ASSERT_GT(accepted, 1000);
  // Not reached 3 times: 1/8. Dials per callback: 1 + 1/2 + 1/4.
  ExpectCountNear("failed", failed, accepted / 8,
                  std::sqrt(accepted * (1.0 / 8) * (7.0 / 8)));
  // Var of the dials of one callback: E[D^2] - 1.75^2 with D = 1, 2, 3 with
  // probabilities 1/2, 1/4, 1/4: (0.5 + 1 + 2.25) - 3.0625 = 0.6875.
  ExpectCountNear("dials", dials, 1.75 * accepted,
                  std::sqrt(0.6875 * accepted));
}

TEST(CallbackTest, NeverReachedCallbacksFailAfterExactlyMaxAttemptsDials) {
  CallbackSpec c = Always();
  c.answer = 0;
  c.max_attempts = 2;
  c.dial_time = Distribution::Deterministic(10);
  const Scenario s = WithCallback(Queue(Time::Days(1)), c);
  for (const Replica& x : RunMany(s, s.seed, 2)) {
    const MetricValues& v = x.result.total;
    EXPECT_GT(M(v, Metric::kCallbacksAccepted), 100);
    EXPECT_EQ(M(v, Metric::kCallbacksFailed), M(v, Metric::kCallbacksAccepted));
    EXPECT_EQ(M(v, Metric::kCallbackDials),
              2 * M(v, Metric::kCallbacksAccepted));
    EXPECT_TRUE(std::isnan(M(v, Metric::kCallbackDelay)));
    EXPECT_EQ(M(v, Metric::kCallbackTimeliness), 0);
    EXPECT_EQ(M(v, Metric::kGaveUp), M(v, Metric::kCallbacksFailed));
  }
}

// 12 agents and 14 trunk lines at 10 erlangs: without callbacks waiting
// callers hold lines and some find all 14 busy; with every waiting caller
// taking a callback, only live talks (at most 12) hold lines, and a caller
// being offered a callback holds one for an instant.
TEST(CallbackTest, AcceptedCallersFreeTheirTrunkLines) {
  Scenario base = Queue(Time::Days(1));
  base.trunk_lines = 14;
  const Scenario with = WithCallback(base, Always());
  const std::vector<Replica> a = RunMany(base, base.seed, 2);
  const std::vector<Replica> b = RunMany(with, with.seed, 2);
  for (size_t r = 0; r < a.size(); ++r) {
    EXPECT_GT(M(a[r].result.total, Metric::kBlocked), 10);
    EXPECT_EQ(M(b[r].result.total, Metric::kBlocked), 0);
    EXPECT_LE(b[r].probe.max_lines_in_use, kAgents + 1);
  }
}

// With live_queue_below 1 a place is dialled only while no live caller
// waits: callbacks wait longer than at their turn, live callers less.
TEST(CallbackTest, AShortQueuePolicyServesLiveCallersFirst) {
  CallbackSpec c = Always();
  c.accept = 0.5;
  c.dial_time = Distribution::Deterministic(10);
  const Scenario at_turn = WithCallback(Queue(Time::Days(2)), c);
  c.live_queue_below = 1;
  const Scenario short_queue = WithCallback(Queue(Time::Days(2)), c);
  const std::vector<Replica> a = RunMany(at_turn, at_turn.seed, 4);
  const std::vector<Replica> b = RunMany(short_queue, short_queue.seed, 4);
  auto delay = [](const Replica& x) {
    return M(x.result.total, Metric::kCallbackDelay);
  };
  const Estimate da = Over(a, delay), db = Over(b, delay);
  EXPECT_GT(db.mean - db.ci95, da.mean + da.ci95)
      << "at turn " << da.mean << ", short queue " << db.mean;
  // Live callers: answered within 20 s more often.
  auto sl = [](const Replica& x) {
    return M(x.result.total, Metric::kServiceLevel);
  };
  const Estimate sa = Over(a, sl), sb = Over(b, sl);
  EXPECT_GT(sb.mean - sb.ci95, sa.mean + sa.ci95);
}

// A variant with callbacks shares the base's arrivals and talk times: the
// same calls arrive, and the offers draw from a stream of their own.
TEST(CallbackTest, AVariantWithCallbacksSharesArrivals) {
  Scenario base = Queue(Time::Days(1));
  base.call_types[0].patience = Distribution::Exponential(300);
  CallbackSpec c = Always();
  c.accept = 0.5;
  const Scenario with = WithCallback(base, c);
  const std::vector<Replica> a = RunMany(base, base.seed, 3);
  const std::vector<Replica> b = RunMany(with, with.seed, 3);
  for (size_t r = 0; r < a.size(); ++r) {
    EXPECT_EQ(M(a[r].result.total, Metric::kCalls),
              M(b[r].result.total, Metric::kCalls));
    for (size_t i = 0; i < a[r].result.intervals.size(); ++i) {
      EXPECT_EQ(M(a[r].result.intervals[i], Metric::kOffered),
                M(b[r].result.intervals[i], Metric::kOffered));
    }
  }
}

// Scenarios built in code get the loader's bounds (a count past 255 would
// wrap the call's dial counter).
TEST(CallbackTest, CheckRunnableBoundsTheCallback) {
  CallbackSpec c = Always();
  c.max_attempts = 300;
  EXPECT_FALSE(CheckRunnable(WithCallback(Queue(), c)).ok());
  c.max_attempts = kMaxCallbackAttempts;
  EXPECT_TRUE(CheckRunnable(WithCallback(Queue(), c)).ok());
  c.offer_until = c.offer_after;
  EXPECT_FALSE(CheckRunnable(WithCallback(Queue(), c)).ok());
}

TEST(CallbackTest, SameResultsForAnyThreadCount) {
  CallbackSpec c = Always();
  c.accept = 0.7;
  c.answer = 0.8;
  c.dial_time = Distribution::Exponential(20);
  Scenario s = WithCallback(Queue(Time::Days(1)), c);
  s.call_types[0].patience = Distribution::Exponential(200);
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
}

// A queue nobody serves after the horizon (a dated table whose last day
// has no agent): callers who wait without patience, and callback places,
// used to wait forever (the run never ended). A week past the horizon
// they end: live callers abandon, places fail.
TEST(CallbackTest, PlacesNobodyWillServeFailAtTheDrainLimit) {
  Scenario s = Queue(Time::Days(2));
  s.warmup = Time::Zero();
  const int ipd = s.intervals_per_day();
  std::vector<double> dated(static_cast<size_t>(2 * ipd), 0.0);
  // Day 1 overloaded (6 agents for 10 erlangs): places pile up while the
  // predicted wait is within the window; day 2 (the table's last) empty.
  for (int i = 0; i < ipd; ++i) dated[static_cast<size_t>(i)] = 6;
  s.agent_groups[0].staffing_by_interval = dated;
  s.agent_groups[0].staffing.assign(static_cast<size_t>(ipd), 6);
  for (const bool callbacks : {false, true}) {
    SCOPED_TRACE(callbacks ? "with callbacks" : "live callers");
    // Places are taken only while no live caller waits: in the overload
    // they are never taken.
    CallbackSpec c = Always();
    c.live_queue_below = 1;
    Scenario x = callbacks ? WithCallback(s, c) : s;
    ExpectRunnable(x);
    const Replica r = testing::RunOne(x, x.seed, 0);
    const MetricValues& v = r.result.total;
    // Day 2's callers are never answered.
    EXPECT_GT(M(v, Metric::kOffered) - M(v, Metric::kAnswered), 1000);
    EXPECT_EQ(M(v, Metric::kOffered), M(v, Metric::kAnswered) +
                                          M(v, Metric::kAbandoned) +
                                          M(v, Metric::kCallbacksFailed));
    EXPECT_GT(M(v, Metric::kAbandoned), 1000);
    if (callbacks) EXPECT_GT(M(v, Metric::kCallbacksFailed), 20);
  }
}

}  // namespace
}  // namespace ccsim
