// The whole simulator on M/M/n+M: Poisson arrivals, exponential handle time
// (mean 180 s), exponential patience (mean 300 s), n agents at offered load
// 1.0 (n erlangs). One replication of one simulated day per iteration, on
// one thread. Reports simulated calls per second (items/s) and events per
// second (the "events/s" counter).
#include <cstdlib>

#include "benchmark/benchmark.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/scenario_loader.h"

namespace ccsim {
namespace {

Scenario MakeMmnm(int agents, double load) {
  Scenario s;
  s.name = "bench-mmn+m";
  s.horizon = Time::Days(1);
  s.interval = Time::Minutes(30);
  const int ipd = s.intervals_per_day();
  const double aht = 180;
  CallTypeSpec t;
  t.name = "general";
  t.rate_per_s.assign(ipd, load * agents / aht);
  t.handle_time = Distribution::Exponential(aht);
  t.patience = Distribution::Exponential(300);
  s.call_types.push_back(t);
  AgentGroupSpec g;
  g.name = "team";
  g.skills = {0};
  g.staffing.assign(ipd, agents);
  s.agent_groups.push_back(g);
  return s;
}

void BM_SimulateMmnm(benchmark::State& state) {
  const Scenario s = MakeMmnm(static_cast<int>(state.range(0)), 1.0);
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
// days after a one-day warm-up per iteration).
void BM_SimulateFullModel(benchmark::State& state) {
  absl::StatusOr<Scenario> s = LoadScenarioFile(
      std::string(CCSIM_SOURCE_DIR) + "/scenarios/full-model-demo.yaml");
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
  Scenario s = MakeMmnm(2, 0.2);
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
