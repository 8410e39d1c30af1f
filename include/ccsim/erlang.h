// Exact queueing formulas for the reference models of a contact centre.
//
//   Erlang B  M/M/n/n:   blocking of n lines with offered load a.
//   Erlang C  M/M/n:     Poisson arrivals, exponential handle times, n agents,
//                        infinite patience.
//   Erlang A  M/M/n+M:   as Erlang C with exponential patience (abandonment).
//
//   ccsim::ErlangInput in{.arrival_rate_per_s = 100.0 / 1800, .mean_handle_s =
//                         180, .agents = 14, .threshold_s = 20};
//   absl::StatusOr<ccsim::ErlangResult> r = ccsim::ErlangQueue(in);
//   // r->p_wait = 0.174..., r->service_level = 0.888...
//
// All figures are steady-state and computed in a numerically stable way
// (recurrences on ratios, no factorials or powers), so hundreds or thousands
// of agents are fine. Definitions match the simulator's metrics (see
// docs/metrics.md): service_level = P(answered and waited <= threshold)
// over all offered calls; asa_s = mean wait of answered calls; mean_wait_s =
// mean wait over all calls, abandoned included.
#ifndef CCSIM_ERLANG_H_
#define CCSIM_ERLANG_H_

#include <optional>

#include "absl/status/statusor.h"

namespace ccsim {

// Erlang B: probability that all `servers` are busy (a call is blocked) for
// offered load `load` erlangs. REQUIRES: servers >= 0, load >= 0.
double ErlangB(int servers, double load);

// Erlang C: probability that a call waits, `agents` agents, `load` erlangs.
// Returns 1 when load >= agents (the queue is unstable).
double ErlangC(int agents, double load);

struct ErlangInput {
  double arrival_rate_per_s = 0;  // lambda, calls per second
  double mean_handle_s = 0;       // 1/mu
  int agents = 0;                 // n
  // Mean patience 1/theta in seconds; nullopt means infinite (Erlang C).
  std::optional<double> mean_patience_s;
  double threshold_s = 20;  // service-level threshold
};

struct ErlangResult {
  double offered_load = 0;   // a = lambda / mu, erlangs
  double p_wait = 0;         // P(wait > 0)
  double service_level = 0;  // P(answered and wait <= threshold)
  double asa_s = 0;          // E[wait | answered]
  double mean_wait_s = 0;    // E[wait], all calls
  double abandon_rate = 0;   // P(abandon); 0 for Erlang C
  double occupancy = 0;      // carried load / agents
};

// Erlang C when in.mean_patience_s is empty, Erlang A otherwise.
// Errors (InvalidArgument): non-positive rate, handle time, agents or
// patience; for Erlang C, load >= agents (no steady state exists).
// OutOfRange for Erlang A inputs whose stationary queue would exceed two
// million waiting calls (patience far too long for the overload), or whose
// service level would need an excessive amount of computation.
absl::StatusOr<ErlangResult> ErlangQueue(const ErlangInput& in);

// The smallest number of agents whose service_level reaches `target` (in
// (0, 1)), with in.agents ignored. Error when more than `max_agents` would
// be needed.
// (InvalidArgument for a bad target or input, OutOfRange when max_agents do
// not suffice.) Relies on service_level growing with the number of agents.
absl::StatusOr<int> AgentsForServiceLevel(const ErlangInput& in, double target,
                                          int max_agents = 100000);

}  // namespace ccsim

#endif  // CCSIM_ERLANG_H_
