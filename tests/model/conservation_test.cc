// Conservation and reproducibility of the full model with every feature on:
// every attempt has exactly one outcome, agent time splits exactly into its
// states, intervals and scopes add up, every transfer leads to another
// agent leg; results do not depend on the number of threads, and variants
// that cannot change arrivals share them (common random numbers).
#include <bit>
#include <cmath>
#include <cstdint>
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
using testing::M;
using testing::Replica;
using testing::RunMany;

using testing::ExpectRunnable;

IvrOption Option(const std::string& name, IvrTarget::Kind kind, int index,
                 std::vector<double> weight) {
  IvrOption o;
  o.name = name;
  o.target.kind = kind;
  o.target.index = index;
  o.weight = std::move(weight);
  return o;
}

// Every feature of the full model at once, a week after a day of warm-up.
Scenario AllFeatures() {
  Scenario s;
  s.name = "all-features";
  s.interval = Time::Minutes(30);
  s.warmup = Time::Days(1);
  s.horizon = Time::Days(7);
  s.replications = 4;
  s.seed = 2024;
  s.calendar.start_date = Date{2024, 1, 1};  // Monday; warm-up on Sunday
  for (int d = 0; d < 5; ++d) {
    s.calendar.hours[d] = OpeningHours{Time::Hours(7), Time::Hours(21)};
  }
  s.calendar.hours[5] = OpeningHours{Time::Hours(8), Time::Hours(14)};
  s.calendar.hours[6] = OpeningHours{Time::Zero(), Time::Zero()};
  s.trunk_lines = 28;
  const int ipd = s.intervals_per_day();

  CallTypeSpec billing;
  billing.name = "billing";
  billing.rate_per_s.assign(ipd, 5 / 1800.0);
  for (int i = 14; i < 42; ++i) billing.rate_per_s[i] = 40 / 1800.0;
  billing.weekday_factor = {1.2, 1, 1, 1, 1, 0.6, 0.3};
  billing.day_of_month_factor[0] = 1.4;
  billing.daily_cv = 0.1;
  billing.handle_time = Distribution::Exponential(240);
  billing.patience = Distribution::Exponential(180);
  billing.wrap_up = Distribution::Exponential(30);
  billing.fcr = 0.85;
  billing.return_delay = Distribution::Exponential(4 * 3600);
  billing.transfer_share = 0.1;
  billing.transfer_to = 1;
  billing.redial.after_busy = 0.7;
  billing.redial.after_abandon = 0.5;
  billing.redial.after_ivr = 0.3;
  billing.redial.decay = 0.8;
  billing.redial.max_attempts = 4;
  billing.redial.delay = Distribution::Exponential(600);
  CallbackSpec callback;
  callback.offer_after = Time::Minutes(1);
  callback.accept = 0.5;
  callback.answer = 0.7;
  callback.max_attempts = 2;
  callback.retry_delay = Time::Minutes(5);
  callback.dial_time = Distribution::Exponential(20);
  billing.callback = callback;
  s.call_types.push_back(billing);

  CallTypeSpec tech;
  tech.name = "tech";
  tech.rate_per_s.assign(ipd, 3 / 1800.0);
  for (int i = 14; i < 42; ++i) tech.rate_per_s[i] = 25 / 1800.0;
  tech.handle_time = Distribution::Lognormal(360, 200);
  tech.patience = Distribution::Weibull(0.8, 240);
  tech.wrap_up = Distribution::Deterministic(20);
  tech.fcr = 0.75;
  tech.return_delay = Distribution::Exponential(2 * 3600);
  tech.redial.after_ivr = 0.4;
  tech.redial.after_abandon = 0.4;
  tech.redial.delay = Distribution::Exponential(300);
  s.call_types.push_back(tech);

  CallTypeSpec general;  // the zero-out queue, no calls of its own
  general.name = "general";
  general.rate_per_s.assign(ipd, 0.0);
  general.handle_time = Distribution::Exponential(120);
  s.call_types.push_back(general);

  IncidentSpec outage;
  outage.name = "outage";
  outage.call_type = 1;
  outage.start = Time::Days(2) + Time::Hours(10);
  outage.duration = Time::Hours(6);
  outage.extra_calls = 300;
  outage.half_life = Time::Hours(2);
  s.incidents = {outage};

  IvrSpec& ivr = s.ivr;
  ivr.greeting = Time::Seconds(8);
  AnnouncementSpec storm;
  storm.name = "outage message";
  storm.duration = Time::Seconds(15);
  storm.call_types = {1};
  storm.informed = 0.4;
  storm.incident = 0;
  AnnouncementSpec notice;
  notice.name = "billing notice";
  notice.duration = Time::Seconds(5);
  notice.call_types = {0};
  notice.informed = 0.05;
  ivr.announcements = {storm, notice};
  IvrNode root;
  root.name = "main";
  root.depth = 1;
  root.prompt = Time::Seconds(12);
  root.hang_up = 0.03;
  root.zero_out = 0.04;
  root.misroute = 0.03;
  root.options = {Option("billing", IvrTarget::kQueue, 0, {1, 0, 0}),
                  Option("tech", IvrTarget::kMenu, 1, {0, 1, 0}),
                  Option("self", IvrTarget::kSelfService, 2, {0.3, 0.2, 0})};
  IvrNode sub;
  sub.name = "main/tech";
  sub.depth = 2;
  sub.prompt = Time::Seconds(10);
  sub.hang_up = 0.05;
  sub.zero_out = 0.02;
  sub.options = {Option("queue", IvrTarget::kQueue, 1, {0, 1, 0}),
                 Option("partner", IvrTarget::kTransferOut, -1, {0, 0.1, 0})};
  IvrNode self;
  self.name = "main/self";
  self.kind = IvrNode::kSelfService;
  self.depth = 2;
  self.duration = Distribution::Exponential(90);
  self.resolve = 0.5;
  self.to_agent = 0.6;
  self.queue.kind = IvrTarget::kQueue;
  self.queue.index = -1;
  ivr.nodes = {root, sub, self};
  ivr.root = 0;
  ivr.zero_out_queue = 2;
  ivr.misroute_handle_time = Distribution::Exponential(40);

  AgentGroupSpec team;  // billing, and tech after 60 s at a lower priority
  team.name = "billing team";
  team.skills = {0, 1};
  team.skill_specs = {
      SkillSpec{.call_type = 0, .priority = 1},
      SkillSpec{.call_type = 1, .priority = 2, .after = Time::Seconds(60)}};
  ShiftSpec early;
  early.start = Time::Hours(7);
  early.length = Time::Hours(8);
  early.agents = 8;
  early.weekdays = {true, true, true, true, true, true, false};
  early.breaks = {BreakSpec{.earliest = Time::Hours(2),
                            .latest = Time::Hours(3),
                            .duration = Time::Minutes(15)},
                  BreakSpec{.earliest = Time::Hours(4),
                            .latest = Time::Hours(5),
                            .duration = Time::Minutes(30)}};
  ShiftSpec late = early;
  late.start = Time::Hours(13);
  late.weekdays = {true, true, true, true, true, false, false};
  team.shifts = {early, late};
  team.break_cap_share = 0.25;
  team.aux_per_hour = 0.5;
  team.aux_duration = Distribution::Exponential(300);
  team.late_login = Distribution::Exponential(120);
  team.early_logout = Distribution::Uniform(0, 300);
  s.agent_groups.push_back(team);

  AgentGroupSpec techs;
  techs.name = "tech team";
  techs.skills = {1};
  techs.staffing.assign(ipd, 0);
  for (int i = 14; i < 42; ++i) techs.staffing[i] = 12;
  techs.handle_factor = {1, 1.2, 1};
  techs.fcr = 0.8;
  techs.aux_per_hour = 0.3;
  techs.aux_duration = Distribution::Deterministic(180);
  s.agent_groups.push_back(techs);

  AgentGroupSpec desk;
  desk.name = "front desk";
  desk.skills = {2};
  desk.staffing.assign(ipd, 0);
  for (int i = 14; i < 42; ++i) desk.staffing[i] = 3;
  s.agent_groups.push_back(desk);
  return s;
}

double Outcomes(const MetricValues& v) {
  return M(v, Metric::kClosed) + M(v, Metric::kBlocked) +
         M(v, Metric::kInformed) + M(v, Metric::kIvrAbandoned) +
         M(v, Metric::kContained) + M(v, Metric::kTransferredOut) +
         M(v, Metric::kAbandoned) + M(v, Metric::kAnswered) +
         M(v, Metric::kCallbacksFailed);
}

void ExpectCallsConserved(const MetricValues& v, const std::string& scope) {
  EXPECT_EQ(M(v, Metric::kCalls), Outcomes(v)) << scope;
  EXPECT_EQ(M(v, Metric::kOffered), M(v, Metric::kAnswered) +
                                        M(v, Metric::kAbandoned) +
                                        M(v, Metric::kCallbacksFailed))
      << scope;
  EXPECT_EQ(M(v, Metric::kCallbacksAccepted),
            M(v, Metric::kCallbacksCompleted) + M(v, Metric::kCallbacksFailed))
      << scope;
  EXPECT_LE(M(v, Metric::kCallbacksAccepted), M(v, Metric::kCallbacksOffered))
      << scope;
  EXPECT_EQ(M(v, Metric::kCalls) - M(v, Metric::kUniqueCallers),
            M(v, Metric::kRedialsBusy) + M(v, Metric::kRedialsAbandon) +
                M(v, Metric::kRedialsIvr) + M(v, Metric::kReturns))
      << scope;
}

void ExpectTimeConserved(const MetricValues& v, const std::string& scope) {
  ExpectRelEq(scope + ": staffed = talk + wrap + break + aux + idle",
              M(v, Metric::kStaffedHours),
              M(v, Metric::kTalkHours) + M(v, Metric::kWrapHours) +
                  M(v, Metric::kBreakHours) + M(v, Metric::kAuxHours) +
                  M(v, Metric::kIdleHours));
  ExpectRelEq(scope + ": available", M(v, Metric::kAvailableHours),
              M(v, Metric::kTalkHours) + M(v, Metric::kWrapHours) +
                  M(v, Metric::kIdleHours));
}

// Count metrics: sums over intervals and over call types are the totals.
constexpr Metric kCounts[] = {Metric::kCalls,
                              Metric::kOffered,
                              Metric::kAnswered,
                              Metric::kAbandoned,
                              Metric::kClosed,
                              Metric::kBlocked,
                              Metric::kInformed,
                              Metric::kContained,
                              Metric::kIvrAbandoned,
                              Metric::kZeroOut,
                              Metric::kMisrouted,
                              Metric::kTransferred,
                              Metric::kTransferredOut,
                              Metric::kRedialsBusy,
                              Metric::kRedialsAbandon,
                              Metric::kRedialsIvr,
                              Metric::kReturns,
                              Metric::kGaveUp,
                              Metric::kUniqueCallers,
                              Metric::kCallbacksOffered,
                              Metric::kCallbacksAccepted,
                              Metric::kCallbacksCompleted,
                              Metric::kCallbacksFailed,
                              Metric::kCallbackDials};

constexpr Metric kHours[] = {
    Metric::kStaffedHours, Metric::kTalkHours,       Metric::kWrapHours,
    Metric::kBreakHours,   Metric::kAuxHours,        Metric::kIdleHours,
    Metric::kOverrunHours, Metric::kBreaksPostponed, Metric::kBreaksForced};

TEST(FullModelConservationTest, EveryFeatureOnEverythingAddsUp) {
  const Scenario s = AllFeatures();
  ExpectRunnable(s);
  const size_t n_groups = s.agent_groups.size();
  // Every feature must actually be exercised, or the sums prove little.
  std::vector<double> used(kNumMetrics, 0);
  for (const Replica& x : RunMany(s, s.seed, s.replications)) {
    const ReplicationResult& r = x.result;
    const size_t n_intervals = r.intervals.size();
    ASSERT_EQ(n_intervals, 7u * 48);
    for (int m = 0; m < kNumMetrics; ++m) {
      if (r.total[m] > 0) used[m] += r.total[m];
    }
    ExpectCallsConserved(r.total, "total");
    ExpectTimeConserved(r.total, "total");
    for (size_t t = 0; t < r.call_types.size(); ++t) {
      ExpectCallsConserved(r.call_types[t], s.call_types[t].name);
    }
    for (size_t i = 0; i < n_intervals; ++i) {
      ExpectCallsConserved(r.intervals[i], "interval " + std::to_string(i));
      ExpectTimeConserved(r.intervals[i], "interval " + std::to_string(i));
    }
    for (size_t g = 0; g < n_groups; ++g) {
      ExpectTimeConserved(r.agent_groups[g], s.agent_groups[g].name);
    }
    ASSERT_EQ(r.agent_group_intervals.size(), n_groups * n_intervals);
    for (size_t g = 0; g < n_groups; ++g) {
      for (size_t i = 0; i < n_intervals; ++i) {
        ExpectTimeConserved(
            r.agent_group_intervals[g * n_intervals + i],
            s.agent_groups[g].name + " interval " + std::to_string(i));
      }
    }
    for (Metric m : kCounts) {
      double by_interval = 0, by_type = 0;
      for (const MetricValues& v : r.intervals) by_interval += M(v, m);
      for (const MetricValues& v : r.call_types) by_type += M(v, m);
      EXPECT_EQ(by_interval, M(r.total, m)) << MetricName(m);
      EXPECT_EQ(by_type, M(r.total, m)) << MetricName(m);
    }
    for (Metric m : kHours) {
      double by_interval = 0, by_group = 0, by_group_interval = 0;
      for (const MetricValues& v : r.intervals) by_interval += M(v, m);
      for (const MetricValues& v : r.agent_groups) by_group += M(v, m);
      for (const MetricValues& v : r.agent_group_intervals) {
        by_group_interval += M(v, m);
      }
      ExpectRelEq(std::string(MetricName(m)) + " by interval", by_interval,
                  M(r.total, m));
      ExpectRelEq(std::string(MetricName(m)) + " by group", by_group,
                  M(r.total, m));
      ExpectRelEq(std::string(MetricName(m)) + " by group and interval",
                  by_group_interval, M(r.total, m));
    }
    // Each answered call has one leg, and each transfer (to a second skill,
    // or of a misrouted call) one more.
    double legs = 0;
    for (const MetricValues& v : r.agent_groups)
      legs += M(v, Metric::kAnswered);
    EXPECT_EQ(legs,
              M(r.total, Metric::kAnswered) + M(r.total, Metric::kTransferred));
    // Callback dials, completions and hours are counted by the group that
    // made them as well.
    for (Metric m : {Metric::kCallbackDials, Metric::kCallbacksCompleted,
                     Metric::kCallbackHours}) {
      double by_group = 0;
      for (const MetricValues& v : r.agent_groups) by_group += M(v, m);
      ExpectRelEq(std::string(MetricName(m)) + " by group", by_group,
                  M(r.total, m));
    }
    EXPECT_LE(x.probe.max_lines_in_use, s.trunk_lines);
    // Break cap 0.25 of at most 16 logged-in agents: at most 4 at once.
    EXPECT_LE(x.probe.max_on_capped_break[0], 4);
    EXPECT_GT(x.probe.max_on_capped_break[0], 0);
  }
  for (Metric m : {Metric::kClosed,
                   Metric::kBlocked,
                   Metric::kInformed,
                   Metric::kIvrAbandoned,
                   Metric::kContained,
                   Metric::kTransferredOut,
                   Metric::kAbandoned,
                   Metric::kAnswered,
                   Metric::kZeroOut,
                   Metric::kMisrouted,
                   Metric::kTransferred,
                   Metric::kRedialsBusy,
                   Metric::kRedialsAbandon,
                   Metric::kRedialsIvr,
                   Metric::kReturns,
                   Metric::kGaveUp,
                   Metric::kWrapHours,
                   Metric::kBreakHours,
                   Metric::kAuxHours,
                   Metric::kBreaksPostponed,
                   Metric::kOverrunHours,
                   Metric::kCallbacksAccepted,
                   Metric::kCallbacksCompleted,
                   Metric::kCallbacksFailed}) {
    EXPECT_GT(used[static_cast<int>(m)], 0)
        << MetricName(m) << " never occurred";
  }
}

TEST(FullModelConservationTest, CallsInTheSystemAtTheEndAreFollowedToTheirEnd) {
  // docs/design.md: "calls still in the system are followed to their end
  // (the staffing plan goes on, day after day, while any caller waits), so
  // every counted call is answered or abandoned."
  //
  // (1) One group staffed 08:00-23:30, callers without a patience limit
  // arriving around the clock; the horizon ends at midnight. Callers who
  // arrive between 23:30 and midnight find no agent and must be answered
  // the next morning: offered = answered + abandoned.
  Scenario s = testing::OneQueue(100, 180, 16, Time::Days(2));
  for (int i = 0; i < 16; ++i) s.agent_groups[0].staffing[i] = 0;
  s.agent_groups[0].staffing[47] = 0;
  ExpectRunnable(s);
  for (const Replica& x : RunMany(s, 137, 3)) {
    const MetricValues& t = x.result.total;
    EXPECT_EQ(M(t, Metric::kOffered),
              M(t, Metric::kAnswered) + M(t, Metric::kAbandoned))
        << "calls left waiting after the horizon";
    EXPECT_EQ(M(t, Metric::kCalls), Outcomes(t));
  }
  // (2) A front office around the clock passes half of its answered calls
  // to a back office staffed 08:00-23:30. Transfers made after 23:30 (by
  // front-office agents still talking) must get their second leg the next
  // morning: the back office's legs equal the transfers.
  Scenario t = testing::OneQueue(100, 180, 16, Time::Days(2));
  const int b = testing::AddSkill(t, "b", 180, 0);
  for (int i = 16; i < 47; ++i) t.agent_groups[b].staffing[i] = 12;
  t.call_types[0].transfer_share = 0.5;
  t.call_types[0].transfer_to = b;
  ExpectRunnable(t);
  for (const Replica& x : RunMany(t, 131, 3)) {
    const ReplicationResult& r = x.result;
    EXPECT_EQ(M(r.agent_groups[0], Metric::kAnswered),
              M(r.total, Metric::kAnswered));
    EXPECT_EQ(M(r.agent_groups[b], Metric::kAnswered),
              M(r.total, Metric::kTransferred))
        << "transfers left without a second leg";
  }
}

// Bitwise equality of two estimates (NaN equals NaN).
bool Same(const Estimate& a, const Estimate& b) {
  return std::bit_cast<uint64_t>(a.mean) == std::bit_cast<uint64_t>(b.mean) &&
         std::bit_cast<uint64_t>(a.ci95) == std::bit_cast<uint64_t>(b.ci95) &&
         a.n == b.n;
}

void ExpectSame(const MetricEstimates& a, const MetricEstimates& b,
                const std::string& scope) {
  for (int m = 0; m < kNumMetrics; ++m) {
    EXPECT_TRUE(Same(a[m], b[m]))
        << scope << " " << MetricName(static_cast<Metric>(m)) << ": "
        << a[m].mean << " ± " << a[m].ci95 << " vs " << b[m].mean << " ± "
        << b[m].ci95;
  }
}

TEST(FullModelDeterminismTest, ThreadsDoNotChangeAnyResult) {
  const Scenario s = AllFeatures();
  ExpectRunnable(s);
  RunOptions one, two;
  one.threads = 1;
  two.threads = 2;
  absl::StatusOr<RunResult> a = RunScenario(s, one);
  absl::StatusOr<RunResult> b = RunScenario(s, two);
  ASSERT_TRUE(a.ok()) << a.status();
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(a->replications, 4);
  ExpectSame(a->total, b->total, "total");
  ASSERT_EQ(a->intervals.size(), b->intervals.size());
  for (size_t i = 0; i < a->intervals.size(); ++i) {
    EXPECT_EQ(a->intervals[i].day, b->intervals[i].day);
    EXPECT_EQ(a->intervals[i].start, b->intervals[i].start);
    ExpectSame(a->intervals[i].metrics, b->intervals[i].metrics,
               "interval " + std::to_string(i));
  }
  ASSERT_EQ(a->call_types.size(), b->call_types.size());
  for (size_t t = 0; t < a->call_types.size(); ++t) {
    ExpectSame(a->call_types[t].metrics, b->call_types[t].metrics,
               a->call_types[t].name);
  }
  ASSERT_EQ(a->agent_groups.size(), b->agent_groups.size());
  for (size_t g = 0; g < a->agent_groups.size(); ++g) {
    ExpectSame(a->agent_groups[g].metrics, b->agent_groups[g].metrics,
               a->agent_groups[g].name);
  }
  ASSERT_EQ(a->agent_group_intervals.size(), b->agent_group_intervals.size());
  for (size_t g = 0; g < a->agent_group_intervals.size(); ++g) {
    ASSERT_EQ(a->agent_group_intervals[g].size(),
              b->agent_group_intervals[g].size());
    for (size_t i = 0; i < a->agent_group_intervals[g].size(); ++i) {
      ExpectSame(
          a->agent_group_intervals[g][i].metrics,
          b->agent_group_intervals[g][i].metrics,
          "group " + std::to_string(g) + " interval " + std::to_string(i));
    }
  }
  const CallFlow& fa = a->call_flow;
  const CallFlow& fb = b->call_flow;
  for (auto field : {&CallFlow::closed, &CallFlow::blocked, &CallFlow::informed,
                     &CallFlow::ivr_abandoned, &CallFlow::contained,
                     &CallFlow::transferred_out, &CallFlow::offered,
                     &CallFlow::abandoned, &CallFlow::answered_within,
                     &CallFlow::answered_after, &CallFlow::came_back}) {
    EXPECT_TRUE(Same(fa.*field, fb.*field));
  }
  EXPECT_EQ(a->events, b->events);
  EXPECT_EQ(a->calls, b->calls);
}

TEST(FullModelDeterminismTest, IvrVariantSharesTheArrivals) {
  // Sending more billing callers to self service changes what becomes of
  // them (and so their repeat calls), but not who calls when: first calls
  // (unique callers) are equal in every interval of every replication.
  const Scenario base = AllFeatures();
  Scenario variant = base;
  variant.ivr.nodes[0].options[2].weight[0] = 0.9;
  ExpectRunnable(variant);
  int differ = 0;
  for (int rep = 0; rep < 3; ++rep) {
    const Replica a = testing::RunOne(base, 7, rep);
    const Replica b = testing::RunOne(variant, 7, rep);
    ASSERT_EQ(a.result.intervals.size(), b.result.intervals.size());
    for (size_t i = 0; i < a.result.intervals.size(); ++i) {
      EXPECT_EQ(M(a.result.intervals[i], Metric::kUniqueCallers),
                M(b.result.intervals[i], Metric::kUniqueCallers))
          << "replication " << rep << " interval " << i;
    }
    for (size_t t = 0; t < a.result.call_types.size(); ++t) {
      EXPECT_EQ(M(a.result.call_types[t], Metric::kUniqueCallers),
                M(b.result.call_types[t], Metric::kUniqueCallers));
    }
    if (M(a.result.total, Metric::kContained) !=
        M(b.result.total, Metric::kContained)) {
      ++differ;
    }
    EXPECT_GT(M(b.result.total, Metric::kContained),
              M(a.result.total, Metric::kContained));
  }
  EXPECT_EQ(differ, 3);
}

TEST(FullModelDeterminismTest, IvrVariantWithoutRepeatCallsHasEqualCalls) {
  // Without redials and returns nothing the IVR does can change the
  // attempts: calls are equal in every interval.
  Scenario base = AllFeatures();
  for (CallTypeSpec& t : base.call_types) {
    t.redial = RedialSpec{};
    t.fcr = 1;
  }
  base.agent_groups[1].fcr.reset();
  Scenario variant = base;
  variant.ivr.nodes[0].options[2].weight[0] = 0.9;
  ExpectRunnable(base);
  ExpectRunnable(variant);
  for (int rep = 0; rep < 2; ++rep) {
    const Replica a = testing::RunOne(base, 9, rep);
    const Replica b = testing::RunOne(variant, 9, rep);
    for (size_t i = 0; i < a.result.intervals.size(); ++i) {
      EXPECT_EQ(M(a.result.intervals[i], Metric::kCalls),
                M(b.result.intervals[i], Metric::kCalls))
          << "replication " << rep << " interval " << i;
    }
    EXPECT_NE(M(a.result.total, Metric::kContained),
              M(b.result.total, Metric::kContained));
  }
}

}  // namespace
}  // namespace ccsim
