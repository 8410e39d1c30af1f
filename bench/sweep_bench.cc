// Sweep throughput: a sweep of many small points through the library
// (Sweep::Load once, then RunSweep into a fresh SQLite database per
// iteration), with 1 and 2 worker threads. Each point is an M/M/n+M queue
// of 100 calls per half hour (handle time 180 s, patience 300 s) for one
// day after a 2-hour warm-up, 4 replications (about 5 ms of simulation per
// point on one core); the sweep is 8 head counts x 12 patience means = 96
// points, about 0.35 s of work on one core. Reports points per second
// ("points/s", wall clock); the ratio of the two thread counts is the scaling.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "benchmark/benchmark.h"
#include "ccsim/sweep.h"

namespace ccsim {
namespace {

constexpr char kBase[] =
    "name: bench-sweep\n"
    "horizon: 1d\n"
    "warmup: 2h\n"
    "interval: 30m\n"
    "replications: 2\n"
    "seed: 1\n"
    "call_types:\n"
    "  - name: general\n"
    "    arrivals: {per_interval: 100}\n"
    "    handle_time: {exponential: {mean: 180s}}\n"
    "    patience: {exponential: {mean: 300s}}\n"
    "agents:\n"
    "  - name: team\n"
    "    skills: [general]\n"
    "    staffing: {constant: 12}\n";

constexpr char kSweep[] =
    "scenario: base.yaml\n"
    "replications: 4\n"
    "seed: 1\n"
    "parameters:\n"
    "  - key: agents[0].staffing.constant\n"
    "    name: agents\n"
    "    range: {from: 9, to: 16, step: 1}\n"
    "  - key: call_types[0].patience.exponential.mean\n"
    "    name: patience\n"
    "    range: {from: 30s, to: 360s, step: 30s}\n";

// The sweep files in a scratch folder, loaded once for all runs.
struct Fixture {
  std::string dir;
  std::optional<Sweep> sweep;

  Fixture() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "ccsim-sweep-bench-XXXXXX")
            .string();
    dir = mkdtemp(pattern.data());
    std::ofstream(dir + "/base.yaml") << kBase;
    std::ofstream(dir + "/sweep.yaml") << kSweep;
    absl::StatusOr<Sweep> s = Sweep::Load(dir + "/sweep.yaml");
    if (!s.ok()) {
      std::fprintf(stderr, "sweep_bench: %s\n",
                   std::string(s.status().message()).c_str());
      std::abort();
    }
    sweep = *std::move(s);
  }
  ~Fixture() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Fixture& Shared() {
  static Fixture* fixture = new Fixture();
  return *fixture;
}

void RemoveDatabase(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
  }
}

void BM_SweepSmallPoints(benchmark::State& state) {
  Fixture& f = Shared();
  const std::string db = f.dir + "/results.sqlite";
  SweepRunOptions options;
  options.database = db;
  options.threads = static_cast<int>(state.range(0));
  int64_t points = 0;
  uint64_t calls = 0;
  for (auto _ : state) {
    state.PauseTiming();
    RemoveDatabase(db);
    state.ResumeTiming();
    absl::StatusOr<SweepRunResult> r = RunSweep(*f.sweep, options);
    if (!r.ok() || !r->complete()) {
      state.SkipWithError("the sweep failed");
      break;
    }
    points += r->finished;
    calls += r->calls;
  }
  RemoveDatabase(db);
  state.counters["points/s"] = benchmark::Counter(static_cast<double>(points),
                                                  benchmark::Counter::kIsRate);
  state.counters["calls/s"] = benchmark::Counter(static_cast<double>(calls),
                                                 benchmark::Counter::kIsRate);
}
// Real time: the work is spread over threads, and points per second of
// wall clock is what a planner waits for.
BENCHMARK(BM_SweepSmallPoints)
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Building one point's scenario, as a sweep does before simulating it: the
// bundled sweep over the water utility (scenarios/sweeps/
// water-utility-agents.yaml: five call types, three groups on shifts, an
// IVR tree, 14 days), by editing typed scenarios (Arg 1, what sweeps do)
// and through YAML trees (Arg 0, the reference it replaces).
void BM_SweepPointBuild(benchmark::State& state) {
  absl::StatusOr<Sweep> sweep =
      Sweep::Load(std::string(CCSIM_SOURCE_DIR) +
                  "/scenarios/sweeps/water-utility-agents.yaml");
  if (!sweep.ok() || !sweep->builds_typed()) {
    state.SkipWithError("the bundled sweep does not load typed");
    return;
  }
  Sweep::PointBuilder builder(*sweep);
  const bool typed = state.range(0) == 1;
  int64_t point = 0;
  for (auto _ : state) {
    absl::StatusOr<Scenario> s =
        typed ? builder.Build(point) : builder.BuildFromYaml(point);
    if (!s.ok()) {
      state.SkipWithError("a point failed");
      break;
    }
    benchmark::DoNotOptimize(s);
    point = (point + 1) % sweep->num_points();
  }
}
BENCHMARK(BM_SweepPointBuild)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ccsim
