#include "ccsim/run.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "sim/model/call_center.h"

namespace ccsim {

ReplicationResult RunReplication(const Scenario& scenario, uint64_t seed,
                                 int replication) {
  model::CallCenter center(scenario, seed, replication);
  center.Run();
  return center.Result();
}

absl::Status CheckRunnable(const Scenario& s) {
  if (s.interval <= Time::Zero() || Time::Days(1) % s.interval != Time::Zero())
    return absl::InvalidArgumentError("interval must divide one day");
  if (s.horizon <= Time::Zero() || s.horizon % s.interval != Time::Zero() ||
      s.warmup % s.interval != Time::Zero())
    return absl::InvalidArgumentError(
        "horizon and warmup must be whole multiples of interval");
  const size_t ipd = static_cast<size_t>(s.intervals_per_day());
  for (const CallTypeSpec& t : s.call_types) {
    if (t.rate_per_s.size() != ipd)
      return absl::InvalidArgumentError(fmt::format(
          "call type '{}' needs one arrival rate per interval", t.name));
  }
  std::vector<bool> answerable(s.call_types.size(), false);
  for (const AgentGroupSpec& g : s.agent_groups) {
    if (g.staffing.size() != ipd)
      return absl::InvalidArgumentError(fmt::format(
          "agent group '{}' needs one staffing level per interval", g.name));
    const bool staffed = std::any_of(g.staffing.begin(), g.staffing.end(),
                                     [](int n) { return n > 0; });
    for (int t : g.skills) {
      if (t < 0 || static_cast<size_t>(t) >= s.call_types.size())
        return absl::InvalidArgumentError(
            fmt::format("agent group '{}' has an unknown skill", g.name));
      if (staffed) answerable[t] = true;
    }
  }
  for (size_t t = 0; t < s.call_types.size(); ++t) {
    const CallTypeSpec& ct = s.call_types[t];
    const bool has_calls =
        std::any_of(ct.rate_per_s.begin(), ct.rate_per_s.end(),
                    [](double r) { return r > 0; });
    if (has_calls && !answerable[t] && !ct.patience.has_value()) {
      return absl::InvalidArgumentError(fmt::format(
          "call type '{}' can never be answered (no agent group with that "
          "skill has agents at any time of day) and its callers have no "
          "patience limit, so they would wait forever",
          ct.name));
    }
  }
  return absl::OkStatus();
}

namespace {

MetricEstimates SummarizeAll(const std::vector<const MetricValues*>& reps) {
  MetricEstimates out;
  std::vector<double> values(reps.size());
  for (int m = 0; m < kNumMetrics; ++m) {
    for (size_t r = 0; r < reps.size(); ++r) values[r] = (*reps[r])[m];
    out[m] = Summarize(values);
  }
  return out;
}

}  // namespace

absl::StatusOr<RunResult> RunScenario(const Scenario& scenario,
                                      const RunOptions& options) {
  if (absl::Status st = CheckRunnable(scenario); !st.ok()) return st;
  const int reps = options.replications.value_or(scenario.replications);
  const uint64_t seed = options.seed.value_or(scenario.seed);
  if (reps < 1)
    return absl::InvalidArgumentError("replications must be at least 1");
  int threads = options.threads;
  if (threads <= 0) {
    threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  threads = std::min(threads, reps);

  std::vector<ReplicationResult> results(reps);
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int r = next.fetch_add(1); r < reps; r = next.fetch_add(1)) {
      results[r] = RunReplication(scenario, seed, r);
    }
  };
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (int i = 0; i < threads; ++i) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
  }

  RunResult out;
  out.scenario = scenario.name;
  out.seed = seed;
  out.replications = reps;
  std::vector<const MetricValues*> column(reps);
  auto collect = [&](auto pick) {
    for (int r = 0; r < reps; ++r) column[r] = &pick(results[r]);
    return SummarizeAll(column);
  };
  out.total = collect([](const ReplicationResult& x) -> const MetricValues& {
    return x.total;
  });
  const size_t n_intervals = results[0].intervals.size();
  out.intervals.reserve(n_intervals);
  for (size_t i = 0; i < n_intervals; ++i) {
    const Time start = scenario.warmup + scenario.interval * i;
    IntervalEstimates ie;
    // Days are calendar days (they change at midnight); day 1 is the one
    // the warm-up ends in.
    ie.day = static_cast<int>(start / Time::Days(1) -
                              scenario.warmup / Time::Days(1)) +
             1;
    ie.start = FormatClock(start);
    ie.metrics =
        collect([i](const ReplicationResult& x) -> const MetricValues& {
          return x.intervals[i];
        });
    out.intervals.push_back(std::move(ie));
  }
  for (size_t t = 0; t < scenario.call_types.size(); ++t) {
    out.call_types.push_back(
        {scenario.call_types[t].name,
         collect([t](const ReplicationResult& x) -> const MetricValues& {
           return x.call_types[t];
         })});
  }
  for (size_t g = 0; g < scenario.agent_groups.size(); ++g) {
    out.agent_groups.push_back(
        {scenario.agent_groups[g].name,
         collect([g](const ReplicationResult& x) -> const MetricValues& {
           return x.agent_groups[g];
         })});
  }
  for (const ReplicationResult& r : results) {
    out.events += r.events;
    out.calls += r.calls;
  }
  return out;
}

}  // namespace ccsim
