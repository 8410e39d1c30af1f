// Comparing scenarios with common random numbers.
//
//   std::vector<ccsim::Scenario> variants = {flat_ivr};
//   absl::StatusOr<ccsim::Comparison> c =
//       ccsim::CompareScenarios(base, variants, options);
//   const ccsim::PairedEstimate& sl =
//       c->variants[0].total[ccsim::Metric::kServiceLevel];
//   if (sl.significant) ...  // the 95% CI of variant - base excludes zero
//
// Base and variants run with the same seed and replication count, so
// replication r of every scenario draws from the same random streams
// (common random numbers: the n-th caller of a type arrives, waits and
// talks alike wherever the scenarios agree). The difference of a metric is
// then estimated from the paired differences variant_r - base_r, whose
// spread is far smaller than that of two independent runs.
#ifndef CCSIM_COMPARE_H_
#define CCSIM_COMPARE_H_

#include <array>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/metrics.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"

namespace ccsim {

// One metric of one variant against the base.
struct PairedEstimate {
  Estimate base;
  Estimate variant;
  // Mean and 95% half-width of variant_r - base_r over the replications in
  // which the metric is defined in both (Student t on the differences).
  Estimate difference;
  // The difference's 95% CI excludes zero.
  bool significant = false;
};

using PairedEstimates = std::array<PairedEstimate, kNumMetrics>;

struct IntervalComparison {
  int day = 1;        // as IntervalEstimates
  std::string start;  // "HH:MM"
  PairedEstimates metrics;
};

// The call-flow steps (CallFlow's members, in declaration order) compared.
struct CallFlowComparison {
  std::string step;  // "closed", "blocked", ... "came_back"
  PairedEstimate value;
};

struct VariantComparison {
  std::string label;  // the variant's label (see CompareScenarios)
  PairedEstimates total;
  // Per reported interval; empty when the variant's interval grid (warm-up,
  // horizon, interval) differs from the base's.
  std::vector<IntervalComparison> intervals;
  std::vector<CallFlowComparison> call_flow;
  // Call types (by name) of the base that the variant has too, and how
  // many each has: pairing replications sharpens a difference only where
  // both see the same callers.
  int shared_call_types = 0;
  int base_call_types = 0;
  int variant_call_types = 0;
};

struct Comparison {
  uint64_t seed = 0;
  int replications = 0;
  std::string base_label;
  // The base's calendar.start_date: the date of day 1 of the intervals.
  Date start_date;
  RunResult base;
  // One per variant, in the order given.
  std::vector<RunResult> variant_results;
  std::vector<VariantComparison> variants;
  // Work done by all runs, for throughput figures.
  uint64_t events = 0;
  uint64_t calls = 0;
};

struct CompareOptions {
  // Override every scenario's replications / seed; when unset, the base
  // scenario's are used for all.
  std::optional<int> replications;
  std::optional<uint64_t> seed;
  int threads = 0;  // 0 = one per core; results do not depend on it
  // Labels for base and variants (e.g. file names); when empty, the
  // scenarios' names are used.
  std::vector<std::string> labels;
  // Called after each replication of each scenario with (done, total)
  // replications over all scenarios; see RunOptions::on_progress.
  std::function<void(int done, int total)> on_progress;
  // When set, passed to each scenario's run (RunOptions::simulated): it
  // reaches (1 + variants) * replications * kSimulatedPerReplication.
  std::atomic<int64_t>* simulated = nullptr;
  // Keep each replication's totals in the RunResults (RunResult::
  // per_replication), for ReportOptions::per_replication.
  bool keep_replication_totals = false;
};

// Runs `base` and each of `variants` with common random numbers and
// compares them. Fails when a scenario is not runnable.
absl::StatusOr<Comparison> CompareScenarios(const Scenario& base,
                                            std::span<const Scenario> variants,
                                            const CompareOptions& options);

// Paired summary of two equally long series of per-replication values
// (NaN = undefined in that replication).
PairedEstimate ComparePaired(std::span<const double> base,
                             std::span<const double> variant);

// The comparison as text (`format` kTable), JSON or CSV, showing the
// metrics `options` selects.
//
// Table: per variant, each metric's base, variant and difference with 95%
// CIs (a `*` marks a difference whose CI excludes zero; metrics that are 0
// in both are left out), the call flow, and per interval a count of the
// intervals where answer rate and service level rose or fell
// significantly, with the largest change.
//
// JSON:
//   {"base": LABEL, "seed": S, "replications": N,
//    "variants": [{"label": L,
//       "metrics": {"answer_rate": {"base": {"mean": x, "ci95": h, "n": k},
//           "variant": {...}, "difference": {...}, "significant": true}, ...},
//       "call_flow": {"closed": {...}, ...},
//       "intervals": [{"day": 1, "date": "2024-01-01", "start": "00:00",
//                      "metrics": {...}}, ...],
//       "per_replication": [{"replication": 1, "base": {"offered": 812, ...},
//           "variant": {...}, "difference": {...}}, ...]}]}
// ("per_replication" with ReportOptions::per_replication and replications
// kept by CompareOptions::keep_replication_totals).
//
// CSV, one row per variant, scope and metric:
//   variant,scope,day,start,metric,base_mean,base_ci95,variant_mean,
//   variant_ci95,difference_mean,difference_ci95,significant,base_n,
//   variant_n,difference_n,date
// with scope total, call_flow or interval (date set), significant 1 or 0,
// and with per_replication scope `replication`: the replication in `day`,
// the three values in base_mean, variant_mean and difference_mean.
// Without ReportOptions::analyst_fields no "n", "date" and no columns after
// `significant`.
std::string FormatComparison(const Comparison& comparison, OutputFormat format,
                             const ReportOptions& options);

}  // namespace ccsim

#endif  // CCSIM_COMPARE_H_
