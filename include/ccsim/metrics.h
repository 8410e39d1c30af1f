// Metrics: what is counted during a replication and what is reported.
//
// During a replication the model counts calls in `CallCounters` (by call
// type and by the reporting interval the call arrived in) and integrates
// agent time in `AgentTime` (by agent group and interval). Metrics are
// computed from these sums: a rate is a ratio of sums within one
// replication. Definitions are in docs/metrics.md; every metric key below is
// part of the output contract.
//
//   ccsim::MetricValues v = ccsim::ComputeMetrics(counters, &agent_time);
//   double sl = v[ccsim::Metric::kServiceLevel];
//
// A value that is undefined (e.g. answer rate with no offered call) is NaN
// and is written as null in JSON.
#ifndef CCSIM_METRICS_H_
#define CCSIM_METRICS_H_

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace ccsim {

enum class Metric : int {
  kOffered,                // calls that asked for an agent
  kAnswered,               // calls answered by an agent
  kAbandoned,              // calls that hung up while queued
  kAnswerRate,             // answered / offered
  kAbandonRate,            // abandoned / offered
  kServiceLevel,           // answered within threshold / offered
  kServiceLevelAnswered,   // answered within threshold / answered
  kServiceLevelExclShort,  // answered within threshold /
                           //   (offered - abandoned within short_abandon)
  kAsa,                    // mean wait of answered calls, seconds
  kMeanWait,               // mean wait of all offered calls, seconds
  kPWait,                  // share of offered calls that waited at all
  kOccupancy,              // agent busy time / staffed agent time
  kAht,                    // mean handle time of answered calls, seconds
  kStaffedHours,           // agent hours logged in
  kCount,
};

inline constexpr int kNumMetrics = static_cast<int>(Metric::kCount);

// JSON / CSV keys, indexed by Metric.
inline constexpr std::array<std::string_view, kNumMetrics> kMetricNames = {
    "offered",
    "answered",
    "abandoned",
    "answer_rate",
    "abandon_rate",
    "service_level",
    "service_level_answered",
    "service_level_excl_short",
    "asa_s",
    "mean_wait_s",
    "p_wait",
    "occupancy",
    "aht_s",
    "staffed_hours",
};

inline constexpr std::string_view MetricName(Metric m) {
  return kMetricNames[static_cast<int>(m)];
}

// Which metrics a scope reports.
enum class Scope { kTotal, kInterval, kCallType, kAgentGroup };
bool MetricApplies(Scope scope, Metric m);

// Counts of calls (those that arrived after the warm-up) in one scope.
struct CallCounters {
  int64_t offered = 0;
  int64_t answered = 0;
  int64_t abandoned = 0;
  int64_t answered_within = 0;  // wait <= service-level threshold
  int64_t abandoned_short = 0;  // abandoned with wait <= short_abandon
  int64_t waited = 0;           // wait > 0
  double wait_answered_s = 0;   // sum of waits of answered calls
  double wait_all_s = 0;        // sum of waits of all offered calls
  double handle_s = 0;          // sum of handle times of answered calls

  void Add(const CallCounters& o);
};

// Integrated agent time in one scope, seconds.
struct AgentTime {
  double staffed_s = 0;  // logged in (including finishing a call at log-off)
  double busy_s = 0;     // talking to a caller

  void Add(const AgentTime& o) {
    staffed_s += o.staffed_s;
    busy_s += o.busy_s;
  }
};

class MetricValues {
 public:
  MetricValues();  // all NaN
  double& operator[](Metric m) { return v_[static_cast<int>(m)]; }
  double operator[](Metric m) const { return v_[static_cast<int>(m)]; }
  double& operator[](int i) { return v_[i]; }
  double operator[](int i) const { return v_[i]; }

 private:
  std::array<double, kNumMetrics> v_;
};

// Metrics of one scope in one replication. `agents` may be null (the scope
// has no agent time, e.g. a call type); then occupancy and staffed_hours
// are NaN.
MetricValues ComputeMetrics(const CallCounters& calls, const AgentTime* agents);

// Mean and 95% confidence half-width over replications.
struct Estimate {
  double mean = 0;
  double ci95 = 0;  // NaN with fewer than two defined values
  int n = 0;        // replications in which the value was defined
};

// Accumulates one metric's values over replications, one at a time
// (Welford's update, stable for long runs). NaN values, i.e. undefined in
// that replication, are left out. Adding the same values in the same order
// gives bit-identical results.
class RunningEstimate {
 public:
  void Add(double x);
  // The mean and the 95% half-width t(0.975, n-1) * s / sqrt(n) (Student t).
  Estimate Result() const;

 private:
  int n_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from the mean
};

// Summarises values in order (see RunningEstimate).
Estimate Summarize(std::span<const double> values);

// t quantile t(p, df), for confidence intervals.
double StudentTQuantile(double p, int df);

}  // namespace ccsim

#endif  // CCSIM_METRICS_H_
