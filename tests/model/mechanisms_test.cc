// Each mechanism of the full model in isolation, against a number worked out
// by hand or by formula: trunk lines (Erlang B), the IVR menu tree,
// announcements, misrouting, transfers, after-call work, the calendar and
// volume factors, incidents.
//
// Statistical checks use the replications' 95% interval widened by
// testing::kWiden (see tests/testing/model_checks.h), or a Poisson/binomial
// standard error computed here, and assert that the interval is narrow.
// Seeds are fixed, so outcomes are deterministic.
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "ccsim/erlang.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "gtest/gtest.h"
#include "sim/model/call_center.h"
#include "tests/testing/model_checks.h"

namespace ccsim {
namespace {

using testing::AddSkill;
using testing::ExpectCountNear;
using testing::ExpectRelEq;
using testing::ExpectWithinCi;
using testing::M;
using testing::OneQueue;
using testing::Over;
using testing::Replica;
using testing::RunMany;

using testing::ExpectRunnable;

// Every attempt ends in exactly one outcome (docs/metrics.md).
double Outcomes(const MetricValues& v) {
  return M(v, Metric::kClosed) + M(v, Metric::kBlocked) +
         M(v, Metric::kInformed) + M(v, Metric::kIvrAbandoned) +
         M(v, Metric::kContained) + M(v, Metric::kTransferredOut) +
         M(v, Metric::kAbandoned) + M(v, Metric::kAnswered);
}

double Share(const MetricValues& v, Metric m) {
  return M(v, m) / M(v, Metric::kCalls);
}

// ---------------------------------------------------------------------------
// 1. Trunk lines alone: M/M/c/c, blocking = Erlang B.

TEST(TrunkLinesTest, BlockingIsErlangB) {
  struct Case {
    int lines;
    double load;  // erlangs
  };
  for (const Case c : {Case{10, 8.0}, Case{20, 17.0}}) {
    SCOPED_TRACE("lines " + std::to_string(c.lines));
    const double aht = 180;
    // As many agents as lines: nobody ever waits, the lines are the only
    // limit, and a line is held from arrival to the end of talk.
    Scenario s = OneQueue(c.load * 1800 / aht, aht, c.lines, Time::Days(3),
                          Time::Hours(2));
    s.trunk_lines = c.lines;
    ExpectRunnable(s);
    const std::vector<Replica> reps = RunMany(s, 11, 20);
    for (const Replica& x : reps) {
      const MetricValues& t = x.result.total;
      EXPECT_LE(x.probe.max_lines_in_use, c.lines);
      EXPECT_EQ(x.probe.max_lines_in_use, c.lines);  // blocking happened
      EXPECT_EQ(M(t, Metric::kPWait), 0.0);
      EXPECT_EQ(M(t, Metric::kCalls),
                M(t, Metric::kBlocked) + M(t, Metric::kOffered));
    }
    const Estimate blocking = Over(reps, [](const Replica& x) {
      return Share(x.result.total, Metric::kBlocked);
    });
    ExpectWithinCi("blocked / calls", blocking, ErlangB(c.lines, c.load), 0.01);
  }
}

// ---------------------------------------------------------------------------
// 2. The IVR menu tree with fixed probabilities.

IvrOption Option(const std::string& name, IvrTarget::Kind kind, int index,
                 std::vector<double> weight) {
  IvrOption o;
  o.name = name;
  o.target.kind = kind;
  o.target.index = index;
  o.weight = std::move(weight);
  return o;
}

IvrNode Menu(const std::string& name, int depth, double hang_up,
             double zero_out, std::vector<IvrOption> options) {
  IvrNode n;
  n.name = name;
  n.kind = IvrNode::kMenu;
  n.depth = depth;
  n.hang_up = hang_up;
  n.zero_out = zero_out;
  n.options = std::move(options);
  return n;
}

// Type "a" (200 calls per 30 min) and a general queue for zero-outs
// (type 1, served by group "ggeneral", which cannot serve "a").
Scenario IvrBase() {
  Scenario s = OneQueue(200, 120, 40, Time::Days(2));
  const int general = AddSkill(s, "general", 120, 8);
  s.ivr.zero_out_queue = general;
  s.ivr.misroute_handle_time = Distribution::Deterministic(20);
  return s;
}

TEST(IvrTest, TwoLevelMenuSharesAreProductsOfBranchProbabilities) {
  // main (depth 1): hang up 0.10, press 0 0.05, else by weight:
  //   more 0.5 -> menu main/more, self 0.3 -> self service, agent 0.2 -> queue
  // main/more (depth 2): hang up 0.20, press 0 0.10, else queue or transfer
  //   out, 1:1
  // self service: resolve 0.6; else to an agent 0.5, else hang up.
  // Hang-up and zero-out are exclusive outcomes of a menu (scenario.h; the
  // loader requires hang_up + zero_out <= 1 for that reason), so a menu
  // picks an option with probability 1 - hang_up - zero_out.
  Scenario s = IvrBase();
  s.ivr.nodes = {
      Menu("main", 1, 0.10, 0.05,
           {Option("more", IvrTarget::kMenu, 1, {0.5, 0}),
            Option("self", IvrTarget::kSelfService, 2, {0.3, 0}),
            Option("agent", IvrTarget::kQueue, -1, {0.2, 0})}),
      Menu("main/more", 2, 0.20, 0.10,
           {Option("queue", IvrTarget::kQueue, -1, {1, 0}),
            Option("out", IvrTarget::kTransferOut, -1, {1, 0})}),
  };
  IvrNode self;
  self.name = "main/self";
  self.kind = IvrNode::kSelfService;
  self.depth = 2;
  self.duration = Distribution::Deterministic(60);
  self.resolve = 0.6;
  self.to_agent = 0.5;
  self.queue.kind = IvrTarget::kQueue;
  self.queue.index = -1;
  s.ivr.nodes.push_back(self);
  s.ivr.root = 0;
  ExpectRunnable(s);

  const double pick1 = 1 - 0.10 - 0.05;  // 0.85
  const double pick2 = 1 - 0.20 - 0.10;  // 0.70
  const double more = pick1 * 0.5, self_share = pick1 * 0.3;
  const double hang = 0.10 + more * 0.20 + self_share * 0.4 * 0.5;  // 0.236
  const double zero = 0.05 + more * 0.10;                           // 0.0925
  const double contained = self_share * 0.6;                        // 0.153
  const double out = more * pick2 * 0.5;                            // 0.14875
  const double offered = zero + more * pick2 * 0.5 + self_share * 0.4 * 0.5 +
                         pick1 * 0.2;  // 0.46225
  ASSERT_NEAR(hang + contained + out + offered, 1.0, 1e-12);

  const std::vector<Replica> reps = RunMany(s, 3, 20);
  for (const Replica& x : reps) {
    const MetricValues& t = x.result.total;
    EXPECT_EQ(M(t, Metric::kCalls), Outcomes(t));
    EXPECT_EQ(M(t, Metric::kOffered), M(t, Metric::kAnswered));
    // Zero-outs reach the general agents, who pass them on.
    EXPECT_EQ(M(t, Metric::kMisrouted), M(t, Metric::kZeroOut));
    EXPECT_EQ(M(t, Metric::kTransferred), M(t, Metric::kZeroOut));
  }
  auto share = [&](Metric m) {
    return Over(reps,
                [m](const Replica& x) { return Share(x.result.total, m); });
  };
  ExpectWithinCi("ivr_abandoned", share(Metric::kIvrAbandoned), hang, 0.01);
  ExpectWithinCi("zero_out", share(Metric::kZeroOut), zero, 0.01);
  ExpectWithinCi("contained", share(Metric::kContained), contained, 0.01);
  ExpectWithinCi("transferred_out", share(Metric::kTransferredOut), out, 0.01);
  ExpectWithinCi("offered", share(Metric::kOffered), offered, 0.01);
}

TEST(IvrTest, HangUpAndZeroOutAreExclusiveShares) {
  // One menu, one option (to the queue). Alone, hang_up h and zero_out z are
  // shares of the callers; together they are exclusive outcomes, so
  // P(zero out) = z also when h > 0 (not (1 - h) z).
  struct Case {
    double hang_up, zero_out;
  };
  for (const Case c : {Case{0.3, 0}, Case{0, 0.3}, Case{0.3, 0.3}}) {
    SCOPED_TRACE("hang_up " + std::to_string(c.hang_up) + " zero_out " +
                 std::to_string(c.zero_out));
    Scenario s = IvrBase();
    s.horizon = Time::Days(1);
    s.ivr.nodes = {Menu("main", 1, c.hang_up, c.zero_out,
                        {Option("agent", IvrTarget::kQueue, -1, {1, 0})})};
    s.ivr.root = 0;
    ExpectRunnable(s);
    const std::vector<Replica> reps = RunMany(s, 5, 20);
    ExpectWithinCi("ivr_abandoned",
                   Over(reps,
                        [](const Replica& x) {
                          return Share(x.result.total, Metric::kIvrAbandoned);
                        }),
                   c.hang_up, 0.01);
    ExpectWithinCi("zero_out",
                   Over(reps,
                        [](const Replica& x) {
                          return Share(x.result.total, Metric::kZeroOut);
                        }),
                   c.zero_out, 0.01);
    ExpectWithinCi("offered",
                   Over(reps,
                        [](const Replica& x) {
                          return Share(x.result.total, Metric::kOffered);
                        }),
                   1 - c.hang_up, 0.01);
  }
}

// ---------------------------------------------------------------------------
// 3. Announcements.

TEST(AnnouncementTest, InformsOnlyTheAnnouncedTypeWithItsShare) {
  Scenario s = OneQueue(200, 120, 30, Time::Days(2));
  const int b = AddSkill(s, "b", 120, 15);
  s.call_types[b].rate_per_s.assign(s.intervals_per_day(), 100 / 1800.0);
  s.ivr.greeting = Time::Seconds(5);
  AnnouncementSpec a;
  a.name = "outage";
  a.duration = Time::Seconds(10);
  a.call_types = {0};
  a.informed = 0.3;
  s.ivr.announcements = {a};
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 8, 20);
  for (const Replica& x : reps) {
    const MetricValues& ta = x.result.call_types[0];
    const MetricValues& tb = x.result.call_types[b];
    EXPECT_GT(M(tb, Metric::kCalls), 0);
    EXPECT_EQ(M(tb, Metric::kInformed), 0);
    EXPECT_EQ(M(tb, Metric::kOffered), M(tb, Metric::kCalls));
    EXPECT_EQ(M(ta, Metric::kOffered) + M(ta, Metric::kInformed),
              M(ta, Metric::kCalls));
  }
  ExpectWithinCi("informed / calls of a",
                 Over(reps,
                      [](const Replica& x) {
                        return Share(x.result.call_types[0], Metric::kInformed);
                      }),
                 0.3, 0.01);
}

TEST(AnnouncementTest, IncidentAnnouncementInformsCallersOfTheWindowOnly) {
  // No greeting, a 6-minute message bound to an incident from 10:00 to
  // 12:00 (intervals 20..23). A caller who arrives in the window hears the
  // message (it is active when it plays, at arrival) and then hangs up
  // informed with probability 0.5, in every interval of the window,
  // including the last one; callers outside the window are never informed.
  Scenario s = OneQueue(200, 120, 30, Time::Days(1));
  IncidentSpec storm;
  storm.name = "storm";
  storm.call_type = 0;
  storm.start = Time::Hours(10);
  storm.duration = Time::Hours(2);
  storm.extra_calls = 0;
  s.incidents = {storm};
  AnnouncementSpec a;
  a.name = "storm message";
  a.duration = Time::Minutes(6);
  a.call_types = {0};
  a.informed = 0.5;
  a.incident = 0;
  s.ivr.announcements = {a};
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 13, 30);
  for (const Replica& x : reps) {
    for (int i = 0; i < static_cast<int>(x.result.intervals.size()); ++i) {
      if (i >= 20 && i < 24) continue;
      EXPECT_EQ(M(x.result.intervals[i], Metric::kInformed), 0)
          << "interval " << i;
    }
  }
  for (int i = 20; i < 24; ++i) {
    ExpectWithinCi("informed share in interval " + std::to_string(i),
                   Over(reps,
                        [i](const Replica& x) {
                          return Share(x.result.intervals[i],
                                       Metric::kInformed);
                        }),
                   0.5, 0.03);
  }
}

// ---------------------------------------------------------------------------
// 4. Misrouting.

TEST(MisrouteTest, MisroutedShareIsTheMisrouteProbability) {
  // A menu with three options; callers of "a" pick option 1 (their queue)
  // with certainty, but with probability 0.2 the pick is replaced by one
  // of the two others, uniformly: the queues of "b" and "c", whose agents
  // cannot serve "a". They pass the call on to the queue of "a".
  Scenario s = OneQueue(200, 120, 30, Time::Days(2));
  const int b = AddSkill(s, "b", 120, 6);
  const int c = AddSkill(s, "c", 120, 6);
  s.ivr.misroute_handle_time = Distribution::Deterministic(30);
  IvrNode root = Menu("main", 1, 0, 0,
                      {Option("a", IvrTarget::kQueue, 0, {1, 0, 0}),
                       Option("b", IvrTarget::kQueue, b, {0, 0, 0}),
                       Option("c", IvrTarget::kQueue, c, {0, 0, 0})});
  root.misroute = 0.2;
  s.ivr.nodes = {root};
  s.ivr.root = 0;
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 17, 20);
  for (const Replica& x : reps) {
    const MetricValues& t = x.result.total;
    EXPECT_GT(M(t, Metric::kMisrouted), 0);
    EXPECT_EQ(M(t, Metric::kTransferred), M(t, Metric::kMisrouted));
    EXPECT_EQ(M(t, Metric::kAnswered), M(t, Metric::kCalls));
    EXPECT_EQ(M(t, Metric::kOffered), M(t, Metric::kCalls));
    // Every call ends with an agent of "a"; the wrong groups' legs are the
    // misrouted calls.
    EXPECT_EQ(M(x.result.agent_groups[0], Metric::kAnswered),
              M(t, Metric::kCalls));
    EXPECT_EQ(M(x.result.agent_groups[b], Metric::kAnswered) +
                  M(x.result.agent_groups[c], Metric::kAnswered),
              M(t, Metric::kMisrouted));
    EXPECT_EQ(M(x.result.agent_groups[b], Metric::kMisrouted),
              M(x.result.agent_groups[b], Metric::kAnswered));
  }
  ExpectWithinCi("misrouted / calls",
                 Over(reps,
                      [](const Replica& x) {
                        return Share(x.result.total, Metric::kMisrouted);
                      }),
                 0.2, 0.01);
  for (int g : {b, c}) {
    ExpectWithinCi("share of calls sent to wrong queue " + std::to_string(g),
                   Over(reps,
                        [g](const Replica& x) {
                          return M(x.result.agent_groups[g],
                                   Metric::kAnswered) /
                                 M(x.result.total, Metric::kCalls);
                        }),
                   0.1, 0.01);
  }
}

// ---------------------------------------------------------------------------
// 5. Transfers.

TEST(TransferTest, ShareOfAnsweredCallsIsTransferredWithASecondTalk) {
  // 30% of answered "a" calls (mean talk 180 s) go to skill "b" (mean talk
  // 300 s): transferred / answered = 0.3 and agent talk time is
  // answered * 180 + transferred * 300 seconds.
  Scenario s = OneQueue(150, 180, 25, Time::Days(2), Time::Hours(2));
  const int b = AddSkill(s, "b", 300, 14);
  s.call_types[0].transfer_share = 0.3;
  s.call_types[0].transfer_to = b;
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 19, 20);
  for (const Replica& x : reps) {
    const MetricValues& t = x.result.total;
    EXPECT_EQ(M(x.result.agent_groups[0], Metric::kAnswered),
              M(t, Metric::kAnswered));
    EXPECT_EQ(M(x.result.agent_groups[b], Metric::kAnswered),
              M(t, Metric::kTransferred));
    EXPECT_EQ(M(t, Metric::kMisrouted), 0);
  }
  ExpectWithinCi("transferred / answered",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kTransferred) /
                               M(x.result.total, Metric::kAnswered);
                      }),
                 0.3, 0.01);
  ExpectWithinCi("talk hours / (answered*180 + transferred*300)/3600",
                 Over(reps,
                      [](const Replica& x) {
                        const MetricValues& t = x.result.total;
                        return M(t, Metric::kTalkHours) * 3600 /
                               (M(t, Metric::kAnswered) * 180 +
                                M(t, Metric::kTransferred) * 300);
                      }),
                 1.0, 0.02);
  ExpectWithinCi("aht of the second-leg group",
                 Over(reps,
                      [b](const Replica& x) {
                        return M(x.result.agent_groups[b], Metric::kAht);
                      }),
                 300, 10);
}

TEST(TransferTest, TalkTimeIsExactWithDeterministicLegs) {
  // Deterministic talk (120 s, second leg 200 s), calls only from 00:00 to
  // 22:00 and no warm-up: every leg lies within the horizon, so the talk
  // hours are exactly answered * 120 + transferred * 200 seconds.
  Scenario s = OneQueue(100, 120, 20, Time::Days(2));
  const int b = AddSkill(s, "b", 200, 10);
  s.call_types[0].handle_time = Distribution::Deterministic(120);
  s.call_types[b].handle_time = Distribution::Deterministic(200);
  for (int i = 44; i < 48; ++i) s.call_types[0].rate_per_s[i] = 0;
  s.call_types[0].transfer_share = 0.25;
  s.call_types[0].transfer_to = b;
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, 23, 3)) {
    const MetricValues& t = x.result.total;
    EXPECT_GT(M(t, Metric::kTransferred), 0);
    ExpectRelEq(
        "talk", M(t, Metric::kTalkHours) * 3600,
        M(t, Metric::kAnswered) * 120 + M(t, Metric::kTransferred) * 200);
  }
}

// ---------------------------------------------------------------------------
// 6. After-call work.

TEST(WrapUpTest, WrapHoursAndOccupancyCountAfterCallWork) {
  // Talk 180 s and wrap 60 s (exponential), 100 calls per 30 min, 18
  // agents, infinite patience: every call is served, so the busy load is
  // 100/1800 * (180 + 60) = 13.33 erlangs and occupancy 13.33 / 18.
  Scenario s = OneQueue(100, 180, 18, Time::Days(2), Time::Hours(2));
  s.call_types[0].wrap_up = Distribution::Exponential(60);
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 29, 20);
  for (const Replica& x : reps) {
    const MetricValues& t = x.result.total;
    ExpectRelEq("occupancy = (talk + wrap) / staffed", M(t, Metric::kOccupancy),
                (M(t, Metric::kTalkHours) + M(t, Metric::kWrapHours)) /
                    M(t, Metric::kStaffedHours));
  }
  ExpectWithinCi("wrap hours / (answered * 60 s)",
                 Over(reps,
                      [](const Replica& x) {
                        const MetricValues& t = x.result.total;
                        return M(t, Metric::kWrapHours) * 3600 /
                               (M(t, Metric::kAnswered) * 60);
                      }),
                 1.0, 0.02);
  ExpectWithinCi("occupancy",
                 Over(reps,
                      [](const Replica& x) {
                        return M(x.result.total, Metric::kOccupancy);
                      }),
                 100.0 / 1800 * 240 / 18, 0.01);
  ExpectWithinCi(
      "aht includes wrap",
      Over(reps,
           [](const Replica& x) { return M(x.result.total, Metric::kAht); }),
      240, 5);
}

TEST(WrapUpTest, WrapHoursAreExactWithDeterministicWrap) {
  Scenario s = OneQueue(100, 120, 18, Time::Days(2));
  s.call_types[0].handle_time = Distribution::Deterministic(120);
  s.call_types[0].wrap_up = Distribution::Deterministic(45);
  for (int i = 44; i < 48; ++i) s.call_types[0].rate_per_s[i] = 0;
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, 31, 3)) {
    const MetricValues& t = x.result.total;
    ExpectRelEq("wrap", M(t, Metric::kWrapHours) * 3600,
                M(t, Metric::kAnswered) * 45);
    ExpectRelEq("talk", M(t, Metric::kTalkHours) * 3600,
                M(t, Metric::kAnswered) * 120);
    ExpectRelEq("aht", M(t, Metric::kAht), 165);
  }
}

// ---------------------------------------------------------------------------
// 8. Calendar and volume.

TEST(CalendarTest, ClosedShareIsTheClosedFractionOfTheWeek) {
  // Constant rate; open 08:00-20:00 Monday to Friday, 09:00-13:00 Saturday,
  // closed Sunday. A week from Monday 2024-01-01: open 5*12 + 4 = 64 of 168
  // hours. Opening times fall on interval boundaries, so each interval is
  // wholly open or closed.
  Scenario s = OneQueue(100, 60, 8, Time::Days(7));
  for (int d = 0; d < 5; ++d) {
    s.calendar.hours[d] = OpeningHours{Time::Hours(8), Time::Hours(20)};
  }
  s.calendar.hours[5] = OpeningHours{Time::Hours(9), Time::Hours(13)};
  s.calendar.hours[6] = OpeningHours{Time::Zero(), Time::Zero()};
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 37, 10);
  for (const Replica& x : reps) {
    for (int i = 0; i < static_cast<int>(x.result.intervals.size()); ++i) {
      const int day = i / 48;  // 0 = Monday
      const double hour = (i % 48) / 2.0;
      const bool open = day < 5    ? hour >= 8 && hour < 20
                        : day == 5 ? hour >= 9 && hour < 13
                                   : false;
      const MetricValues& v = x.result.intervals[i];
      EXPECT_EQ(M(v, Metric::kClosed), open ? 0 : M(v, Metric::kCalls))
          << "day " << day << " hour " << hour;
    }
  }
  ExpectWithinCi("closed / calls",
                 Over(reps,
                      [](const Replica& x) {
                        return Share(x.result.total, Metric::kClosed);
                      }),
                 1 - 64.0 / 168, 0.01);
}

TEST(CalendarTest, WeekdayFactorsScaleEachDay) {
  // Warm-up of one day; the calendar's day 1 (the first reported day) is
  // Saturday 2024-01-06, so reported day k has weekday (5 + k) % 7.
  Scenario s = OneQueue(100, 60, 10, Time::Days(7), Time::Days(1));
  s.calendar.start_date = Date{2024, 1, 6};
  const std::array<double, 7> factor = {1.5, 1.0, 0.9, 1.1, 1.2, 0.5, 0.7};
  s.call_types[0].weekday_factor = factor;
  ExpectRunnable(s);
  const int kReps = 10;
  const std::vector<Replica> reps = RunMany(s, 41, kReps);
  auto day_calls = [](const Replica& x, int day) {
    double n = 0;
    for (int i = day * 48; i < (day + 1) * 48; ++i) {
      n += M(x.result.intervals[i], Metric::kCalls);
    }
    return n;
  };
  for (int day = 0; day < 7; ++day) {
    double sum = 0;
    for (const Replica& x : reps) sum += day_calls(x, day);
    const double expected = kReps * 4800 * factor[(5 + day) % 7];
    ExpectCountNear("calls on reported day " + std::to_string(day), sum,
                    expected, std::sqrt(expected));
  }
  // Saturday (day 0) against Monday (day 2): 0.5 / 1.5.
  ExpectWithinCi(
      "Saturday / Monday",
      Over(reps,
           [&](const Replica& x) { return day_calls(x, 0) / day_calls(x, 2); }),
      1.0 / 3, 0.02);
}

TEST(CalendarTest, DayOfMonthAndMonthFactorsScaleEachDay) {
  // March 2024 (31 days, from 2024-03-01): days 16-31 have factor 1.3.
  Scenario s = OneQueue(20, 60, 4, Time::Days(31));
  s.calendar.start_date = Date{2024, 3, 1};
  for (int d = 15; d < 31; ++d) s.call_types[0].day_of_month_factor[d] = 1.3;
  ExpectRunnable(s);
  const int kReps = 5;
  double first = 0, second = 0;
  for (const Replica& x : RunMany(s, 43, kReps)) {
    for (size_t i = 0; i < x.result.intervals.size(); ++i) {
      (i / 48 < 15 ? first : second) +=
          M(x.result.intervals[i], Metric::kCalls);
    }
  }
  const double e1 = kReps * 15 * 960.0, e2 = kReps * 16 * 960.0 * 1.3;
  ExpectCountNear("days 1-15", first, e1, std::sqrt(e1));
  ExpectCountNear("days 16-31", second, e2, std::sqrt(e2));
  const double ratio = (second / 16) / (first / 15);
  ExpectCountNear("daily ratio", ratio, 1.3, 1.3 * std::sqrt(1 / e1 + 1 / e2));

  // Month factor: 2024-01-30 to 2024-02-02, February at 0.5.
  Scenario m = OneQueue(20, 60, 4, Time::Days(4));
  m.calendar.start_date = Date{2024, 1, 30};
  m.call_types[0].month_factor[1] = 0.5;
  ExpectRunnable(m);
  double jan = 0, feb = 0;
  for (const Replica& x : RunMany(m, 47, 20)) {
    for (size_t i = 0; i < x.result.intervals.size(); ++i) {
      (i / 48 < 2 ? jan : feb) += M(x.result.intervals[i], Metric::kCalls);
    }
  }
  ExpectCountNear("January days", jan, 20 * 2 * 960.0,
                  std::sqrt(20 * 2 * 960.0));
  ExpectCountNear("February days", feb, 20 * 2 * 480.0,
                  std::sqrt(20 * 2 * 480.0));
}

// Dispersion index (variance / mean) of the daily call counts of one
// replication.
double DailyDispersion(const Replica& x) {
  std::vector<double> days;
  for (size_t i = 0; i < x.result.intervals.size(); ++i) {
    if (i % 48 == 0) days.push_back(0);
    days.back() += M(x.result.intervals[i], Metric::kCalls);
  }
  double mean = 0;
  for (double d : days) mean += d;
  mean /= days.size();
  double ss = 0;
  for (double d : days) ss += (d - mean) * (d - mean);
  return ss / (days.size() - 1) / mean;
}

TEST(CalendarTest, DailyCvOverdispersesDailyCounts) {
  // 1000 calls a day; a gamma day factor with mean 1 and cv c makes the
  // daily count a mixed Poisson: variance = m + m^2 c^2, so the dispersion
  // index is 1 + m c^2 = 1 + 1000 * 0.01 = 11. Without it, 1.
  Scenario s = OneQueue(1000.0 / 48, 180, 8, Time::Days(100));
  s.call_types[0].daily_cv = 0.1;
  ExpectRunnable(s);
  ExpectWithinCi("dispersion with daily_cv 0.1",
                 Over(RunMany(s, 53, 10), DailyDispersion), 11.0, 2.0);
  s.call_types[0].daily_cv = 0;
  ExpectWithinCi("dispersion without",
                 Over(RunMany(s, 53, 10), DailyDispersion), 1.0, 0.3);
}

TEST(CalendarTest, IntradayRatesGivePerIntervalCountsInProportion) {
  // Rates follow weights 1..48 (calls per 30 min = 2 * slot + 2), over 10
  // days and 5 replications: each slot's count is Poisson with mean
  // 50 * rate.
  Scenario s = OneQueue(1, 60, 12, Time::Days(10));
  for (int i = 0; i < 48; ++i)
    s.call_types[0].rate_per_s[i] = (2.0 * i + 2) / 1800;
  ExpectRunnable(s);
  std::vector<double> sum(48, 0);
  for (const Replica& x : RunMany(s, 59, 5)) {
    for (size_t i = 0; i < x.result.intervals.size(); ++i) {
      sum[i % 48] += M(x.result.intervals[i], Metric::kCalls);
    }
  }
  for (int i = 0; i < 48; ++i) {
    const double expected = 50 * (2.0 * i + 2);
    ExpectCountNear("slot " + std::to_string(i), sum[i], expected,
                    std::sqrt(expected));
  }
}

// ---------------------------------------------------------------------------
// 9. Incidents.

// A type with no regular calls and one incident from 10:00 for 2 hours.
Scenario IncidentOnly(double extra, Time half_life, Time interval) {
  Scenario s = OneQueue(0, 120, 40, Time::Days(1));
  s.interval = interval;
  s.call_types[0].rate_per_s.assign(s.intervals_per_day(), 0.0);
  s.agent_groups[0].staffing.assign(s.intervals_per_day(), 40);
  IncidentSpec inc;
  inc.name = "outage";
  inc.call_type = 0;
  inc.start = Time::Hours(10);
  inc.duration = Time::Hours(2);
  inc.extra_calls = extra;
  inc.half_life = half_life;
  s.incidents = {inc};
  return s;
}

TEST(IncidentTest, ExtraCallsArePoissonWithinTheWindow) {
  const Scenario s = IncidentOnly(400, Time::Infinite(), Time::Minutes(30));
  ExpectRunnable(s);
  const int kReps = 20;
  const std::vector<Replica> reps = RunMany(s, 61, kReps);
  double total = 0;
  std::vector<double> per_interval(4, 0);
  for (const Replica& x : reps) {
    for (int i = 0; i < static_cast<int>(x.result.intervals.size()); ++i) {
      const double n = M(x.result.intervals[i], Metric::kCalls);
      if (i >= 20 && i < 24) {
        per_interval[i - 20] += n;
      } else {
        EXPECT_EQ(n, 0) << "interval " << i;
      }
    }
    total += M(x.result.total, Metric::kCalls);
  }
  ExpectCountNear("incident calls", total, kReps * 400.0,
                  std::sqrt(kReps * 400.0));
  for (int i = 0; i < 4; ++i) {
    ExpectCountNear("interval " + std::to_string(20 + i), per_interval[i],
                    kReps * 100.0, std::sqrt(kReps * 100.0));
  }
}

TEST(IncidentTest, DecayingRateHalvesEveryHalfLife) {
  // Half-life 10 min over 2 hours (12 half-lives), 10-minute intervals: the
  // k-th interval of the window holds (2^-k - 2^-(k+1)) / (1 - 2^-12) of the
  // incident's calls.
  const Scenario s = IncidentOnly(2000, Time::Minutes(10), Time::Minutes(10));
  ExpectRunnable(s);
  const std::vector<Replica> reps = RunMany(s, 67, 20);
  const int first = 60;  // 10:00 in 10-minute intervals
  for (const Replica& x : reps) {
    for (int i = 0; i < static_cast<int>(x.result.intervals.size()); ++i) {
      if (i < first || i >= first + 12) {
        EXPECT_EQ(M(x.result.intervals[i], Metric::kCalls), 0) << i;
      }
    }
  }
  ExpectWithinCi(
      "calls",
      Over(reps,
           [](const Replica& x) { return M(x.result.total, Metric::kCalls); }),
      2000, 30);
  const double norm = 1 - std::pow(2.0, -12);
  for (int k = 0; k < 3; ++k) {
    const double expected = (std::pow(2.0, -k) - std::pow(2.0, -k - 1)) / norm;
    ExpectWithinCi("share in half-life " + std::to_string(k),
                   Over(reps,
                        [k](const Replica& x) {
                          return M(x.result.intervals[first + k],
                                   Metric::kCalls) /
                                 M(x.result.total, Metric::kCalls);
                        }),
                   expected, 0.01);
  }
}

}  // namespace
}  // namespace ccsim
