// Helpers for tests of the full model's mechanisms: single replications with
// the model's probe, estimates over replications, and checks of an estimate
// against a number worked out by hand or by formula.
#ifndef CCSIM_TESTS_TESTING_MODEL_CHECKS_H_
#define CCSIM_TESTS_TESTING_MODEL_CHECKS_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "gtest/gtest.h"
#include "sim/model/call_center.h"

namespace ccsim::testing {

// Every statistical check below widens the 95% interval by this factor.
// The mechanism tests make about 60 statistical comparisons; for a
// family-wise error of 5% (Bonferroni) each interval needs
// z(1 - 0.05/120) / z(0.975) = 3.34 / 1.96 = 1.70; 1.75 is used. Seeds are
// fixed, so every outcome is deterministic; the factor only says how
// unlucky a seed would have to be to fail a correct model.
inline constexpr double kWiden = 1.75;

// One replication, with the model's probe.
struct Replica {
  ReplicationResult result;
  model::Probe probe;
};

inline Replica RunOne(const Scenario& s, uint64_t seed, int replication) {
  model::CallCenter center(s, seed, replication);
  center.Run();
  return Replica{center.Result(), center.probe()};
}

// Replications 0..n-1 of `s` with `seed`.
inline std::vector<Replica> RunMany(const Scenario& s, uint64_t seed, int n) {
  std::vector<Replica> out;
  out.reserve(n);
  for (int r = 0; r < n; ++r) out.push_back(RunOne(s, seed, r));
  return out;
}

// Summarises f(replica) over replications (mean and 95% Student-t
// half-width from the replications).
template <class F>
Estimate Over(const std::vector<Replica>& reps, F f) {
  std::vector<double> values;
  values.reserve(reps.size());
  for (const Replica& x : reps) values.push_back(f(x));
  return Summarize(values);
}

// The estimate agrees with `expected` within kWiden times its 95% interval,
// and the interval is at most `max_halfwidth` (a wide interval would accept
// anything, so the test could not fail).
inline void ExpectWithinCi(const std::string& what, const Estimate& e,
                           double expected, double max_halfwidth) {
  SCOPED_TRACE(what);
  ASSERT_GE(e.n, 2) << "too few defined replications";
  EXPECT_LE(e.ci95, max_halfwidth) << "interval too wide to be a test";
  EXPECT_NEAR(e.mean, expected, kWiden * e.ci95 + 1e-12)
      << "simulated " << e.mean << " ± " << e.ci95 << " (n=" << e.n
      << "), expected " << expected;
}

// A Poisson (or binomial) count against its expectation, with the standard
// error computed here: |observed - expected| <= kWiden * 1.96 * sd.
inline void ExpectCountNear(const std::string& what, double observed,
                            double expected, double sd) {
  SCOPED_TRACE(what);
  EXPECT_NEAR(observed, expected, kWiden * 1.96 * sd)
      << "observed " << observed << ", expected " << expected << ", sd " << sd;
}

// Relative agreement for sums of floating-point parts.
inline void ExpectRelEq(const std::string& what, double a, double b,
                        double rel = 1e-9) {
  EXPECT_NEAR(a, b, rel * std::max(std::abs(a), std::abs(b)) + 1e-12) << what;
}

inline double M(const MetricValues& v, Metric m) { return v[m]; }

// Equal, or both undefined (NaN): the same value, bit for bit.
inline bool SameValue(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

// A scenario with one call type "a" (Poisson, `calls_per_30m` constant,
// exponential handle time `aht_s`, no patience) and one staffing-level
// group "ga" with `agents` agents all day; 30-minute intervals.
inline Scenario OneQueue(double calls_per_30m, double aht_s, int agents,
                         Time horizon, Time warmup = Time::Zero()) {
  Scenario s;
  s.name = "mechanism";
  s.interval = Time::Minutes(30);
  s.horizon = horizon;
  s.warmup = warmup;
  const int ipd = s.intervals_per_day();
  CallTypeSpec t;
  t.name = "a";
  t.rate_per_s.assign(ipd, calls_per_30m / 1800.0);
  t.handle_time = Distribution::Exponential(aht_s);
  s.call_types.push_back(t);
  AgentGroupSpec g;
  g.name = "ga";
  g.skills = {0};
  g.staffing.assign(ipd, agents);
  s.agent_groups.push_back(g);
  return s;
}

// Adds a call type with no arrivals of its own (a skill: a transfer target,
// a zero-out queue, a wrong queue) and a staffing-level group that serves
// only it. Returns the call type's index.
inline int AddSkill(Scenario& s, const std::string& name, double aht_s,
                    int agents) {
  const int ipd = s.intervals_per_day();
  CallTypeSpec t;
  t.name = name;
  t.rate_per_s.assign(ipd, 0.0);
  t.handle_time = Distribution::Exponential(aht_s);
  s.call_types.push_back(t);
  const int index = static_cast<int>(s.call_types.size()) - 1;
  AgentGroupSpec g;
  g.name = "g" + name;
  g.skills = {index};
  g.staffing.assign(ipd, agents);
  s.agent_groups.push_back(g);
  return index;
}

// The scenario passes the checks the loader applies.
inline void ExpectRunnable(const Scenario& s) {
  const absl::Status st = CheckRunnable(s);
  ASSERT_TRUE(st.ok()) << st;
}

}  // namespace ccsim::testing

#endif  // CCSIM_TESTS_TESTING_MODEL_CHECKS_H_
