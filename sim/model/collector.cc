#include "sim/model/collector.h"

namespace ccsim::model {

Collector::Collector(const Context& ctx, size_t types, size_t groups)
    : ctx_(ctx), types_(types), groups_(groups) {
  counters_.resize(types * ctx.reported_intervals);
  agent_time_.resize(groups * ctx.reported_intervals);
  group_calls_.resize(groups);
}

ReplicationResult Collector::Result(uint64_t events, uint64_t calls) const {
  ReplicationResult r;
  const size_t n_types = types_, n_groups = groups_;
  const int64_t R = ctx_.reported_intervals;
  CallCounters total_calls;
  AgentTime total_agents;
  std::vector<CallCounters> type_calls(n_types);
  std::vector<AgentTime> group_time(n_groups);
  r.intervals.reserve(R);
  // Per-group interval series only when they differ from the totals'.
  const bool group_series = n_groups > 1;
  if (group_series) r.agent_group_intervals.resize(n_groups * R);
  const CallCounters no_calls;
  for (int64_t i = 0; i < R; ++i) {
    CallCounters calls_i;
    AgentTime agents;
    for (size_t t = 0; t < n_types; ++t) {
      const CallCounters& c = counters_[t * R + i];
      calls_i.Add(c);
      type_calls[t].Add(c);
    }
    for (size_t g = 0; g < n_groups; ++g) {
      const AgentTicks& ticks = agent_time_[g * R + i];
      auto secs = [](int64_t t) { return Time::Ticks(t).seconds(); };
      const AgentTime a{.staffed_s = secs(ticks.staffed),
                        .busy_s = secs(ticks.talk + ticks.wrap),
                        .talk_s = secs(ticks.talk),
                        .wrap_s = secs(ticks.wrap),
                        .break_s = secs(ticks.on_break),
                        .aux_s = secs(ticks.aux),
                        .idle_s = secs(ticks.idle),
                        .overrun_s = secs(ticks.overrun),
                        .breaks_postponed = ticks.breaks_postponed,
                        .breaks_forced = ticks.breaks_forced};
      agents.Add(a);
      group_time[g].Add(a);
      if (group_series) {
        r.agent_group_intervals[g * R + i] = ComputeMetrics(no_calls, &a);
      }
    }
    total_calls.Add(calls_i);
    total_agents.Add(agents);
    r.intervals.push_back(ComputeMetrics(calls_i, &agents));
  }
  r.total = ComputeMetrics(total_calls, &total_agents);
  for (size_t t = 0; t < n_types; ++t) {
    r.call_types.push_back(ComputeMetrics(type_calls[t], nullptr));
  }
  for (size_t g = 0; g < n_groups; ++g) {
    r.agent_groups.push_back(ComputeMetrics(group_calls_[g], &group_time[g]));
  }
  r.events = events;
  r.calls = calls;
  return r;
}

}  // namespace ccsim::model
