// The call and agent records (ccsim/call_log.h) agree with the counters of
// the same replication: two independent paths through the model (records
// assembled by the tracer, counts kept by the collector) must tell the
// same story. Also: records change no result, and the CSV writer's format.
#include "ccsim/call_log.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

struct Collecting : TraceSink {
  std::vector<CallRecord> calls;
  std::vector<AgentStateRecord> agents;
  void OnCall(const CallRecord& r) override { calls.push_back(r); }
  void OnAgentState(const AgentStateRecord& r) override { agents.push_back(r); }
};

Scenario Bundled(const std::string& name) {
  absl::StatusOr<Scenario> s =
      LoadScenarioFile(std::string(CCSIM_SOURCE_DIR) + "/scenarios/" + name);
  EXPECT_TRUE(s.ok()) << s.status();
  return *s;
}

bool Same(const MetricValues& a, const MetricValues& b) {
  for (int i = 0; i < kNumMetrics; ++i) {
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) {
      return false;
    }
  }
  return true;
}

int Count(const std::vector<CallRecord>& calls, CallOutcome o) {
  int n = 0;
  for (const CallRecord& r : calls) n += r.outcome == o;
  return n;
}

void ExpectRecordsMatchCounters(const std::string& name) {
  SCOPED_TRACE(name);
  const Scenario s = Bundled(name);
  Collecting sink;
  const ReplicationResult with = RunReplication(s, 7, 1, &sink);
  const ReplicationResult without = RunReplication(s, 7, 1);
  const MetricValues& m = with.total;
  // Records change nothing.
  EXPECT_TRUE(Same(with.total, without.total));
  ASSERT_EQ(with.intervals.size(), without.intervals.size());
  for (size_t i = 0; i < with.intervals.size(); ++i) {
    EXPECT_TRUE(Same(with.intervals[i], without.intervals[i])) << i;
  }

  const auto& calls = sink.calls;
  ASSERT_GT(calls.size(), 1000u);
  EXPECT_EQ(calls.size(), m[Metric::kCalls]);
  EXPECT_EQ(Count(calls, CallOutcome::kClosed), m[Metric::kClosed]);
  EXPECT_EQ(Count(calls, CallOutcome::kBlocked), m[Metric::kBlocked]);
  EXPECT_EQ(Count(calls, CallOutcome::kInformed), m[Metric::kInformed]);
  EXPECT_EQ(Count(calls, CallOutcome::kContained), m[Metric::kContained]);
  EXPECT_EQ(Count(calls, CallOutcome::kIvrHangUp), m[Metric::kIvrAbandoned]);
  EXPECT_EQ(Count(calls, CallOutcome::kTransferredOut),
            m[Metric::kTransferredOut]);
  EXPECT_EQ(Count(calls, CallOutcome::kAbandoned), m[Metric::kAbandoned]);
  int offered = 0, answered = 0, within = 0, repeats = 0, resolved = 0;
  double wait_answered = 0;
  for (const CallRecord& r : calls) {
    EXPECT_GE(r.left, r.arrival);
    if (r.queue >= 0) {
      ++offered;
      EXPECT_GE(r.queued, r.arrival);
    }
    if (!r.answered.is_infinite()) {
      ++answered;
      const Time wait = r.answered - r.queued;
      within += wait <= s.service_level.threshold;
      wait_answered += wait.seconds();
      EXPECT_GE(r.talk_end, r.answered);
      EXPECT_GE(r.wrap_end, r.talk_end);
      EXPECT_GE(r.legs, 1);
      EXPECT_GE(r.agent_slot, 0);
    } else {
      EXPECT_EQ(r.legs, 0);
    }
    repeats += r.cause != CallCause::kFirst;
    resolved += r.resolved;
    if (r.outcome == CallOutcome::kAbandoned) {
      EXPECT_TRUE(r.answered.is_infinite());
      EXPECT_EQ(r.abandoned, r.left);
    }
  }
  EXPECT_EQ(offered, m[Metric::kOffered]);
  EXPECT_EQ(answered, m[Metric::kAnswered]);
  EXPECT_DOUBLE_EQ(within / m[Metric::kOffered], m[Metric::kServiceLevel]);
  EXPECT_NEAR(wait_answered / answered, m[Metric::kAsa], 1e-6);
  EXPECT_NEAR(repeats, m[Metric::kRepeatShare] * m[Metric::kCalls], 1e-6);
  EXPECT_NEAR(resolved, m[Metric::kFcr] * Count(calls, CallOutcome::kServed),
              1e-6);

  // Agent time from the state changes, within the reported time.
  const Time from = s.warmup, to = s.warmup + s.horizon;
  std::map<int, std::pair<AgentLogState, Time>> state;  // by agent
  double talk_s = 0, staffed_s = 0, break_s = 0;
  auto close = [&](int agent, Time t) {
    auto it = state.find(agent);
    if (it == state.end()) return;
    const Time a = std::max(it->second.second, from);
    const Time b = std::min(t, to);
    if (b <= a) return;
    const double d = (b - a).seconds();
    if (it->second.first != AgentLogState::kLogout) staffed_s += d;
    if (it->second.first == AgentLogState::kTalk) talk_s += d;
    if (it->second.first == AgentLogState::kBreak ||
        it->second.first == AgentLogState::kAux) {
      break_s += d;
    }
  };
  Time last = Time::Zero();
  for (const AgentStateRecord& r : sink.agents) {
    EXPECT_GE(r.time, last);
    last = r.time;
    if (r.state == AgentLogState::kLogin) continue;
    close(r.agent, r.time);
    state[r.agent] = {r.state, r.time};
  }
  for (auto& [agent, st] : state) close(agent, to);
  ASSERT_GT(staffed_s, 0);
  EXPECT_NEAR(staffed_s / 3600, m[Metric::kStaffedHours], 1e-6);
  EXPECT_NEAR(talk_s / 3600, m[Metric::kTalkHours], 1e-6);
  EXPECT_NEAR(break_s / 3600, m[Metric::kBreakHours] + m[Metric::kAuxHours],
              1e-6);
}

TEST(CallLogTest, RecordsMatchCountersOfAQueue) {
  ExpectRecordsMatchCounters("erlang-a.yaml");
}

TEST(CallLogTest, RecordsMatchCountersWithIvrShiftsAndRepeats) {
  ExpectRecordsMatchCounters("full-model-demo.yaml");
}

TEST(CallLogTest, RecordsMatchCountersWithTrunksAndAnnouncements) {
  ExpectRecordsMatchCounters("power-outage-announce.yaml");
}

TEST(CallLogTest, OnlyTheChosenReplicationIsRecorded) {
  const Scenario s = Bundled("erlang-a.yaml");
  Collecting sink;
  RunOptions options;
  options.replications = 3;
  options.threads = 2;
  options.trace = &sink;
  options.trace_replication = 2;
  ASSERT_TRUE(RunScenario(s, options).ok());
  ASSERT_FALSE(sink.calls.empty());
  for (const CallRecord& r : sink.calls) ASSERT_EQ(r.replication, 2);
  options.trace_replication = 3;
  EXPECT_FALSE(RunScenario(s, options).ok());
}

TEST(CallLogTest, TimestampsFollowTheCalendar) {
  Scenario s;
  s.calendar.start_date = Date{2026, 2, 28};
  s.warmup = Time::Days(1);
  // Day 1 (the warm-up's end) is the start date; time 0 the day before.
  EXPECT_EQ(FormatTimestamp(s, Time::Days(1)), "2026-02-28 00:00:00.000");
  EXPECT_EQ(FormatTimestamp(s, Time::Days(2) + Time::Seconds(3661.2346)),
            "2026-03-01 01:01:01.235");
  EXPECT_EQ(FormatTimestamp(s, Time::Seconds(86399.9996)),
            "2026-02-28 00:00:00.000");
  EXPECT_EQ(FormatTimestamp(s, Time::Zero()), "2026-02-27 00:00:00.000");
}

}  // namespace
}  // namespace ccsim
