// Skills and routing (priorities, overflow delays, handle-time factors) and
// agent time (shifts, scheduled breaks under a break cap, schedule
// adherence, ad-hoc AUX), against numbers worked out by hand.
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

using testing::ExpectRelEq;
using testing::ExpectWithinCi;
using testing::M;
using testing::OneQueue;
using testing::Over;
using testing::Replica;
using testing::RunMany;

using testing::ExpectRunnable;

// ---------------------------------------------------------------------------
// 10. Skills and routing.

// One agent from 08:00 to 20:00 answers types "a" and "b" (talk exactly
// 300 s, no patience). "b" calls arrive only 00:00-00:30, "a" calls only
// 01:00-01:30, about 10 of each a night; all wait for 08:00.
Scenario NightQueue(int priority_b) {
  Scenario s = OneQueue(0, 300, 0, Time::Days(5));
  s.call_types[0].handle_time = Distribution::Deterministic(300);
  s.call_types[0].rate_per_s[2] = 10 / 1800.0;
  CallTypeSpec b = s.call_types[0];
  b.name = "b";
  b.rate_per_s.assign(48, 0.0);
  b.rate_per_s[0] = 10 / 1800.0;
  s.call_types.push_back(b);
  AgentGroupSpec& g = s.agent_groups[0];
  g.skills = {0, 1};
  g.skill_specs = {SkillSpec{.call_type = 0, .priority = 1},
                   SkillSpec{.call_type = 1, .priority = priority_b}};
  for (int i = 16; i < 40; ++i) g.staffing[i] = 1;
  return s;
}

// At 08:00 the agent takes the waiting calls back to back, every 300 s.
// Calls served in positions first+1 .. first+n (first = calls served before
// them) that arrived in [from, from + 1800) have a mean wait in
// (X - from - 1800, X - from] with X = 08:00 + first*300 + (n-1)*150.
void ExpectMeanWait(const MetricValues& v, int first, double from,
                    const std::string& what) {
  const double n = M(v, Metric::kOffered);
  if (n == 0) return;
  EXPECT_EQ(M(v, Metric::kAnswered), n) << what;
  const double x = 8 * 3600.0 + first * 300.0 + (n - 1) * 150.0 - from;
  EXPECT_GT(M(v, Metric::kAsa), x - 1800 - 1e-6) << what;
  EXPECT_LE(M(v, Metric::kAsa), x + 1e-6) << what;
}

TEST(RoutingTest, PriorityServesWaitingCallsOfTheBestPriorityFirst) {
  // With "a" at priority 1 and "b" at 2, the agent serves all waiting "a"
  // calls first although the "b" calls have waited longer; without
  // priorities (both 1) it serves first come, first served: "b" first.
  for (const bool priority : {true, false}) {
    SCOPED_TRACE(priority ? "b at priority 2" : "both at priority 1");
    const Scenario s = NightQueue(priority ? 2 : 1);
    ExpectRunnable(s);
    int days_checked = 0;
    for (const Replica& x : RunMany(s, 101, 4)) {
      for (int day = 0; day < 5; ++day) {
        const MetricValues& b = x.result.intervals[day * 48 + 0];
        const MetricValues& a = x.result.intervals[day * 48 + 2];
        const int na = static_cast<int>(M(a, Metric::kOffered));
        const int nb = static_cast<int>(M(b, Metric::kOffered));
        if (na == 0 || nb == 0) continue;
        ++days_checked;
        const std::string what = "day " + std::to_string(day);
        if (priority) {
          ExpectMeanWait(a, 0, 3600, what + " a");
          ExpectMeanWait(b, na, 0, what + " b");
        } else {
          ExpectMeanWait(b, 0, 0, what + " b");
          ExpectMeanWait(a, nb, 3600, what + " a");
        }
      }
    }
    EXPECT_GE(days_checked, 15);
  }
}

TEST(RoutingTest, OverflowGroupAnswersOnlyAfterTheDelay) {
  // The only group takes "a" calls only once they have waited 60 s: every
  // answered call waited at least 60 s, so nobody is answered within 59 s.
  Scenario s = OneQueue(20, 180, 5, Time::Days(3));
  s.agent_groups[0].skill_specs = {
      SkillSpec{.call_type = 0, .priority = 1, .after = Time::Seconds(60)}};
  s.service_level.threshold = Time::Seconds(59);
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, 103, 4)) {
    const MetricValues& t = x.result.total;
    EXPECT_GT(M(t, Metric::kAnswered), 1000);
    EXPECT_EQ(M(t, Metric::kServiceLevel), 0.0);
    EXPECT_EQ(M(t, Metric::kPWait), 1.0);
    EXPECT_GE(M(t, Metric::kAsa), 60.0);
    // Light load (2 erlangs on 5 agents): mostly answered at exactly 60 s.
    EXPECT_LT(M(t, Metric::kAsa), 70.0);
  }
  // With a threshold of 60 s ("at most", inclusive), those answered at
  // exactly 60 s count.
  s.service_level.threshold = Time::Seconds(60);
  const Replica x = testing::RunOne(s, 103, 0);
  EXPECT_GT(M(x.result.total, Metric::kServiceLevel), 0.8);
}

TEST(RoutingTest, HandleFactorScalesTheGroupsTalkTime) {
  // Two groups answer "a"; the second talks 1.5 times as long. With a
  // deterministic 200 s talk the groups' AHTs are exactly 200 and 300 s.
  Scenario s = OneQueue(100, 200, 8, Time::Days(2));
  s.call_types[0].handle_time = Distribution::Deterministic(200);
  for (int i = 44; i < 48; ++i) s.call_types[0].rate_per_s[i] = 0;
  AgentGroupSpec slow = s.agent_groups[0];
  slow.name = "slow";
  slow.handle_factor = {1.5};
  s.agent_groups.push_back(slow);
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, 107, 3)) {
    const MetricValues& g1 = x.result.agent_groups[0];
    const MetricValues& g2 = x.result.agent_groups[1];
    EXPECT_GT(M(g2, Metric::kAnswered), 0);
    EXPECT_EQ(M(g1, Metric::kAht), 200.0);
    EXPECT_EQ(M(g2, Metric::kAht), 300.0);
    EXPECT_EQ(M(g1, Metric::kAnswered) + M(g2, Metric::kAnswered),
              M(x.result.total, Metric::kAnswered));
    ExpectRelEq(
        "talk", M(x.result.total, Metric::kTalkHours) * 3600,
        200 * M(g1, Metric::kAnswered) + 300 * M(g2, Metric::kAnswered));
  }
  // Exponential talk: the slow group's AHT is 1.5 times the other's (the
  // talk time is drawn before the group is chosen, so the groups see the
  // same distribution before the factor).
  s.call_types[0].handle_time = Distribution::Exponential(200);
  ExpectWithinCi("aht ratio",
                 Over(RunMany(s, 109, 10),
                      [](const Replica& x) {
                        return M(x.result.agent_groups[1], Metric::kAht) /
                               M(x.result.agent_groups[0], Metric::kAht);
                      }),
                 1.5, 0.05);
}

// ---------------------------------------------------------------------------
// 11. Shifts, breaks, adherence, AUX (no calls: agent time is exact).

Scenario NoCalls(Time horizon) {
  Scenario s = OneQueue(0, 180, 0, horizon);
  s.agent_groups[0].staffing.clear();
  return s;
}

ShiftSpec Shift(Time start, Time length, int agents) {
  ShiftSpec sh;
  sh.start = start;
  sh.length = length;
  sh.agents = agents;
  return sh;
}

BreakSpec Break(Time earliest, Time latest, Time duration) {
  return BreakSpec{
      .earliest = earliest, .latest = latest, .duration = duration};
}

TEST(ShiftTest, StaffedHoursFollowTheShiftsExactly) {
  // A week from Monday 2024-01-01: a day shift 08:00-16:00 Monday to Friday
  // (3 agents) and a night shift 22:00-06:00 every day (2 agents). Day
  // shift: 3 * 8 * 5 = 120 h. Night shift: 2 h on day 1, 8 h on days 2-7
  // (6 h from the night before, 2 h from the evening): 2 * 50 = 100 h.
  Scenario s = NoCalls(Time::Days(7));
  ShiftSpec day = Shift(Time::Hours(8), Time::Hours(8), 3);
  day.weekdays = {true, true, true, true, true, false, false};
  s.agent_groups[0].shifts = {day, Shift(Time::Hours(22), Time::Hours(8), 2)};
  ExpectRunnable(s);
  const Replica x = testing::RunOne(s, 1, 0);
  const MetricValues& t = x.result.total;
  EXPECT_DOUBLE_EQ(M(t, Metric::kStaffedHours), 220.0);
  EXPECT_DOUBLE_EQ(M(t, Metric::kIdleHours), 220.0);
  auto staffed = [&](int day_index, double hour) {
    return M(x.result.intervals[day_index * 48 + static_cast<int>(hour * 2)],
             Metric::kStaffedHours);
  };
  EXPECT_DOUBLE_EQ(staffed(0, 0), 0.0);  // Monday 00:00, no night before
  EXPECT_DOUBLE_EQ(staffed(0, 8), 1.5);  // 3 agents, half an hour
  EXPECT_DOUBLE_EQ(staffed(0, 16), 0.0);
  EXPECT_DOUBLE_EQ(staffed(0, 22), 1.0);   // 2 agents
  EXPECT_DOUBLE_EQ(staffed(1, 5.5), 1.0);  // Tuesday 05:30, night shift
  EXPECT_DOUBLE_EQ(staffed(1, 6), 0.0);
  EXPECT_DOUBLE_EQ(staffed(5, 8), 0.0);  // Saturday: no day shift
  EXPECT_DOUBLE_EQ(staffed(6, 23.5), 1.0);
}

TEST(ShiftTest, BreaksTakeTheirDurationWhenNoCapBinds) {
  // 4 agents 08:00-16:00, breaks of 15 min (at 2 h), 30 min (between 4 h
  // and 4.5 h) and 15 min (at 6 h): 1 h a day each, 3 days.
  Scenario s = NoCalls(Time::Days(3));
  ShiftSpec sh = Shift(Time::Hours(8), Time::Hours(8), 4);
  sh.breaks = {Break(Time::Hours(2), Time::Hours(2), Time::Minutes(15)),
               Break(Time::Hours(4), Time::Hours(4.5), Time::Minutes(30)),
               Break(Time::Hours(6), Time::Hours(6), Time::Minutes(15))};
  s.agent_groups[0].shifts = {sh};
  ExpectRunnable(s);
  const MetricValues t = testing::RunOne(s, 1, 0).result.total;
  EXPECT_DOUBLE_EQ(M(t, Metric::kStaffedHours), 96.0);
  EXPECT_DOUBLE_EQ(M(t, Metric::kBreakHours), 12.0);
  EXPECT_DOUBLE_EQ(M(t, Metric::kIdleHours), 84.0);
  EXPECT_DOUBLE_EQ(M(t, Metric::kAvailableHours), 84.0);
  EXPECT_EQ(M(t, Metric::kBreaksPostponed), 0);
  EXPECT_EQ(M(t, Metric::kBreaksForced), 0);
}

TEST(ShiftTest, BreakCapPostponesBreaksWithinTheirWindow) {
  // 6 agents ask for a 15-minute break at 10:00 (latest 12:00) with a cap
  // of 2: two go at 10:00, four wait; two go at 10:15, two at 10:30. Per
  // day: 4 postponed, none forced, 1.5 h of breaks, at most 2 at once. A
  // share cap of 0.5 of 6 logged-in agents allows 3: 3 postponed a day.
  struct Case {
    int cap_agents;
    double cap_share;
    int cap;
  };
  for (const Case c : {Case{2, -1, 2}, Case{-1, 0.5, 3}}) {
    SCOPED_TRACE("cap " + std::to_string(c.cap));
    Scenario s = NoCalls(Time::Days(2));
    ShiftSpec sh = Shift(Time::Hours(8), Time::Hours(8), 6);
    sh.breaks = {Break(Time::Hours(2), Time::Hours(4), Time::Minutes(15))};
    s.agent_groups[0].shifts = {sh};
    s.agent_groups[0].break_cap_agents = c.cap_agents;
    s.agent_groups[0].break_cap_share = c.cap_share;
    ExpectRunnable(s);
    const Replica x = testing::RunOne(s, 1, 0);
    const MetricValues& t = x.result.total;
    EXPECT_EQ(x.probe.max_on_capped_break[0], c.cap);
    EXPECT_EQ(M(t, Metric::kBreaksPostponed), 2 * (6 - c.cap));
    EXPECT_EQ(M(t, Metric::kBreaksForced), 0);
    EXPECT_DOUBLE_EQ(M(t, Metric::kBreakHours), 2 * 6 * 0.25);
    EXPECT_DOUBLE_EQ(M(t, Metric::kStaffedHours), 2 * 6 * 8.0);
  }
}

TEST(ShiftTest, BreaksAreForcedAtTheirLatestStart) {
  // 4 agents, cap 1, a 15-minute break between 10:00 and 10:20. At 10:00
  // one goes and three wait (3 postponed); at 10:15 the next goes; at
  // 10:20 the last two go regardless (2 forced). Within the cap at most 1.
  // (A window of 20 min, not 30, so that no latest start coincides with a
  // break end.)
  Scenario s = NoCalls(Time::Days(2));
  ShiftSpec sh = Shift(Time::Hours(8), Time::Hours(8), 4);
  sh.breaks = {Break(Time::Hours(2), Time::Hours(2) + Time::Minutes(20),
                     Time::Minutes(15))};
  s.agent_groups[0].shifts = {sh};
  s.agent_groups[0].break_cap_agents = 1;
  ExpectRunnable(s);
  const Replica x = testing::RunOne(s, 1, 0);
  const MetricValues& t = x.result.total;
  EXPECT_EQ(x.probe.max_on_capped_break[0], 1);
  EXPECT_EQ(M(t, Metric::kBreaksPostponed), 2 * 3);
  EXPECT_EQ(M(t, Metric::kBreaksForced), 2 * 2);
  EXPECT_DOUBLE_EQ(M(t, Metric::kBreakHours), 2 * 4 * 0.25);
  // 10:00-10:30 holds 15 + 15 + 10 + 10 minutes of breaks, 10:30-11:00 the
  // last 5 + 5.
  EXPECT_DOUBLE_EQ(M(x.result.intervals[20], Metric::kBreakHours), 50 / 60.0);
  EXPECT_DOUBLE_EQ(M(x.result.intervals[21], Metric::kBreakHours), 10 / 60.0);
}

TEST(ShiftTest, LateLoginAndEarlyLogoutShortenStaffedTime) {
  // 3 agents 08:00-16:00, 2 days: 48 h as planned; logging in 5 min late
  // takes 3 * 5 min a day, logging out 10 min early 3 * 10 min more.
  Scenario s = NoCalls(Time::Days(2));
  s.agent_groups[0].shifts = {Shift(Time::Hours(8), Time::Hours(8), 3)};
  s.agent_groups[0].late_login = Distribution::Deterministic(300);
  ExpectRunnable(s);
  EXPECT_DOUBLE_EQ(
      M(testing::RunOne(s, 1, 0).result.total, Metric::kStaffedHours),
      48.0 - 2 * 3 * 5 / 60.0);
  s.agent_groups[0].early_logout = Distribution::Deterministic(600);
  ExpectRunnable(s);
  EXPECT_DOUBLE_EQ(
      M(testing::RunOne(s, 1, 0).result.total, Metric::kStaffedHours),
      48.0 - 2 * 3 * 15 / 60.0);
}

TEST(AuxTest, AuxShareIsTheRenewalFraction) {
  // 10 always-idle agents (no calls) ask for AUX at Poisson times, 2 an
  // hour; a request during AUX is skipped. The requests are memoryless, so
  // an agent alternates an exponential free time (mean 1/lambda) and an
  // AUX (mean d): AUX share = lambda d / (1 + lambda d) = 1/3 / (4/3) = 0.25
  // for d = 10 min, whatever the distribution of the duration.
  for (const Distribution& d :
       {Distribution::Exponential(600), Distribution::Deterministic(600)}) {
    SCOPED_TRACE(d.Describe());
    Scenario s = OneQueue(0, 180, 10, Time::Days(5));
    s.agent_groups[0].aux_per_hour = 2;
    s.agent_groups[0].aux_duration = d;
    ExpectRunnable(s);
    const std::vector<Replica> reps = RunMany(s, 113, 10);
    for (const Replica& x : reps) {
      const MetricValues& t = x.result.total;
      EXPECT_DOUBLE_EQ(M(t, Metric::kStaffedHours), 10 * 5 * 24.0);
      ExpectRelEq("staffed = idle + aux", M(t, Metric::kStaffedHours),
                  M(t, Metric::kIdleHours) + M(t, Metric::kAuxHours));
    }
    ExpectWithinCi("aux share",
                   Over(reps,
                        [](const Replica& x) {
                          return M(x.result.total, Metric::kAuxHours) /
                                 M(x.result.total, Metric::kStaffedHours);
                        }),
                   0.25, 0.01);
  }
}

TEST(AuxTest, BreakCapLimitsAuxToAFiniteSourceLossSystem) {
  // Same with a cap of 2 agents: requests over the cap are skipped. With
  // exponential durations the number k in AUX is a birth-death process with
  // birth rate (10 - k) lambda for k < 2 and death rate k / d (Engset):
  // pi_k proportional to C(10, k) (lambda d)^k, k = 0..2, and the AUX share
  // is E[k] / 10.
  Scenario s = OneQueue(0, 180, 10, Time::Days(5));
  s.agent_groups[0].aux_per_hour = 2;
  s.agent_groups[0].aux_duration = Distribution::Exponential(600);
  s.agent_groups[0].break_cap_agents = 2;
  ExpectRunnable(s);
  const double rho = 2.0 / 3600 * 600;  // lambda d
  const double p0 = 1, p1 = 10 * rho, p2 = 45 * rho * rho;
  const double share = (p1 + 2 * p2) / (p0 + p1 + p2) / 10;  // 0.1429
  const std::vector<Replica> reps = RunMany(s, 127, 10);
  for (const Replica& x : reps) {
    EXPECT_EQ(x.probe.max_on_capped_break[0], 2);
  }
  ExpectWithinCi("aux share with cap 2",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kAuxHours) /
                               M(x.result.total, Metric::kStaffedHours);
                      }),
                 share, 0.01);
}

}  // namespace
}  // namespace ccsim
