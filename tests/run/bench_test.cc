// The reference scenarios and the throughput measurement of ccsim/bench.h
// (no assertion on speed or wall time).
#include "ccsim/bench.h"

#include <cmath>
#include <string>

#include "gtest/gtest.h"

namespace ccsim {
namespace {

TEST(BenchTest, ReferenceScenariosAreRunnable) {
  absl::StatusOr<std::vector<BenchScenario>> set = ReferenceScenarios();
  ASSERT_TRUE(set.ok()) << set.status();
  ASSERT_EQ(set->size(), 3u);
  for (const BenchScenario& s : *set) {
    EXPECT_TRUE(CheckRunnable(s.scenario).ok()) << s.name;
  }
  // The compiled-in demo is the bundled file.
  EXPECT_EQ((*set)[1].scenario.name, "full-model-demo");
}

TEST(BenchTest, MultiSkillCentreShapeAndStaffing) {
  const Scenario bare = MultiSkillCentreScenario();
  EXPECT_EQ(bare.call_types.size(), 65u);
  EXPECT_EQ(bare.agent_groups.size(), 89u);
  int bare_agents = 0, staffed_agents = 0;
  for (const AgentGroupSpec& g : bare.agent_groups) {
    EXPECT_GE(g.skills.size(), 2u);
    for (int n : g.staffing) bare_agents += n;
  }
  EXPECT_EQ(bare_agents, 0);
  for (const AgentGroupSpec& g : StaffedMultiSkillCentre().agent_groups) {
    for (int n : g.staffing) staffed_agents += n;
  }
  EXPECT_GT(staffed_agents, 0);
}

TEST(BenchTest, MeasurementCountsWhatRan) {
  absl::StatusOr<BenchMeasurement> m =
      MeasureThroughput(MmnmScenario(10, 0.9), 2, 0.05);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->threads, 2);
  EXPECT_GE(m->replications, 2);
  EXPECT_GT(m->calls, 0u);
  EXPECT_GE(m->events, m->calls);
  EXPECT_GT(m->calls_per_s, 0);
  EXPECT_GT(m->peak_rss_mb, 0);
}

TEST(BenchTest, BadArgumentsAreErrors) {
  EXPECT_FALSE(MeasureThroughput(MmnmScenario(10, 0.9), 0, 1).ok());
  EXPECT_FALSE(MeasureThroughput(MmnmScenario(10, 0.9), 1, 0).ok());
  Scenario not_runnable = MmnmScenario(10, 0.9);
  not_runnable.interval = Time::Minutes(7);  // does not divide a day
  EXPECT_FALSE(MeasureThroughput(not_runnable, 1, 1).ok());
}

TEST(BenchTest, SpeedupsAreOverOneThread) {
  BenchReport r;
  BenchResult& s = r.scenarios.emplace_back();
  s.runs.resize(2);
  s.runs[0].threads = 1;
  s.runs[0].calls_per_s = 100;
  s.runs[1].threads = 2;
  s.runs[1].calls_per_s = 180;
  SetSpeedups(r);
  EXPECT_EQ(s.runs[0].speedup, 1);
  EXPECT_DOUBLE_EQ(s.runs[1].speedup, 1.8);
  s.runs[0].threads = 4;
  SetSpeedups(r);
  EXPECT_TRUE(std::isnan(s.runs[0].speedup));
}

}  // namespace
}  // namespace ccsim
