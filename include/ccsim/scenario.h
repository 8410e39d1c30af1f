// The scenario: everything one simulation study is made of, in memory.
//
// A `Scenario` is what a scenario file (YAML, see docs/scenario-format.md)
// becomes after it has been parsed and checked. Every field below documents
// its meaning and default. Load one with ccsim::LoadScenarioFile() from
// "ccsim/scenario_loader.h", or build one in code (tests do).
//
// Invariants after a successful load (REQUIRES for the simulator):
//   * interval > 0 divides one day; warmup and horizon are whole multiples
//     of interval; horizon > 0.
//   * every per-interval list has intervals_per_day() entries.
//   * every skill index is a valid index into call_types.
#ifndef CCSIM_SCENARIO_H_
#define CCSIM_SCENARIO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/distribution.h"
#include "ccsim/time.h"

namespace ccsim {

struct ServiceLevelSpec {
  // A call answered after waiting at most this long counts as answered
  // within the service level. Default 20 s (the common 80/20 target).
  Time threshold = Time::Seconds(20);
  // Abandonments after waiting at most this long are "short" (likely
  // misdials) and are left out of service_level_excl_short. Default 5 s.
  Time short_abandon = Time::Seconds(5);
  // The service-level target (share of calls within the threshold), used by
  // reports and staffing searches. Default 0.8.
  double target = 0.8;
};

struct CallTypeSpec {
  std::string name;
  // Poisson arrival rate in calls per second for each interval of the day
  // (intervals_per_day() entries; piecewise constant).
  std::vector<double> rate_per_s;
  // Talk time of an answered call, seconds.
  Distribution handle_time;
  // Time a caller is willing to wait in queue, seconds; nullopt: forever.
  std::optional<Distribution> patience;
};

struct AgentGroupSpec {
  std::string name;
  // Indices into Scenario::call_types of the types this group can answer.
  std::vector<int> skills;
  // Agents logged in during each interval of the day (intervals_per_day()
  // entries). When the number drops, busy agents finish their call first.
  std::vector<int> staffing;
};

struct Scenario {
  std::string name;
  // The file the scenario came from ("" when built in code).
  std::string source;
  // Simulated length of one replication after the warm-up.
  Time horizon = Time::Days(1);
  // Simulated time discarded at the start of each replication, so that
  // results do not depend on the empty start. Default 0.
  Time warmup = Time::Zero();
  // Length of the reporting and staffing interval. Default 30 minutes.
  Time interval = Time::Minutes(30);
  // Independent replications. Default 10.
  int replications = 10;
  // Seed of all random streams. Default 1.
  uint64_t seed = 1;
  ServiceLevelSpec service_level;
  std::vector<CallTypeSpec> call_types;
  std::vector<AgentGroupSpec> agent_groups;

  int intervals_per_day() const {
    return static_cast<int>(Time::Days(1) / interval);
  }
  // Intervals from time 0 to the end of the horizon (warm-up included).
  int64_t total_intervals() const { return (warmup + horizon) / interval; }
  int64_t warmup_intervals() const { return warmup / interval; }
};

// Checks the invariants above and what the simulator needs besides: no
// caller would wait forever (every call type with calls can be answered by a
// group that has agents at some time of day, or its callers have a
// patience), and the volume is not absurd (at most 2e8 expected calls per
// replication). LoadScenarioFile() applies it; scenarios built in code
// should. When `call_type` is not null it receives the index of the call
// type at fault, or -1 when the problem is not one call type's.
absl::Status CheckRunnable(const Scenario& scenario, int* call_type = nullptr);

}  // namespace ccsim

#endif  // CCSIM_SCENARIO_H_
