// The simulator configured as Erlang C (M/M/n) and Erlang A (M/M/n+M) must
// reproduce the exact formulas of ccsim/erlang.h within its confidence
// interval.
//
// Each case compares five metrics (p_wait, service_level, abandon_rate,
// mean_wait_s, occupancy), and there are six cases: 30 comparisons. With a
// plain 95% interval about 1.5 of them would miss by chance, so each
// interval is widened by the Bonferroni factor for 30 comparisons:
// z(1 - 0.05/60) / z(0.975) = 3.14 / 1.96 = 1.60. Seeds are fixed, so the
// outcome is deterministic. To keep the test able to fail, each interval
// must also be narrow (a wide interval would accept anything).
#include <cmath>
#include <optional>
#include <ostream>
#include <string>

#include "ccsim/erlang.h"
#include "ccsim/run.h"
#include "gtest/gtest.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

constexpr double kBonferroni = 1.60;

struct Case {
  std::string name;
  double calls_per_30m;
  double aht_s;
  int agents;
  std::optional<double> patience_s;
  int days;
};

// Names the case in test output instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ErlangAgreementTest : public ::testing::TestWithParam<Case> {};

void ExpectWithin(const char* metric, const Estimate& sim, double exact,
                  double max_halfwidth) {
  SCOPED_TRACE(metric);
  ASSERT_EQ(sim.n, 20);
  EXPECT_LE(sim.ci95, max_halfwidth) << "interval too wide to be a test";
  EXPECT_NEAR(sim.mean, exact, kBonferroni * sim.ci95 + 1e-12)
      << "simulated " << sim.mean << " ± " << sim.ci95 << ", exact " << exact;
}

TEST_P(ErlangAgreementTest, SimulationMatchesFormula) {
  const Case& c = GetParam();
  testing::QueueParams p;
  p.calls_per_interval = c.calls_per_30m;
  p.aht_s = c.aht_s;
  p.agents = c.agents;
  p.patience_s = c.patience_s;
  p.horizon = Time::Days(c.days);
  p.warmup = Time::Hours(4);
  p.replications = 20;
  p.seed = 2024;
  Scenario s = testing::MakeQueueScenario(p);

  ErlangInput in;
  in.arrival_rate_per_s = c.calls_per_30m / 1800.0;
  in.mean_handle_s = c.aht_s;
  in.agents = c.agents;
  in.mean_patience_s = c.patience_s;
  in.threshold_s = 20;
  absl::StatusOr<ErlangResult> exact = ErlangQueue(in);
  ASSERT_TRUE(exact.ok()) << exact.status();

  RunOptions options;
  options.threads = 2;
  absl::StatusOr<RunResult> r = RunScenario(s, options);
  ASSERT_TRUE(r.ok()) << r.status();
  const MetricEstimates& m = r->total;
  ExpectWithin("p_wait", m[static_cast<int>(Metric::kPWait)], exact->p_wait,
               0.03);
  ExpectWithin("service_level", m[static_cast<int>(Metric::kServiceLevel)],
               exact->service_level, 0.03);
  ExpectWithin("abandon_rate", m[static_cast<int>(Metric::kAbandonRate)],
               exact->abandon_rate, 0.01);
  ExpectWithin("mean_wait_s", m[static_cast<int>(Metric::kMeanWait)],
               exact->mean_wait_s, 0.1 * exact->mean_wait_s + 0.5);
  ExpectWithin("occupancy", m[static_cast<int>(Metric::kOccupancy)],
               exact->occupancy, 0.01);
  if (!c.patience_s) {
    EXPECT_EQ(m[static_cast<int>(Metric::kAbandoned)].mean, 0);
    ExpectWithin("asa_s", m[static_cast<int>(Metric::kAsa)], exact->asa_s,
                 0.1 * exact->asa_s + 0.5);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Loads, ErlangAgreementTest,
    ::testing::Values(
        // Erlang C, the textbook 10 erlangs on 14 agents.
        Case{"C_a10_n14", 100, 180, 14, std::nullopt, 10},
        // Erlang C, heavy: 18 erlangs on 20 agents (0.9).
        Case{"C_a18_n20_heavy", 180, 180, 20, std::nullopt, 20},
        // Erlang A at load 1.0 (offered = agents) with patience 300 s.
        Case{"A_a14_n14_load1", 140, 180, 14, 300.0, 10},
        // Erlang A, overloaded (1.2) with short patience.
        Case{"A_a24_n20_overload", 240, 180, 20, 120.0, 10},
        // Erlang A, 100 agents at load 0.95 with patience 300 s.
        Case{"A_a95_n100", 950, 180, 100, 300.0, 4},
        // Erlang A, light load, long patience.
        Case{"A_a8_n12_light", 80, 180, 12, 600.0, 10}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

}  // namespace
}  // namespace ccsim
