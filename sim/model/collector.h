// Metrics collection: the counters of one replication, by call type and
// reported interval, the agent time of each group by interval, and the
// calls each group took. The other parts count into it; it never steers
// the model.
//
// Invariants: only calls that arrived after the warm-up are counted (their
// bin is fixed at arrival); agent time is integrated in integer ticks, so
// its components add up to the staffed time exactly.
#ifndef CCSIM_SIM_MODEL_COLLECTOR_H_
#define CCSIM_SIM_MODEL_COLLECTOR_H_

#include <cassert>
#include <cstdint>
#include <vector>

#include "ccsim/metrics.h"
#include "ccsim/run.h"
#include "sim/model/calls.h"
#include "sim/model/context.h"

namespace ccsim::model {

// Agent time of one group in one interval, in agent-ticks: integer sums
// are exact, so components add up to the staffed time to the tick. (At most
// 10^6 agents x 1 day of ticks fits in 63 bits.)
struct AgentTicks {
  int64_t staffed = 0;
  int64_t talk = 0;
  int64_t wrap = 0;
  int64_t on_break = 0;
  int64_t aux = 0;
  int64_t idle = 0;  // measured from the idle lists, not as a remainder
  int64_t overrun = 0;
  int64_t breaks_postponed = 0;
  int64_t breaks_forced = 0;
};

class Collector {
 public:
  Collector(const Context& ctx, size_t types, size_t groups);

  // The counters bin of a call arriving now with this type.
  // REQUIRES: warmup <= now < end.
  uint32_t BinFor(uint32_t type, Time now) const {
    const int64_t bin = now / ctx_.interval - ctx_.warmup_intervals;
    assert(bin >= 0 && bin < ctx_.reported_intervals);
    return static_cast<uint32_t>(type * ctx_.reported_intervals + bin);
  }
  CallCounters& Counters(uint32_t bin) { return counters_[bin]; }
  CallCounters& Of(const Call& c) {
    assert(c.counted);
    return counters_[c.bin];
  }
  CallCounters* Counted(const Call& c) {
    return c.counted ? &counters_[c.bin] : nullptr;
  }
  // Calls answered by each group (every leg it took).
  CallCounters& Group(uint32_t group) { return group_calls_[group]; }

  // The group's agent-time bins, one per reported interval.
  AgentTicks* AgentBins(uint32_t group) {
    return &agent_time_[group * ctx_.reported_intervals];
  }
  // The bin of time t; nullptr outside the reported intervals.
  AgentTicks* AgentBin(uint32_t group, Time t) {
    if (t < ctx_.warmup || t >= ctx_.end) return nullptr;
    return &agent_time_[group * ctx_.reported_intervals + t / ctx_.interval -
                        ctx_.warmup_intervals];
  }

  // The replication's metrics from the counts.
  ReplicationResult Result(uint64_t events, uint64_t calls) const;

 private:
  const Context& ctx_;
  const size_t types_, groups_;
  // By [type * reported_intervals + interval].
  std::vector<CallCounters> counters_;
  // By [group * reported_intervals + interval].
  std::vector<AgentTicks> agent_time_;
  std::vector<CallCounters> group_calls_;
};

}  // namespace ccsim::model

#endif  // CCSIM_SIM_MODEL_COLLECTOR_H_
