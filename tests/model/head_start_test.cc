// A skill's head start: among calls of equal priority, a call of that
// skill counts as having waited that much longer. Calls are placed by a
// trace, so the order of service can be checked exactly.
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/call_log.h"
#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

struct Answers : TraceSink {
  std::vector<std::pair<int, double>> calls;  // (call type, answered at)
  void OnCall(const CallRecord& r) override {
    calls.emplace_back(r.call_type, r.answered.seconds());
  }
  void OnAgentState(const AgentStateRecord&) override {}
};

// One agent. A call of type b at 0 s (talks 100 s), another b at 10 s and
// an a at 40 s: when the agent is free at 100 s, b has waited 90 s and a
// 60 s.
std::vector<std::pair<int, double>> Order(const std::string& skill_a) {
  absl::StatusOr<Scenario> s = ParseScenario(
      "name: head-start\nhorizon: 1d\nreplications: 1\n"
      "call_types:\n"
      "  - {name: b, arrivals: {per_interval: 0}, "
      "handle_time: {deterministic: {value: 50s}}}\n"
      "  - {name: a, arrivals: {per_interval: 0}, "
      "handle_time: {deterministic: {value: 50s}}}\n"
      "agents:\n"
      "  - {name: team, skills: [b, " +
          skill_a + "], staffing: {constant: 1}}\n",
      "head_start.yaml");
  EXPECT_TRUE(s.ok()) << s.status();
  if (!s.ok()) return {};
  s->call_types[0].trace_arrivals = {Time::Seconds(0), Time::Seconds(10)};
  s->call_types[0].trace_talk = {Time::Seconds(100), Time::Seconds(50)};
  s->call_types[1].trace_arrivals = {Time::Seconds(40)};
  EXPECT_TRUE(CheckRunnable(*s).ok());
  Answers sink;
  RunReplication(*s, 1, 0, &sink);
  std::sort(sink.calls.begin(), sink.calls.end(),
            [](const auto& x, const auto& y) { return x.second < y.second; });
  return sink.calls;
}

TEST(HeadStartTest, LongestWaitingFirstWithout) {
  EXPECT_EQ(Order("a"),
            (std::vector<std::pair<int, double>>{{0, 0}, {0, 100}, {1, 150}}));
}

TEST(HeadStartTest, AHeadStartPassesACallThatWaitedLessLonger) {
  // a waited 30 s less than b: a head start of 60 s puts it first.
  EXPECT_EQ(Order("{skill: a, head_start: 60s}"),
            (std::vector<std::pair<int, double>>{{0, 0}, {1, 100}, {0, 150}}));
  // A head start of 20 s is not enough.
  EXPECT_EQ(Order("{skill: a, head_start: 20s}"),
            (std::vector<std::pair<int, double>>{{0, 0}, {0, 100}, {1, 150}}));
  // A priority still comes first.
  EXPECT_EQ(Order("{skill: a, priority: 2, head_start: 60s}"),
            (std::vector<std::pair<int, double>>{{0, 0}, {0, 100}, {1, 150}}));
}

}  // namespace
}  // namespace ccsim
