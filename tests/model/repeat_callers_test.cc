// Repeat calling: redials after a busy signal, an abandonment or a hang-up
// in the IVR (with decay and a cap on attempts), and returns of unresolved
// issues (first-contact resolution), against exact flow balances and
// formulas worked out by hand.
#include <cmath>
#include <string>
#include <vector>

#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "gtest/gtest.h"
#include "sim/model/call_center.h"
#include "tests/testing/model_checks.h"

namespace ccsim {
namespace {

using testing::ExpectWithinCi;
using testing::M;
using testing::OneQueue;
using testing::Over;
using testing::Replica;
using testing::RunMany;

using testing::ExpectRunnable;

// A one-menu IVR: hang up with probability h, else the caller's queue.
void HangUpMenu(Scenario& s, double h) {
  IvrNode menu;
  menu.name = "main";
  menu.kind = IvrNode::kMenu;
  menu.depth = 1;
  menu.hang_up = h;
  IvrOption o;
  o.name = "agent";
  o.target.kind = IvrTarget::kQueue;
  o.target.index = -1;
  o.weight.assign(s.call_types.size(), 1.0);
  menu.options = {o};
  s.ivr.nodes = {menu};
  s.ivr.root = 0;
}

TEST(RedialTest, EveryFailedAttemptIsRedialedOrGivenUpExactly) {
  // Busy signals (trunk lines), abandonment (patience) and IVR hang-ups,
  // each with a redial probability, decay and a cap on attempts; no
  // warm-up and full resolution. Every failed attempt is followed by
  // exactly one of: a redial in the horizon, a redial that would come after
  // it, or giving up.
  Scenario s = OneQueue(150, 180, 14, Time::Days(2));
  s.trunk_lines = 18;
  s.call_types[0].patience = Distribution::Exponential(120);
  HangUpMenu(s, 0.1);
  RedialSpec& r = s.call_types[0].redial;
  r.after_busy = 0.8;
  r.after_abandon = 0.6;
  r.after_ivr = 0.5;
  r.decay = 0.8;
  r.max_attempts = 4;
  r.delay = Distribution::Exponential(300);
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, 71, 5)) {
    const MetricValues& t = x.result.total;
    EXPECT_GT(M(t, Metric::kBlocked), 0);
    EXPECT_GT(M(t, Metric::kAbandoned), 0);
    EXPECT_GT(M(t, Metric::kIvrAbandoned), 0);
    EXPECT_GT(x.probe.repeats_after_horizon, 0);
    EXPECT_EQ(M(t, Metric::kBlocked) + M(t, Metric::kAbandoned) +
                  M(t, Metric::kIvrAbandoned),
              M(t, Metric::kRedialsBusy) + M(t, Metric::kRedialsAbandon) +
                  M(t, Metric::kRedialsIvr) + M(t, Metric::kGaveUp) +
                  static_cast<double>(x.probe.repeats_after_horizon));
    EXPECT_EQ(M(t, Metric::kReturns), 0);
    EXPECT_EQ(M(t, Metric::kCalls) - M(t, Metric::kUniqueCallers),
              M(t, Metric::kRedialsBusy) + M(t, Metric::kRedialsAbandon) +
                  M(t, Metric::kRedialsIvr));
  }
}

// Expected calls per caller when each call fails with probability h and a
// failed caller redials with probability r * decay^(attempts - 1), at most
// max_attempts calls (0: no limit).
double CallsPerCaller(double h, double r, double decay, int max_attempts) {
  double expected = 1, p_reach = 1;  // P(the caller makes call k + 1)
  for (int k = 1; k < 200 && (max_attempts == 0 || k < max_attempts); ++k) {
    p_reach *= h * r * std::pow(decay, k - 1);
    expected += p_reach;
  }
  return expected;
}

TEST(RedialTest, CallsPerCallerIsGeometric) {
  // Only IVR hang-ups fail (h = 0.4) and callers redial with r = 0.5 after
  // a short delay (1 min) in a long horizon (10 days), plenty of agents:
  // calls per caller = 1 / (1 - h r) = 1.25 with decay 1 and no cap.
  // Redials that would fall after the horizon are added back through the
  // probe (they are a fraction of about 1e-4 of the calls).
  struct Case {
    double decay;
    int max_attempts;
  };
  for (const Case c : {Case{1.0, 0}, Case{0.5, 0}, Case{1.0, 2}}) {
    SCOPED_TRACE("decay " + std::to_string(c.decay) + " max_attempts " +
                 std::to_string(c.max_attempts));
    Scenario s = OneQueue(40, 120, 12, Time::Days(10));
    HangUpMenu(s, 0.4);
    RedialSpec& r = s.call_types[0].redial;
    r.after_ivr = 0.5;
    r.decay = c.decay;
    r.max_attempts = c.max_attempts;
    r.delay = Distribution::Exponential(60);
    ExpectRunnable(s);
    const std::vector<Replica> reps = RunMany(s, 73, 10);
    const double expected = CallsPerCaller(0.4, 0.5, c.decay, c.max_attempts);
    if (c.decay == 1.0 && c.max_attempts == 0) {
      ASSERT_NEAR(expected, 1.25, 1e-12);
    }
    if (c.max_attempts == 2) {
      ASSERT_NEAR(expected, 1.2, 1e-12);  // 1 + h r
    }
    ExpectWithinCi(
        "calls per caller",
        Over(reps,
             [](const Replica& x) {
               const MetricValues& t = x.result.total;
               return (M(t, Metric::kCalls) + x.probe.repeats_after_horizon) /
                      M(t, Metric::kUniqueCallers);
             }),
        expected, 0.01);
    // The reported metric (without the correction) agrees as well.
    ExpectWithinCi("calls_per_caller metric",
                   Over(reps,
                        [](const Replica& x) {
                          return M(x.result.total, Metric::kCallsPerCaller);
                        }),
                   expected, 0.01);
    if (c.max_attempts == 2) {
      // No caller calls a third time: every failed redial gives up.
      for (const Replica& x : reps) {
        const MetricValues& t = x.result.total;
        EXPECT_LE(M(t, Metric::kRedialsIvr), M(t, Metric::kUniqueCallers));
        EXPECT_LE(M(t, Metric::kCallsPerCaller), 2.0);
      }
    }
  }
}

TEST(RedialTest, MaxAttemptsCapsEveryEpisodeExactly) {
  // Everybody hangs up in the IVR (h = 1) and always redials (r = 1) after
  // exactly 60 s, at most 3 calls. Arrivals stop at 22:00, so every episode
  // ends within the horizon: each caller makes exactly 3 calls, redials
  // twice and then gives up.
  Scenario s = OneQueue(50, 120, 10, Time::Days(2));
  for (int i = 44; i < 48; ++i) s.call_types[0].rate_per_s[i] = 0;
  HangUpMenu(s, 1.0);
  RedialSpec& r = s.call_types[0].redial;
  r.after_ivr = 1.0;
  r.max_attempts = 3;
  r.delay = Distribution::Deterministic(60);
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, 79, 3)) {
    const MetricValues& t = x.result.total;
    const double callers = M(t, Metric::kUniqueCallers);
    EXPECT_GT(callers, 0);
    EXPECT_EQ(x.probe.repeats_after_horizon, 0);
    EXPECT_EQ(M(t, Metric::kCalls), 3 * callers);
    EXPECT_EQ(M(t, Metric::kRedialsIvr), 2 * callers);
    EXPECT_EQ(M(t, Metric::kGaveUp), callers);
    EXPECT_EQ(M(t, Metric::kIvrAbandoned), M(t, Metric::kCalls));
    EXPECT_EQ(M(t, Metric::kCallsPerCaller), 3.0);
  }
  // With decay 0.5 and no cap the second redial happens with probability
  // 0.5, the third with 0.25 ...: E[calls] = 1 + 1 + 0.5 + 0.125 + ...
  r.max_attempts = 0;
  r.decay = 0.5;
  ExpectRunnable(s);
  const double expected = CallsPerCaller(1, 1, 0.5, 0);
  ASSERT_NEAR(expected, 2.6416, 1e-4);
  ExpectWithinCi("calls per caller with decay 0.5",
                 Over(RunMany(s, 83, 10),
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kCallsPerCaller);
                      }),
                 expected, 0.02);
}

TEST(FcrTest, UnresolvedCallersReturnAndEveryServedCallIsAccountedFor) {
  // fcr 0.7, returns after an exponential delay of 1 hour in a 10-day
  // horizon, plenty of agents, no warm-up. Every served call is resolved,
  // returns within the horizon, or would return after it (exactly), and
  // fcr = 0.7, repeat share = 1 - 0.7 (each issue takes a geometric number
  // of calls with mean 1 / 0.7).
  Scenario s = OneQueue(60, 180, 14, Time::Days(10));
  s.call_types[0].fcr = 0.7;
  s.call_types[0].return_delay = Distribution::Exponential(3600);
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 89, 10);
  for (const Replica& x : reps) {
    const MetricValues& t = x.result.total;
    const double answered = M(t, Metric::kAnswered);
    // Without transfers every answered call's service ends: served ==
    // answered, and resolved == fcr * served.
    const double resolved = std::round(M(t, Metric::kFcr) * answered);
    EXPECT_EQ(M(t, Metric::kReturns) +
                  static_cast<double>(x.probe.repeats_after_horizon),
              answered - resolved);
    EXPECT_EQ(M(t, Metric::kCalls) - M(t, Metric::kUniqueCallers),
              M(t, Metric::kReturns));
    EXPECT_EQ(M(t, Metric::kGaveUp), 0);
  }
  ExpectWithinCi(
      "fcr",
      Over(reps,
           [](const Replica& x) { return M(x.result.total, Metric::kFcr); }),
      0.7, 0.01);
  ExpectWithinCi("returns / (served (1 - p))",
                 Over(reps,
                      [](const Replica& x) {
                        const MetricValues& t = x.result.total;
                        return M(t, Metric::kReturns) /
                               (M(t, Metric::kAnswered) * 0.3);
                      }),
                 1.0, 0.03);
  ExpectWithinCi("repeat share (horizon-corrected)",
                 Over(reps,
                      [](const Replica& x) {
                        const MetricValues& t = x.result.total;
                        const double lost = x.probe.repeats_after_horizon;
                        return (M(t, Metric::kReturns) + lost) /
                               (M(t, Metric::kCalls) + lost);
                      }),
                 0.3, 0.01);
  ExpectWithinCi("repeat share",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kRepeatShare);
                      }),
                 0.3, 0.01);
}

TEST(FcrTest, GroupFcrOverridesTheCallTypes) {
  // The only group has fcr 0.5, the type 0.9: the group's figure applies.
  Scenario s = OneQueue(60, 180, 14, Time::Days(5));
  s.call_types[0].fcr = 0.9;
  s.call_types[0].return_delay = Distribution::Exponential(3600);
  s.agent_groups[0].fcr = 0.5;
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 97, 10);
  ExpectWithinCi(
      "fcr",
      Over(reps,
           [](const Replica& x) { return M(x.result.total, Metric::kFcr); }),
      0.5, 0.02);
  ExpectWithinCi("group fcr",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.agent_groups[0], Metric::kFcr);
                      }),
                 0.5, 0.02);
}

}  // namespace
}  // namespace ccsim
