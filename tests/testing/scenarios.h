// Scenarios built in code for tests.
#ifndef CCSIM_TESTS_TESTING_SCENARIOS_H_
#define CCSIM_TESTS_TESTING_SCENARIOS_H_

#include <optional>
#include <string>

#include "ccsim/erlang.h"
#include "ccsim/scenario.h"
#include "gtest/gtest.h"

namespace ccsim::testing {

// The fewest agents Erlang C says give 80/20 (exponential handle times of
// mean aht_s, no abandonment), or -1 (a test failure) when there is none.
inline int ErlangC8020(double rate_per_s, double aht_s) {
  ErlangInput in;
  in.arrival_rate_per_s = rate_per_s;
  in.mean_handle_s = aht_s;
  in.threshold_s = 20;
  absl::StatusOr<int> n = AgentsForServiceLevel(in, 0.8);
  EXPECT_TRUE(n.ok());
  return n.ok() ? *n : -1;
}

struct QueueParams {
  double calls_per_interval = 100;   // Poisson, constant over the day
  double aht_s = 180;                // exponential
  int agents = 14;                   // constant
  std::optional<double> patience_s;  // exponential; nullopt = infinite
  Time interval = Time::Minutes(30);
  Time horizon = Time::Days(5);
  Time warmup = Time::Hours(2);
  int replications = 10;
  uint64_t seed = 1;
};

// One call type "general", one group "team": the M/M/n (+M) queue.
inline Scenario MakeQueueScenario(const QueueParams& p) {
  Scenario s;
  s.name = "test-queue";
  s.interval = p.interval;
  s.horizon = p.horizon;
  s.warmup = p.warmup;
  s.replications = p.replications;
  s.seed = p.seed;
  const int ipd = s.intervals_per_day();
  CallTypeSpec t;
  t.name = "general";
  t.rate_per_s.assign(ipd, p.calls_per_interval / p.interval.seconds());
  t.handle_time = Distribution::Exponential(p.aht_s);
  if (p.patience_s) t.patience = Distribution::Exponential(*p.patience_s);
  s.call_types.push_back(t);
  AgentGroupSpec g;
  g.name = "team";
  g.skills = {0};
  g.staffing.assign(ipd, p.agents);
  s.agent_groups.push_back(g);
  return s;
}

// A small M/M/9+M queue (60 calls per 30 minutes, patience 240 s, 3
// replications after a 2-hour warm-up), quick to run, for report tests.
inline Scenario SmallReportScenario(Time horizon) {
  QueueParams p;
  p.horizon = horizon;
  p.warmup = Time::Hours(2);
  p.replications = 3;
  p.calls_per_interval = 60;
  p.agents = 9;
  p.patience_s = 240;
  return MakeQueueScenario(p);
}

}  // namespace ccsim::testing

#endif  // CCSIM_TESTS_TESTING_SCENARIOS_H_
