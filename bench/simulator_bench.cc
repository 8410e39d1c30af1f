// The whole simulator on M/M/n+M: Poisson arrivals, exponential handle time
// (mean 180 s), exponential patience (mean 300 s), n agents at offered load
// 1.0 (n erlangs). One replication of one simulated day per iteration, on
// one thread. Reports simulated calls per second (items/s) and events per
// second (the "events/s" counter).
#include "benchmark/benchmark.h"
#include "ccsim/bench.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"

namespace ccsim {
namespace {

void BM_SimulateMmnm(benchmark::State& state) {
  const Scenario s = MmnmScenario(static_cast<int>(state.range(0)), 1.0);
  uint64_t calls = 0, events = 0;
  int rep = 0;
  for (auto _ : state) {
    ReplicationResult r = RunReplication(s, 1, rep++);
    calls += r.calls;
    events += r.events;
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(calls));
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsRate);
  state.counters["calls/s"] = benchmark::Counter(static_cast<double>(calls),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateMmnm)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond);

// Every feature of the model at once: scenarios/full-model-demo.yaml (28
// days after a 7-day warm-up per iteration), as compiled into the library.
void BM_SimulateFullModel(benchmark::State& state) {
  absl::StatusOr<Scenario> s = FullModelDemoScenario();
  if (!s.ok()) {
    state.SkipWithError(std::string(s.status().message()).c_str());
    return;
  }
  uint64_t calls = 0, events = 0;
  int rep = 0;
  for (auto _ : state) {
    ReplicationResult r = RunReplication(*s, 1, rep++);
    calls += r.calls;
    events += r.events;
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(static_cast<int64_t>(calls));
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events),
                                                  benchmark::Counter::kIsRate);
  state.counters["calls/s"] = benchmark::Counter(static_cast<double>(calls),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_SimulateFullModel)->Unit(benchmark::kMillisecond);

// The cost of setting up a replication: 1,000 one-week replications of a
// small centre (6 calls an hour, 2 agents) on one thread, as a staffing
// search or a sweep runs them. Reports replications per second.
void BM_SmallCentreReplications(benchmark::State& state) {
  Scenario s = MmnmScenario(2, 0.2);
  s.horizon = Time::Days(7);
  s.interval = Time::Hours(1);
  s.call_types[0].rate_per_s.assign(24, 6.0 / 3600);
  s.agent_groups[0].staffing.assign(24, 2);
  s.call_types[0].handle_time = Distribution::Exponential(240);
  int64_t reps = 0;
  for (auto _ : state) {
    RunOptions options;
    options.threads = 1;
    options.replications = 1000;
    absl::StatusOr<RunResult> r = RunScenario(s, options);
    benchmark::DoNotOptimize(r);
    reps += 1000;
  }
  state.SetItemsProcessed(reps);
}
BENCHMARK(BM_SmallCentreReplications)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ccsim
