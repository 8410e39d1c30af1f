// Running a scenario: replications on threads, summarised with confidence
// intervals.
//
//   ccsim::RunOptions options;
//   options.threads = 2;
//   absl::StatusOr<ccsim::RunResult> r = ccsim::RunScenario(scenario, options);
//   double sl = r->total[ccsim::Metric::kServiceLevel].mean;
//
// Replication r draws every random number from streams seeded by (seed, r,
// purpose, key) (see ccsim/random.h), and results are merged in replication
// order, so the result is identical for any number of threads.
#ifndef CCSIM_RUN_H_
#define CCSIM_RUN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/metrics.h"
#include "ccsim/scenario.h"

namespace ccsim {

// The metrics of one replication.
struct ReplicationResult {
  MetricValues total;
  std::vector<MetricValues> intervals;     // reported intervals, in order
  std::vector<MetricValues> call_types;    // as Scenario::call_types
  std::vector<MetricValues> agent_groups;  // as Scenario::agent_groups
  uint64_t events = 0;  // events handled, warm-up and drain included
  uint64_t calls = 0;   // calls simulated, warm-up and drain included
};

// Simulates replication `replication` of `scenario` with `seed`.
// REQUIRES: CheckRunnable(scenario) is OK.
ReplicationResult RunReplication(const Scenario& scenario, uint64_t seed,
                                 int replication);

struct RunOptions {
  // Overrides Scenario::replications / Scenario::seed when set.
  std::optional<int> replications;
  std::optional<uint64_t> seed;
  // Worker threads; 0 means one per core. Results do not depend on it.
  int threads = 0;
};

using MetricEstimates = std::array<Estimate, kNumMetrics>;

struct IntervalEstimates {
  int day = 1;        // 1 = first day after the warm-up
  std::string start;  // "HH:MM"
  MetricEstimates metrics;
};

struct NamedEstimates {
  std::string name;
  MetricEstimates metrics;
};

struct RunResult {
  std::string scenario;
  uint64_t seed = 0;
  int replications = 0;
  MetricEstimates total;
  std::vector<IntervalEstimates> intervals;
  std::vector<NamedEstimates> call_types;
  std::vector<NamedEstimates> agent_groups;
  // Work done, for throughput figures (not part of the results proper).
  uint64_t events = 0;
  uint64_t calls = 0;
};

absl::StatusOr<RunResult> RunScenario(const Scenario& scenario,
                                      const RunOptions& options);

}  // namespace ccsim

#endif  // CCSIM_RUN_H_
