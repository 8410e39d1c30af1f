// Measuring the engine's throughput (`ccsim bench`): simulated calls and
// events per second of wall time, per scenario and thread count, with the
// peak resident memory; and the reference scenarios that `ccsim bench`
// and the Google Benchmark programs (bench/) both measure.
//
//   absl::StatusOr<std::vector<ccsim::BenchScenario>> set =
//       ccsim::ReferenceScenarios();
//   absl::StatusOr<ccsim::BenchMeasurement> m =
//       ccsim::MeasureThroughput(set->front().scenario, /*threads=*/2,
//                                /*seconds=*/3);
//   double rate = m->calls_per_s;
//
// This header owns the reference scenarios' construction (one place for
// bench/ and the command) and the time-budgeted measurement loop. A
// measurement runs replications 0, 1, 2, ... of the scenario, taken from an
// atomic counter by `threads` workers as RunScenario does, until the wall
// time budget is spent: a worker takes no new replication once the budget
// has passed, but every worker finishes the one it runs, and the first
// replication is always run. So a measurement runs at least one replication
// (at least `threads` when the budget outlasts their start) and may take
// longer than the budget by up to one replication. Rates are over what ran,
// from the start to the last worker's end. The replications' metrics are
// not kept; only their work is counted (calls and events, warm-up and drain
// included, as RunResult::calls and ::events).
//
// Thread-safety: MeasureThroughput uses the whole process (its threads,
// and the process-wide memory peak, which it resets): run one at a time.
#ifndef CCSIM_BENCH_H_
#define CCSIM_BENCH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/report.h"
#include "ccsim/scenario.h"

namespace ccsim {

// M/M/n+M: one call type with Poisson arrivals at a constant rate, offered
// load `load` x `agents` erlangs, exponential handle time of mean 180 s and
// patience of mean 300 s, `agents` agents at all times; one simulated day
// in 30-minute intervals, no warm-up.
Scenario MmnmScenario(int agents, double load);

// A large multi-skill centre, the size of a published research case,
// generated in code with a fixed generator (the same on every machine): 65
// call types, 89 agent groups of two or three skills each (every skill at
// once, priority 1, no overflow delay), one day (no warm-up, 30-minute
// intervals) open 08:00-20:00 with 380 erlangs offered at the peak;
// exponential handle times of mean 180-600 s and patience of mean 300 s.
// Staffing is zero everywhere (a staffing search fills it in); see
// StaffedMultiSkillCentre for a centre that can be simulated as it is.
Scenario MultiSkillCentreScenario();

// The multi-skill centre staffed by the per-group Erlang split: each call
// type's load split evenly among the groups that serve it, each group
// staffed by Erlang A for 80% within 20 s on its share in each interval
// (the staffing search's starting point).
Scenario StaffedMultiSkillCentre();

// scenarios/full-model-demo.yaml, compiled into the library (so that an
// installed program has it wherever it runs): every part of the model at
// once over 28 days after a 7-day warm-up.
absl::StatusOr<Scenario> FullModelDemoScenario();

// A scenario to measure and the name it is reported under.
struct BenchScenario {
  std::string name;
  Scenario scenario;
};

// The reference set of `ccsim bench` with no scenario, in this order:
// "mm100m-load1" (MmnmScenario(100, 1.0)), "full-model-demo"
// (FullModelDemoScenario) and "multiskill-65x89" (StaffedMultiSkillCentre).
absl::StatusOr<std::vector<BenchScenario>> ReferenceScenarios();

// One (scenario, thread count) measurement.
struct BenchMeasurement {
  int threads = 1;
  int replications = 0;  // replications run (at least 1)
  uint64_t calls = 0;    // simulated calls, warm-up and drain included
  uint64_t events = 0;   // events handled
  double wall_s = 0;     // from the start to the last worker's end
  double calls_per_s = 0;
  double events_per_s = 0;
  // The process's peak resident memory during the measurement, in MiB
  // (2^20 bytes), and whether the peak could be reset before it (see
  // PeakMemorySource).
  double peak_rss_mb = 0;
  bool peak_reset = false;
  // calls_per_s over that of the same scenario on 1 thread in the same
  // report; NaN when 1 thread was not measured.
  double speedup = 0;
};

// Runs replications of `scenario` on `threads` worker threads for about
// `seconds` of wall time (see the header comment). Before it, freed heap
// is returned to the system (malloc_trim) and the process's peak resident
// memory is reset (writing 5 to /proc/self/clear_refs); after it the peak
// is read from VmHWM in /proc/self/status, or, when that is not possible,
// from getrusage's ru_maxrss (then the process's peak since it started).
// An error when CheckRunnable(scenario) fails, `threads` < 1 or `seconds`
// is not above 0.
absl::StatusOr<BenchMeasurement> MeasureThroughput(const Scenario& scenario,
                                                   int threads, double seconds);

// The machine a report was measured on.
struct BenchMachine {
  unsigned hardware_concurrency = 0;  // 0 when unknown
  std::string cpu_model;  // "model name" of /proc/cpuinfo; "" when unknown
};
BenchMachine DescribeMachine();

// The measurements of one scenario.
struct BenchResult {
  std::string name;
  std::vector<BenchMeasurement> runs;  // in the order of the thread counts
};

struct BenchReport {
  std::string version;       // CCSIM_VERSION
  std::string git_describe;  // `git describe` of the build; "" when unknown
  BenchMachine machine;
  double seconds = 0;  // the budget per measurement
  std::vector<BenchResult> scenarios;
};

// Sets each measurement's speedup from the 1-thread measurement of its
// scenario (NaN when there is none).
void SetSpeedups(BenchReport& report);

// How the report's peaks were measured: "VmHWM" when every peak was reset
// before its measurement and read from /proc/self/status, else
// "ru_maxrss" (a peak since the process started).
std::string PeakMemorySource(const BenchReport& report);

// The report as an aligned table (one row per scenario and thread count)
// or as one JSON document:
//   {"ccsim_version": "0.1.0", "git_describe": "...",
//    "machine": {"hardware_concurrency": 2, "cpu_model": "..."},
//    "seconds_per_measurement": 3, "peak_rss_source": "VmHWM",
//    "scenarios": [{"name": "...", "runs": [{"threads": 1,
//        "replications": 12, "calls": ..., "events": ..., "wall_s": ...,
//        "calls_per_s": ..., "events_per_s": ..., "peak_rss_mb": ...,
//        "speedup": 1}, ...]}, ...]}
// REQUIRES: `format` is kTable or kJson.
std::string FormatBenchReport(const BenchReport& report, OutputFormat format);

}  // namespace ccsim

#endif  // CCSIM_BENCH_H_
