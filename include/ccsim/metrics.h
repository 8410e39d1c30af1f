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

#include "ccsim/wait_histogram.h"

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
  // The full model (appended: the keys above keep their order).
  kCalls,            // call attempts that arrived (all outcomes)
  kBlocked,          // busy signal: every trunk line in use
  kClosed,           // arrived outside opening hours
  kInformed,         // hung up satisfied after an announcement
  kContained,        // resolved in IVR self service
  kIvrAbandoned,     // hung up in the IVR (menus or self service)
  kZeroOut,          // pressed 0 in a menu for an agent
  kMisrouted,        // reached an agent who cannot serve the type
  kTransferred,      // passed from one agent to another
  kTransferredOut,   // sent by the IVR to another number
  kRepeatShare,      // repeat calls (redials, returns) / calls
  kFcr,              // resolved / calls whose service finished
  kUniqueCallers,    // first calls of callers (calls - repeats)
  kCallsPerCaller,   // calls / unique_callers
  kRedialsBusy,      // repeat calls after a busy signal
  kRedialsAbandon,   // repeat calls after abandoning in queue
  kRedialsIvr,       // repeat calls after hanging up in the IVR
  kReturns,          // repeat calls of unresolved issues
  kGaveUp,           // callers who stopped calling unresolved
  kUtilisation,      // (talk + wrap) / staffed time
  kBreakShare,       // (break + AUX) / staffed time
  kTalkHours,        // agent hours talking
  kWrapHours,        // agent hours in after-call work
  kBreakHours,       // agent hours on scheduled breaks
  kAuxHours,         // agent hours in ad-hoc AUX
  kIdleHours,        // agent hours logged in, free, waiting
  kAvailableHours,   // staffed - break - AUX hours
  kBreaksPostponed,  // breaks that waited for the break cap
  kBreaksForced,     // breaks taken over the cap at their latest start
  kOverrunHours,     // agent hours past a shift end or break start
                     //   spent finishing a call
  // Callbacks (virtual hold; appended).
  kCallbacksOffered,    // callers offered a callback
  kCallbacksAccepted,   // of them, accepted (left the queue, kept a place)
  kCallbacksCompleted,  // callbacks that reached the customer (answered)
  kCallbacksFailed,     // callbacks that never reached the customer
  kCallbackDials,       // dials made by agents for callbacks
  kCallbackDelay,       // mean time from request to connection, seconds
  kCallbackTimeliness,  // connected within the window / callbacks ended
  kCallbackHours,       // agent hours on callbacks (dial, talk, wrap-up)
  // Wait percentiles and the second service level (appended).
  kWaitP50,        // median wait of answered calls, seconds
  kWaitP80,        // 80th percentile of the waits of answered calls
  kWaitP90,        // 90th percentile
  kWaitP95,        // 95th percentile
  kServiceLevel2,  // answered within the second threshold / offered
  // Outbound follow-ups (appended).
  kFollowUpsCreated,    // follow-up tasks created by calls
  kFollowUpsDone,       // tasks whose customer was reached
  kFollowUpsFailed,     // tasks not reached after the last dial
  kFollowUpsOpen,       // tasks still open at the end of the horizon
  kFollowUpDials,       // dials made for follow-ups
  kFollowUpDelay,       // mean time from creation to reaching, seconds
  kFollowUpTimeliness,  // done within the window / tasks decided
  kFollowUpBacklog,     // open tasks at the end of a day (mean over days)
  kFollowUpHours,       // agent hours on follow-ups (dial, talk, wrap-up)
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
    "calls",
    "blocked",
    "closed",
    "informed",
    "contained",
    "ivr_abandoned",
    "zero_out",
    "misrouted",
    "transferred",
    "transferred_out",
    "repeat_share",
    "fcr",
    "unique_callers",
    "calls_per_caller",
    "redials_busy",
    "redials_abandon",
    "redials_ivr",
    "returns",
    "gave_up",
    "utilisation",
    "break_share",
    "talk_hours",
    "wrap_hours",
    "break_hours",
    "aux_hours",
    "idle_hours",
    "available_hours",
    "breaks_postponed",
    "breaks_forced",
    "overrun_hours",
    "callbacks_offered",
    "callbacks_accepted",
    "callbacks_completed",
    "callbacks_failed",
    "callback_dials",
    "callback_delay_s",
    "callback_timeliness",
    "callback_hours",
    "wait_p50_s",
    "wait_p80_s",
    "wait_p90_s",
    "wait_p95_s",
    "service_level_2",
    "follow_ups_created",
    "follow_ups_done",
    "follow_ups_failed",
    "follow_ups_open",
    "follow_up_dials",
    "follow_up_delay_s",
    "follow_up_timeliness",
    "follow_up_backlog",
    "follow_up_hours",
};

// The metrics of the foundation model (the first kStaffedHours + 1).
inline constexpr int kNumFoundationMetrics =
    static_cast<int>(Metric::kStaffedHours) + 1;

inline constexpr std::string_view MetricName(Metric m) {
  return kMetricNames[static_cast<int>(m)];
}

// Which metrics a scope reports.
enum class Scope { kTotal, kInterval, kCallType, kAgentGroup };
bool MetricApplies(Scope scope, Metric m);
// Metrics computed from agent time (NaN without it).
bool IsAgentTimeMetric(Metric m);
// The callback metrics (callbacks_offered ... callback_hours), reported by
// default only for scenarios that offer callbacks (DefaultMetrics).
bool IsCallbackMetric(Metric m);
// wait_p50_s ... wait_p95_s, computed from CallCounters::waits.
bool IsWaitPercentileMetric(Metric m);
// The follow-up metrics (follow_ups_created ... follow_up_hours), reported
// by default only for scenarios with follow-ups (DefaultMetrics).
bool IsFollowUpMetric(Metric m);

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
  double handle_s = 0;          // sum of talk + wrap times of answered calls
  // Outcomes and repeat calling (see Metric). Every attempt counted in
  // `calls` ends in exactly one of closed, blocked, informed, ivr_abandoned,
  // contained, transferred_out, abandoned, answered.
  int64_t calls = 0;
  int64_t blocked = 0;
  int64_t closed = 0;
  int64_t informed = 0;
  int64_t contained = 0;
  int64_t ivr_abandoned = 0;
  int64_t zero_out = 0;
  int64_t misrouted = 0;
  int64_t transferred = 0;
  int64_t transferred_out = 0;
  int64_t repeats = 0;  // redials_busy + redials_abandon + redials_ivr +
                        // returns
  int64_t redials_busy = 0;
  int64_t redials_abandon = 0;
  int64_t redials_ivr = 0;
  int64_t returns = 0;
  int64_t gave_up = 0;
  int64_t served = 0;    // answered calls whose last service leg ended
  int64_t resolved = 0;  // of those, issue resolved
  // Callbacks. An accepted callback ends in exactly one of answered (a
  // completed callback, also counted in callbacks_completed; never within
  // the service-level threshold) and callbacks_failed.
  int64_t callbacks_offered = 0;
  int64_t callbacks_accepted = 0;
  int64_t callbacks_completed = 0;
  int64_t callbacks_failed = 0;
  int64_t callback_dials = 0;
  int64_t callbacks_in_window = 0;  // completed within the promised window
  double callback_delay_s = 0;      // sum, request to connection
  double callback_s = 0;            // agent time: dials, talk and wrap-up
  // The second service level (0 without one): answered with wait <= the
  // second threshold; never a completed callback, like answered_within.
  int64_t answered_within_2 = 0;
  // Waits of answered calls (completed callbacks included, as in
  // wait_answered_s), for the wait percentiles.
  WaitHistogram waits;
  // Follow-up tasks, counted with the call that created them. A counted
  // task ends in exactly one of done, failed and open (at the end).
  int64_t follow_ups_created = 0;
  int64_t follow_ups_done = 0;
  int64_t follow_ups_in_window = 0;  // done by their due time
  int64_t follow_ups_failed = 0;
  int64_t follow_ups_open = 0;
  int64_t follow_ups_overdue = 0;  // open at the end and past due
  int64_t follow_up_dials = 0;
  double follow_up_delay_s = 0;  // sum, creation to reaching the customer
  double follow_up_s = 0;        // agent time: dials, talk and wrap-up
  // Backlog samples at the end of each day: open tasks of the type (all,
  // counted or not), in the bin of the day's last interval; day_ends
  // counts the samples once per day, in the first call type's bin only,
  // so that summing over types gives the whole backlog per day.
  int64_t follow_up_backlog = 0;
  int64_t day_ends = 0;

  void Add(const CallCounters& o);
};

// Integrated agent time in one scope, seconds.
struct AgentTime {
  double staffed_s = 0;  // logged in (including finishing a call at log-off)
  double busy_s = 0;     // talking to a caller or in after-call work
  double talk_s = 0;
  double wrap_s = 0;
  double break_s = 0;
  double aux_s = 0;
  double idle_s = 0;     // logged in, free, waiting for a call
  double overrun_s = 0;  // finishing a call past a shift end / break start
  int64_t breaks_postponed = 0;
  int64_t breaks_forced = 0;

  void Add(const AgentTime& o);
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
