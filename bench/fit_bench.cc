// ccsim fit on a million call rows: the call log of one 30-day replication
// of a single queue with 700 calls per half hour (about 1.0 M attempts,
// 206 MB), written once by the simulator, then fitted per iteration (one
// streaming pass: parsing, censored patience, handle and wrap-up fits,
// staffing from the agents seen). Reports rows per second.
#include <cstdio>
#include <string>

#include "benchmark/benchmark.h"
#include "ccsim/call_log.h"
#include "ccsim/fit.h"
#include "ccsim/run.h"
#include "ccsim/scenario_loader.h"

namespace ccsim {
namespace {

const std::string& MillionCallLog() {
  static const std::string path = [] {
    const std::string p = "/tmp/ccsim_bench_million_calls.csv";
    absl::StatusOr<Scenario> s = ParseScenario(
        "name: million\nhorizon: 30d\nwarmup: 1d\ncall_types:\n"
        "  - name: general\n    arrivals: {per_interval: 700}\n"
        "    handle_time: {lognormal: {mean: 180s, sd: 120s}}\n"
        "    patience: {exponential: {mean: 300s}}\n"
        "    wrap_up: {exponential: {mean: 30s}}\n"
        "agents:\n  - name: team\n    skills: [general]\n"
        "    staffing: {constant: 82}\n",
        "million.yaml");
    std::FILE* f = std::fopen(p.c_str(), "wb");
    if (!s.ok() || f == nullptr) return std::string();
    CsvTraceWriter writer(*s, f, nullptr);
    RunReplication(*s, 1, 0, &writer);
    writer.Flush();
    std::fclose(f);
    return p;
  }();
  return path;
}

void BM_FitMillionCallRows(benchmark::State& state) {
  const std::string& path = MillionCallLog();
  if (path.empty()) {
    state.SkipWithError("cannot write the call log");
    return;
  }
  FitOptions o;
  o.calls_path = path;
  int64_t rows = 0;
  for (auto _ : state) {
    absl::StatusOr<FitResult> r = FitCallLog(o);
    if (!r.ok()) {
      state.SkipWithError(std::string(r.status().message()).c_str());
      return;
    }
    rows = r->rows;
    benchmark::DoNotOptimize(r);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["rows_per_s"] = benchmark::Counter(
      static_cast<double>(rows) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FitMillionCallRows)->Unit(benchmark::kSecond)->Iterations(2);

}  // namespace
}  // namespace ccsim
