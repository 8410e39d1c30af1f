// Running a scenario: replications on threads, summarised with confidence
// intervals.
//
//   ccsim::RunOptions options;
//   options.threads = 2;
//   absl::StatusOr<ccsim::RunResult> r = ccsim::RunScenario(scenario, options);
//   double sl = r->total[ccsim::Metric::kServiceLevel].mean;
//
// Replication r draws every random number from streams seeded by (seed, r,
// purpose, key) (see ccsim/random.h), and results are merged in replication
// order, so the result is identical for any number of threads.
#ifndef CCSIM_RUN_H_
#define CCSIM_RUN_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/call_log.h"
#include "ccsim/metrics.h"
#include "ccsim/scenario.h"

namespace ccsim {

// The metrics of one replication.
struct ReplicationResult {
  MetricValues total;
  std::vector<MetricValues> intervals;     // reported intervals, in order
  std::vector<MetricValues> call_types;    // as Scenario::call_types
  std::vector<MetricValues> agent_groups;  // as Scenario::agent_groups
  // Agent-time metrics of each agent group in each reported interval,
  // [group * n_intervals + interval] (computed from the group's agent time
  // in that interval and no calls). May be left empty, e.g. by tests; then
  // the run reports no per-group intervals.
  std::vector<MetricValues> agent_group_intervals;
  uint64_t events = 0;  // events handled, warm-up and drain included
  uint64_t calls = 0;   // calls simulated, warm-up and drain included
};

// Simulates replication `replication` of `scenario` with `seed`.
// REQUIRES: CheckRunnable(scenario) is OK.
// The first call sets glibc's heap trim threshold to 256 MiB and its mmap
// threshold to 32 MiB (mallopt), for the whole process: storage freed after
// a replication is kept for the next instead of being returned to the
// system and faulted in again.
// When `trace` is not null it receives the replication's call and agent
// records (ccsim/call_log.h); when `simulated` is not null the replication
// adds kSimulatedPerReplication to it in steps as its clock passes interval
// boundaries (see RunOptions::simulated). The results are the same either
// way.
ReplicationResult RunReplication(const Scenario& scenario, uint64_t seed,
                                 int replication, TraceSink* trace = nullptr,
                                 std::atomic<int64_t>* simulated = nullptr);

// What one replication adds to RunOptions::simulated over its horizon.
inline constexpr int64_t kSimulatedPerReplication = 1'000'000;

struct RunOptions {
  // Overrides Scenario::replications / Scenario::seed when set.
  std::optional<int> replications;
  std::optional<uint64_t> seed;
  // Worker threads; 0 means one per core. Results do not depend on it.
  int threads = 0;
  // When set, called after each replication finishes with the number of
  // replications done so far and the total, one call at a time (from the
  // worker threads, under a lock), e.g. to draw a progress bar.
  std::function<void(int done, int total)> on_progress;
  // When set, each replication adds kSimulatedPerReplication to it, in
  // parts as its simulated clock passes interval boundaries (relaxed atomic
  // adds, none per event), so that a progress bar that reads it shows
  // progress within long replications: done = simulated / (replications *
  // kSimulatedPerReplication). The results do not depend on it.
  std::atomic<int64_t>* simulated = nullptr;
  // When set, receives every replication's result, in replication order.
  std::vector<ReplicationResult>* replications_out = nullptr;
  // When set, RunResult::per_replication holds each replication's total
  // and per-call-type values (a few KB each: no intervals).
  bool keep_replication_totals = false;
  // When set, receives the call and agent records of replication
  // `trace_replication` (0-based; it must be one of the replications).
  TraceSink* trace = nullptr;
  int trace_replication = 0;
};

using MetricEstimates = std::array<Estimate, kNumMetrics>;

struct IntervalEstimates {
  int day = 1;        // 1 = first day after the warm-up
  std::string start;  // "HH:MM"
  MetricEstimates metrics;
};

struct NamedEstimates {
  std::string name;
  MetricEstimates metrics;
};

// What became of the calls, per 100 call attempts (`calls`). Each value is
// computed within a replication from that replication's totals and then
// summarised over replications, so its confidence interval is that of the
// ratio. The first six and `offered` are the possible fates of an attempt
// (with `abandoned` + `answered_*` splitting `offered`), so they add up to
// 100; `came_back` is the share of attempts that were repeat calls.
// See docs/metrics.md.
struct CallFlow {
  Estimate closed;           // arrived outside opening hours
  Estimate blocked;          // busy signal
  Estimate informed;         // hung up satisfied after an announcement
  Estimate ivr_abandoned;    // hung up in the IVR
  Estimate contained;        // resolved in IVR self service
  Estimate transferred_out;  // sent by the IVR to another number
  Estimate offered;          // reached the queue
  Estimate abandoned;        //   hung up while queued
  Estimate answered_within;  //   answered within the service-level threshold
  Estimate answered_after;   //   answered after it
  Estimate came_back;        // repeat calls: 100 * repeat_share
};

// The steps of CallFlow as keys, in declaration order.
inline constexpr int kNumCallFlowSteps = 11;
inline constexpr std::array<std::string_view, kNumCallFlowSteps>
    kCallFlowStepNames = {"closed",         "blocked",   "informed",
                          "ivr_abandoned",  "contained", "transferred_out",
                          "offered",        "abandoned", "answered_within",
                          "answered_after", "came_back"};
using CallFlowValues = std::array<double, kNumCallFlowSteps>;

// One replication's call flow per 100 calls, from its totals, in the order
// of kCallFlowStepNames; all NaN when no call arrived.
CallFlowValues ComputeCallFlow(const MetricValues& total);

// The estimates of a CallFlow, in the order of kCallFlowStepNames.
std::array<const Estimate*, kNumCallFlowSteps> CallFlowSteps(
    const CallFlow& flow);

// One replication's values in the scopes without intervals.
struct ReplicationTotals {
  MetricValues total;
  std::vector<MetricValues> call_types;  // as Scenario::call_types
};

struct RunResult {
  std::string scenario;
  uint64_t seed = 0;
  int replications = 0;
  MetricEstimates total;
  std::vector<IntervalEstimates> intervals;
  std::vector<NamedEstimates> call_types;
  std::vector<NamedEstimates> agent_groups;
  CallFlow call_flow;
  // [group][interval], as ReplicationResult::agent_group_intervals; only
  // the agent-time metrics are meaningful. Empty when the replications did
  // not report them.
  std::vector<std::vector<IntervalEstimates>> agent_group_intervals;
  // Each replication's totals, in order, when RunOptions::
  // keep_replication_totals was set; else empty.
  std::vector<ReplicationTotals> per_replication;
  // Work done, for throughput figures (not part of the results proper).
  uint64_t events = 0;
  uint64_t calls = 0;
};

absl::StatusOr<RunResult> RunScenario(const Scenario& scenario,
                                      const RunOptions& options);

// Summarises replications as they finish, merging them in replication
// order whatever order they arrive in, so that the result is bit-identical
// to SummarizeReplications() of all of them (and to RunScenario), while
// holding only the replications that arrived before an earlier one: a
// sweep point or a caller with many replications need not keep every
// replication's per-interval arrays. Add() is thread-safe.
class ReplicationMerger {
 public:
  // `scenario` must outlive the merger.
  ReplicationMerger(const Scenario& scenario, uint64_t seed, int replications);
  ~ReplicationMerger();
  ReplicationMerger(const ReplicationMerger&) = delete;
  ReplicationMerger& operator=(const ReplicationMerger&) = delete;
  // REQUIRES: each of replications 0 .. replications-1 exactly once, with
  // the shape SummarizeReplications() requires.
  void Add(int replication, ReplicationResult result);
  // REQUIRES: every replication added.
  RunResult Finish() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Summarises replications 0, 1, ... given in order, exactly as RunScenario
// does with the replications it simulates (for tests and for tools that
// produce replications themselves). Each replication must have the shape
// RunReplication gives for `scenario`: one entry per reported interval,
// call type and agent group (and agent_group_intervals empty in all of them
// or sized groups x intervals in all of them).
RunResult SummarizeReplications(
    const Scenario& scenario, uint64_t seed,
    std::span<const ReplicationResult> replications);

}  // namespace ccsim

#endif  // CCSIM_RUN_H_
