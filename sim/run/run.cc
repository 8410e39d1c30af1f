#include "ccsim/run.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "fmt/format.h"
#include "sim/model/call_center.h"
#include "sim/run/workers.h"

namespace ccsim {

namespace {

// Replications allocate and free the same storage over and over (model
// state, counters, results: a few hundred KB each). glibc would hand the
// freed top of the heap back to the system after each one and fault it in
// again for the next (about 18 page faults per replication of a small
// centre, 7-10% of its run time); a trim threshold of 256 MiB and a fixed
// mmap threshold of 32 MiB keep that storage in the process, for every
// worker, across replications and staffing evaluations. Set once per
// process.
void KeepHeapAcrossReplications() {
#ifdef __GLIBC__
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
  });
#endif
}

}  // namespace

ReplicationResult RunReplication(const Scenario& scenario, uint64_t seed,
                                 int replication, TraceSink* trace,
                                 std::atomic<int64_t>* simulated) {
  KeepHeapAcrossReplications();
  model::CallCenter center(scenario, seed, replication, trace);
  center.Run(simulated);
  return center.Result();
}

namespace {

using MetricAccumulators = std::array<RunningEstimate, kNumMetrics>;

void AddAll(MetricAccumulators& acc, const MetricValues& v) {
  for (int m = 0; m < kNumMetrics; ++m) acc[m].Add(v[m]);
}

MetricEstimates ResultAll(const MetricAccumulators& acc) {
  MetricEstimates out;
  for (int m = 0; m < kNumMetrics; ++m) out[m] = acc[m].Result();
  return out;
}

// The steps of CallFlow, in declaration order.
constexpr Estimate CallFlow::*kCallFlowSteps[] = {
    &CallFlow::closed,         &CallFlow::blocked,   &CallFlow::informed,
    &CallFlow::ivr_abandoned,  &CallFlow::contained, &CallFlow::transferred_out,
    &CallFlow::offered,        &CallFlow::abandoned, &CallFlow::answered_within,
    &CallFlow::answered_after, &CallFlow::came_back,
};
static_assert(std::size(kCallFlowSteps) == kNumCallFlowSteps);

}  // namespace

std::array<const Estimate*, kNumCallFlowSteps> CallFlowSteps(
    const CallFlow& flow) {
  std::array<const Estimate*, kNumCallFlowSteps> out;
  for (int k = 0; k < kNumCallFlowSteps; ++k)
    out[k] = &(flow.*kCallFlowSteps[k]);
  return out;
}

// The call flow of one replication, per 100 attempts, from its totals. All
// NaN (left out of the summary) when no call arrived.
CallFlowValues ComputeCallFlow(const MetricValues& total) {
  CallFlowValues v;
  v.fill(std::numeric_limits<double>::quiet_NaN());
  const double calls = total[Metric::kCalls];
  if (!(calls > 0)) return v;
  const double offered = total[Metric::kOffered];
  // service_level = answered within the threshold / offered; with no
  // offered call nothing was answered.
  const double within =
      offered > 0 ? total[Metric::kServiceLevel] * offered : 0.0;
  const double per = 100 / calls;
  v = {per * total[Metric::kClosed],
       per * total[Metric::kBlocked],
       per * total[Metric::kInformed],
       per * total[Metric::kIvrAbandoned],
       per * total[Metric::kContained],
       per * total[Metric::kTransferredOut],
       per * offered,
       per * total[Metric::kAbandoned],
       per * within,
       per * (total[Metric::kAnswered] - within),
       100 * total[Metric::kRepeatShare]};
  return v;
}

namespace {

// Merges replications strictly in replication order (whatever order they
// finish in), so that sums are bit-identical for any number of threads,
// while holding only the replications that finished early.
class OrderedMerger {
 public:
  explicit OrderedMerger(const Scenario& s)
      : intervals_(
            static_cast<size_t>(s.total_intervals() - s.warmup_intervals())),
        call_types_(s.call_types.size()),
        agent_groups_(s.agent_groups.size()) {
    for (int m = 0; m < kNumMetrics; ++m) {
      if (IsAgentTimeMetric(static_cast<Metric>(m)))
        agent_metrics_.push_back(m);
    }
  }

  // As the replications are merged in order, each is moved to `keep` when
  // it is not null; `on_progress`, when set, hears of each offer.
  void Offer(int replication, ReplicationResult result,
             std::vector<ReplicationResult>* keep = nullptr,
             const std::function<void(int, int)>* on_progress = nullptr,
             int total = 0) {
    std::lock_guard<std::mutex> lock(mu_);
    waiting_.emplace(replication, std::move(result));
    for (auto it = waiting_.find(next_); it != waiting_.end();
         it = waiting_.find(next_)) {
      Merge(it->second);
      if (keep_totals_) {
        totals_.push_back({it->second.total, it->second.call_types});
      }
      if (keep != nullptr) keep->push_back(std::move(it->second));
      waiting_.erase(it);
      ++next_;
    }
    ++offered_;
    if (on_progress != nullptr && *on_progress) (*on_progress)(offered_, total);
  }

  // Keep each replication's totals for RunResult::per_replication.
  void KeepTotals() { keep_totals_ = true; }

  // Fills the estimates of `out`, whose scopes are already named and sized.
  void Fill(RunResult& out) const {
    out.total = ResultAll(total_);
    out.per_replication = totals_;
    for (size_t i = 0; i < intervals_.size(); ++i) {
      out.intervals[i].metrics = ResultAll(intervals_[i]);
    }
    for (size_t t = 0; t < call_types_.size(); ++t) {
      out.call_types[t].metrics = ResultAll(call_types_[t]);
    }
    for (size_t g = 0; g < agent_groups_.size(); ++g) {
      out.agent_groups[g].metrics = ResultAll(agent_groups_[g]);
    }
    for (size_t k = 0; k < kNumCallFlowSteps; ++k) {
      out.call_flow.*kCallFlowSteps[k] = call_flow_[k].Result();
    }
    if (!group_intervals_.empty()) {
      const size_t n_intervals = intervals_.size();
      const size_t n_agent = agent_metrics_.size();
      const Estimate undefined = RunningEstimate().Result();
      out.agent_group_intervals.resize(agent_groups_.size());
      for (size_t g = 0; g < agent_groups_.size(); ++g) {
        std::vector<IntervalEstimates>& rows = out.agent_group_intervals[g];
        rows.resize(n_intervals);
        for (size_t i = 0; i < n_intervals; ++i) {
          rows[i].day = out.intervals[i].day;
          rows[i].start = out.intervals[i].start;
          rows[i].metrics.fill(undefined);
          const size_t base = (g * n_intervals + i) * n_agent;
          for (size_t k = 0; k < n_agent; ++k) {
            rows[i].metrics[agent_metrics_[k]] =
                group_intervals_[base + k].Result();
          }
        }
      }
    }
    out.events = events_;
    out.calls = calls_;
  }

 private:
  void Merge(const ReplicationResult& r) {
    AddAll(total_, r.total);
    for (size_t i = 0; i < intervals_.size(); ++i) {
      AddAll(intervals_[i], r.intervals[i]);
    }
    for (size_t t = 0; t < call_types_.size(); ++t) {
      AddAll(call_types_[t], r.call_types[t]);
    }
    for (size_t g = 0; g < agent_groups_.size(); ++g) {
      AddAll(agent_groups_[g], r.agent_groups[g]);
    }
    const CallFlowValues flow = ComputeCallFlow(r.total);
    for (size_t k = 0; k < kNumCallFlowSteps; ++k) call_flow_[k].Add(flow[k]);
    if (!r.agent_group_intervals.empty()) {
      // Only the agent-time metrics: groups x intervals can be large.
      const size_t n_agent = agent_metrics_.size();
      if (group_intervals_.empty()) {
        group_intervals_.resize(r.agent_group_intervals.size() * n_agent);
      }
      for (size_t j = 0; j < r.agent_group_intervals.size(); ++j) {
        for (size_t k = 0; k < n_agent; ++k) {
          group_intervals_[j * n_agent + k].Add(
              r.agent_group_intervals[j][agent_metrics_[k]]);
        }
      }
    }
    events_ += r.events;
    calls_ += r.calls;
  }

  std::mutex mu_;
  int next_ = 0;
  int offered_ = 0;
  bool keep_totals_ = false;
  std::vector<ReplicationTotals> totals_;  // in replication order
  std::map<int, ReplicationResult> waiting_;
  MetricAccumulators total_;
  std::vector<MetricAccumulators> intervals_;
  std::vector<MetricAccumulators> call_types_;
  std::vector<MetricAccumulators> agent_groups_;
  std::array<RunningEstimate, kNumCallFlowSteps> call_flow_;
  std::vector<int> agent_metrics_;  // the IsAgentTimeMetric metrics
  // [(group * n_intervals + interval) * agent_metrics_.size() + k]; empty
  // until a replication reports per-group intervals.
  std::vector<RunningEstimate> group_intervals_;
  uint64_t events_ = 0;
  uint64_t calls_ = 0;
};

// A result with every scope named and sized, and no estimates yet.
RunResult EmptyResult(const Scenario& scenario, uint64_t seed, int reps) {
  RunResult out;
  out.scenario = scenario.name;
  out.seed = seed;
  out.replications = reps;
  const size_t n_intervals = static_cast<size_t>(scenario.total_intervals() -
                                                 scenario.warmup_intervals());
  out.intervals.resize(n_intervals);
  for (size_t i = 0; i < n_intervals; ++i) {
    const Time start = scenario.warmup + scenario.interval * i;
    // Days are calendar days (they change at midnight); day 1 is the one
    // the warm-up ends in.
    out.intervals[i].day = static_cast<int>(start / Time::Days(1) -
                                            scenario.warmup / Time::Days(1)) +
                           1;
    out.intervals[i].start = FormatClock(start);
  }
  for (const CallTypeSpec& t : scenario.call_types) {
    out.call_types.push_back({t.name, {}});
  }
  for (const AgentGroupSpec& g : scenario.agent_groups) {
    out.agent_groups.push_back({g.name, {}});
  }
  return out;
}

}  // namespace

struct ReplicationMerger::Impl {
  Impl(const Scenario& s, uint64_t seed, int replications)
      : scenario(s), seed(seed), replications(replications), merger(s) {}
  const Scenario& scenario;
  uint64_t seed;
  int replications;
  OrderedMerger merger;
};

ReplicationMerger::ReplicationMerger(const Scenario& scenario, uint64_t seed,
                                     int replications)
    : impl_(std::make_unique<Impl>(scenario, seed, replications)) {}
ReplicationMerger::~ReplicationMerger() = default;

void ReplicationMerger::Add(int replication, ReplicationResult result) {
  impl_->merger.Offer(replication, std::move(result));
}

RunResult ReplicationMerger::Finish() const {
  RunResult out =
      EmptyResult(impl_->scenario, impl_->seed, impl_->replications);
  impl_->merger.Fill(out);
  return out;
}

RunResult SummarizeReplications(
    const Scenario& scenario, uint64_t seed,
    std::span<const ReplicationResult> replications) {
  ReplicationMerger merger(scenario, seed,
                           static_cast<int>(replications.size()));
  for (size_t r = 0; r < replications.size(); ++r) {
    merger.Add(static_cast<int>(r), replications[r]);
  }
  return merger.Finish();
}

absl::StatusOr<RunResult> RunScenario(const Scenario& scenario,
                                      const RunOptions& options) {
  if (absl::Status st = CheckRunnable(scenario); !st.ok()) return st;
  const int reps = options.replications.value_or(scenario.replications);
  const uint64_t seed = options.seed.value_or(scenario.seed);
  if (reps < 1) {
    return absl::InvalidArgumentError("replications must be at least 1");
  }
  if (options.trace != nullptr &&
      (options.trace_replication < 0 || options.trace_replication >= reps)) {
    return absl::InvalidArgumentError(fmt::format(
        "the call log's replication {} is not one of the {} replications "
        "(0 to {})",
        options.trace_replication, reps, reps - 1));
  }
  int threads = options.threads;
  if (threads <= 0) {
    threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  threads = std::min(threads, reps);

  OrderedMerger merger(scenario);
  if (options.keep_replication_totals) merger.KeepTotals();
  if (options.replications_out != nullptr) {
    options.replications_out->clear();
    options.replications_out->reserve(static_cast<size_t>(reps));
  }
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int r = next.fetch_add(1); r < reps; r = next.fetch_add(1)) {
      TraceSink* trace =
          r == options.trace_replication ? options.trace : nullptr;
      merger.Offer(r,
                   RunReplication(scenario, seed, r, trace, options.simulated),
                   options.replications_out, &options.on_progress, reps);
    }
  };
  RunOnThreads(threads, worker);

  RunResult out = EmptyResult(scenario, seed, reps);
  merger.Fill(out);
  return out;
}

}  // namespace ccsim
