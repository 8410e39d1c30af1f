#include "ccsim/compare.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"

namespace ccsim {
namespace {

// The same reported intervals: paired per-interval differences make sense.
bool SameIntervalGrid(const Scenario& a, const Scenario& b) {
  return a.warmup == b.warmup && a.horizon == b.horizon &&
         a.interval == b.interval;
}

// Per-replication series of one value: values[r] = pick(replication r).
template <typename Pick>
std::vector<double> Series(const std::vector<ReplicationResult>& reps,
                           Pick pick) {
  std::vector<double> out;
  out.reserve(reps.size());
  for (const ReplicationResult& r : reps) out.push_back(pick(r));
  return out;
}

PairedEstimates CompareAll(
    const std::vector<ReplicationResult>& base,
    const std::vector<ReplicationResult>& variant,
    const MetricValues& (*scope)(const ReplicationResult&, size_t),
    size_t index) {
  PairedEstimates out;
  for (int m = 0; m < kNumMetrics; ++m) {
    auto pick = [&](const ReplicationResult& r) { return scope(r, index)[m]; };
    out[m] = ComparePaired(Series(base, pick), Series(variant, pick));
  }
  return out;
}

const MetricValues& TotalOf(const ReplicationResult& r, size_t) {
  return r.total;
}
const MetricValues& IntervalOf(const ReplicationResult& r, size_t i) {
  return r.intervals[i];
}

}  // namespace

PairedEstimate ComparePaired(std::span<const double> base,
                             std::span<const double> variant) {
  RunningEstimate b, v, d;
  const size_t n = std::min(base.size(), variant.size());
  for (size_t i = 0; i < n; ++i) {
    b.Add(base[i]);
    v.Add(variant[i]);
    if (std::isfinite(base[i]) && std::isfinite(variant[i])) {
      d.Add(variant[i] - base[i]);
    }
  }
  PairedEstimate out;
  out.base = b.Result();
  out.variant = v.Result();
  out.difference = d.Result();
  // The interval [mean - h, mean + h] excludes zero. A difference that is
  // the same in every replication (h = 0) is significant unless it is 0.
  out.significant = out.difference.n >= 2 &&
                    std::isfinite(out.difference.ci95) &&
                    std::abs(out.difference.mean) > out.difference.ci95;
  return out;
}

absl::StatusOr<Comparison> CompareScenarios(const Scenario& base,
                                            std::span<const Scenario> variants,
                                            const CompareOptions& options) {
  if (variants.empty()) {
    return absl::InvalidArgumentError("expected at least one variant");
  }
  if (!options.labels.empty() && options.labels.size() != variants.size() + 1) {
    return absl::InvalidArgumentError(
        "expected one label for the base and one per variant");
  }
  Comparison out;
  out.replications = options.replications.value_or(base.replications);
  // The base's replications and one variant's at a time are kept to pair
  // them: each must fit twice over.
  std::vector<const Scenario*> all = {&base};
  for (const Scenario& v : variants) all.push_back(&v);
  for (const Scenario* s : all) {
    if (absl::Status st = CheckKeptReplications(
            *s, 2 * static_cast<uint64_t>(std::max(out.replications, 0)),
            "compare");
        !st.ok()) {
      return st;
    }
  }
  out.seed = options.seed.value_or(base.seed);
  auto label = [&](size_t k, const Scenario& s) {
    return options.labels.empty() ? s.name : options.labels[k];
  };
  out.base_label = label(0, base);
  out.start_date = base.calendar.start_date;

  const int runs = static_cast<int>(variants.size()) + 1;
  const int total = out.replications * runs;
  int finished_runs = 0;
  // Every scenario runs with the same seed and replication count: common
  // random numbers.
  auto run =
      [&](const Scenario& s,
          std::vector<ReplicationResult>& reps) -> absl::StatusOr<RunResult> {
    RunOptions ro;
    ro.replications = out.replications;
    ro.seed = out.seed;
    ro.threads = options.threads;
    ro.replications_out = &reps;
    ro.keep_replication_totals = options.keep_replication_totals;
    ro.simulated = options.simulated;
    if (options.on_progress) {
      const int offset = finished_runs * out.replications;
      ro.on_progress = [&, offset](int done, int) {
        options.on_progress(offset + done, total);
      };
    }
    absl::StatusOr<RunResult> r = RunScenario(s, ro);
    ++finished_runs;
    return r;
  };

  std::vector<ReplicationResult> base_reps;
  {
    absl::StatusOr<RunResult> r = run(base, base_reps);
    if (!r.ok()) {
      return absl::Status(
          r.status().code(),
          fmt::format("{}: {}", out.base_label, MessageOf(r.status())));
    }
    out.base = *std::move(r);
  }
  out.events = out.base.events;
  out.calls = out.base.calls;

  for (size_t k = 0; k < variants.size(); ++k) {
    const Scenario& variant = variants[k];
    std::vector<ReplicationResult> reps;
    absl::StatusOr<RunResult> r = run(variant, reps);
    if (!r.ok()) {
      return absl::Status(
          r.status().code(),
          fmt::format("{}: {}", label(k + 1, variant), MessageOf(r.status())));
    }
    out.events += r->events;
    out.calls += r->calls;

    VariantComparison c;
    c.label = label(k + 1, variant);
    c.base_call_types = static_cast<int>(base.call_types.size());
    c.variant_call_types = static_cast<int>(variant.call_types.size());
    for (const CallTypeSpec& t : base.call_types) {
      for (const CallTypeSpec& u : variant.call_types) {
        if (t.name == u.name) ++c.shared_call_types;
      }
    }
    c.total = CompareAll(base_reps, reps, &TotalOf, 0);
    if (SameIntervalGrid(base, variant)) {
      c.intervals.reserve(out.base.intervals.size());
      for (size_t i = 0; i < out.base.intervals.size(); ++i) {
        c.intervals.push_back(IntervalComparison{
            out.base.intervals[i].day, out.base.intervals[i].start,
            CompareAll(base_reps, reps, &IntervalOf, i)});
      }
    }
    for (int step = 0; step < kNumCallFlowSteps; ++step) {
      auto pick = [&](const ReplicationResult& rep) {
        return ComputeCallFlow(rep.total)[step];
      };
      c.call_flow.push_back(CallFlowComparison{
          std::string(kCallFlowStepNames[step]),
          ComparePaired(Series(base_reps, pick), Series(reps, pick))});
    }
    out.variant_results.push_back(*std::move(r));
    out.variants.push_back(std::move(c));
  }
  return out;
}

}  // namespace ccsim
