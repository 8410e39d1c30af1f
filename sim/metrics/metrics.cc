#include "ccsim/metrics.h"

#include <cmath>
#include <limits>

#include "boost/math/distributions/students_t.hpp"

namespace ccsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double num, double den) { return den > 0 ? num / den : kNaN; }
}  // namespace

bool IsAgentTimeMetric(Metric m) {
  switch (m) {
    case Metric::kOccupancy:
    case Metric::kStaffedHours:
    case Metric::kUtilisation:
    case Metric::kBreakShare:
    case Metric::kTalkHours:
    case Metric::kWrapHours:
    case Metric::kBreakHours:
    case Metric::kAuxHours:
    case Metric::kIdleHours:
    case Metric::kAvailableHours:
    case Metric::kBreaksPostponed:
    case Metric::kBreaksForced:
    case Metric::kOverrunHours:
      return true;
    default:
      return false;
  }
}

void AgentTime::Add(const AgentTime& o) {
  staffed_s += o.staffed_s;
  busy_s += o.busy_s;
  talk_s += o.talk_s;
  wrap_s += o.wrap_s;
  break_s += o.break_s;
  aux_s += o.aux_s;
  idle_s += o.idle_s;
  overrun_s += o.overrun_s;
  breaks_postponed += o.breaks_postponed;
  breaks_forced += o.breaks_forced;
}

bool IsCallbackMetric(Metric m) {
  return m >= Metric::kCallbacksOffered && m <= Metric::kCallbackHours;
}

bool IsWaitPercentileMetric(Metric m) {
  return m >= Metric::kWaitP50 && m <= Metric::kWaitP95;
}

bool IsFollowUpMetric(Metric m) {
  return m >= Metric::kFollowUpsCreated && m <= Metric::kFollowUpHours;
}

bool MetricApplies(Scope scope, Metric m) {
  switch (scope) {
    case Scope::kTotal:
    case Scope::kInterval:
      return true;
    case Scope::kCallType:
      // The backlog is sampled once per day for all types together.
      return !IsAgentTimeMetric(m) && m != Metric::kFollowUpBacklog;
    case Scope::kAgentGroup:
      // Calls are counted for the group that answered them.
      return IsAgentTimeMetric(m) || m == Metric::kAnswered ||
             m == Metric::kAht || m == Metric::kFcr ||
             m == Metric::kTransferred || m == Metric::kMisrouted ||
             m == Metric::kCallbacksCompleted || m == Metric::kCallbackDials ||
             m == Metric::kCallbackHours || m == Metric::kFollowUpsDone ||
             m == Metric::kFollowUpDials || m == Metric::kFollowUpHours;
  }
  return false;
}

void CallCounters::Add(const CallCounters& o) {
  offered += o.offered;
  answered += o.answered;
  abandoned += o.abandoned;
  answered_within += o.answered_within;
  abandoned_short += o.abandoned_short;
  waited += o.waited;
  wait_answered_s += o.wait_answered_s;
  wait_all_s += o.wait_all_s;
  handle_s += o.handle_s;
  calls += o.calls;
  blocked += o.blocked;
  closed += o.closed;
  informed += o.informed;
  contained += o.contained;
  ivr_abandoned += o.ivr_abandoned;
  zero_out += o.zero_out;
  misrouted += o.misrouted;
  transferred += o.transferred;
  transferred_out += o.transferred_out;
  repeats += o.repeats;
  redials_busy += o.redials_busy;
  redials_abandon += o.redials_abandon;
  redials_ivr += o.redials_ivr;
  returns += o.returns;
  gave_up += o.gave_up;
  served += o.served;
  resolved += o.resolved;
  callbacks_offered += o.callbacks_offered;
  callbacks_accepted += o.callbacks_accepted;
  callbacks_completed += o.callbacks_completed;
  callbacks_failed += o.callbacks_failed;
  callback_dials += o.callback_dials;
  callbacks_in_window += o.callbacks_in_window;
  callback_delay_s += o.callback_delay_s;
  callback_s += o.callback_s;
  answered_within_2 += o.answered_within_2;
  waits.Add(o.waits);
  follow_ups_created += o.follow_ups_created;
  follow_ups_done += o.follow_ups_done;
  follow_ups_in_window += o.follow_ups_in_window;
  follow_ups_failed += o.follow_ups_failed;
  follow_ups_open += o.follow_ups_open;
  follow_ups_overdue += o.follow_ups_overdue;
  follow_up_dials += o.follow_up_dials;
  follow_up_delay_s += o.follow_up_delay_s;
  follow_up_s += o.follow_up_s;
  follow_up_backlog += o.follow_up_backlog;
  day_ends += o.day_ends;
}

MetricValues::MetricValues() { v_.fill(kNaN); }

MetricValues ComputeMetrics(const CallCounters& c, const AgentTime* agents) {
  MetricValues v;
  const double offered = static_cast<double>(c.offered);
  const double answered = static_cast<double>(c.answered);
  v[Metric::kOffered] = offered;
  v[Metric::kAnswered] = answered;
  v[Metric::kAbandoned] = static_cast<double>(c.abandoned);
  v[Metric::kAnswerRate] = Ratio(answered, offered);
  v[Metric::kAbandonRate] = Ratio(static_cast<double>(c.abandoned), offered);
  v[Metric::kServiceLevel] =
      Ratio(static_cast<double>(c.answered_within), offered);
  v[Metric::kServiceLevelAnswered] =
      Ratio(static_cast<double>(c.answered_within), answered);
  v[Metric::kServiceLevelExclShort] =
      Ratio(static_cast<double>(c.answered_within),
            offered - static_cast<double>(c.abandoned_short));
  v[Metric::kAsa] = Ratio(c.wait_answered_s, answered);
  v[Metric::kMeanWait] = Ratio(c.wait_all_s, offered);
  v[Metric::kPWait] = Ratio(static_cast<double>(c.waited), offered);
  v[Metric::kAht] = Ratio(c.handle_s, answered);
  auto count = [](int64_t n) { return static_cast<double>(n); };
  v[Metric::kCalls] = count(c.calls);
  v[Metric::kBlocked] = count(c.blocked);
  v[Metric::kClosed] = count(c.closed);
  v[Metric::kInformed] = count(c.informed);
  v[Metric::kContained] = count(c.contained);
  v[Metric::kIvrAbandoned] = count(c.ivr_abandoned);
  v[Metric::kZeroOut] = count(c.zero_out);
  v[Metric::kMisrouted] = count(c.misrouted);
  v[Metric::kTransferred] = count(c.transferred);
  v[Metric::kTransferredOut] = count(c.transferred_out);
  v[Metric::kRepeatShare] = Ratio(count(c.repeats), count(c.calls));
  v[Metric::kFcr] = Ratio(count(c.resolved), count(c.served));
  v[Metric::kUniqueCallers] = count(c.calls - c.repeats);
  v[Metric::kCallsPerCaller] =
      Ratio(count(c.calls), count(c.calls - c.repeats));
  v[Metric::kRedialsBusy] = count(c.redials_busy);
  v[Metric::kRedialsAbandon] = count(c.redials_abandon);
  v[Metric::kRedialsIvr] = count(c.redials_ivr);
  v[Metric::kReturns] = count(c.returns);
  v[Metric::kGaveUp] = count(c.gave_up);
  v[Metric::kCallbacksOffered] = count(c.callbacks_offered);
  v[Metric::kCallbacksAccepted] = count(c.callbacks_accepted);
  v[Metric::kCallbacksCompleted] = count(c.callbacks_completed);
  v[Metric::kCallbacksFailed] = count(c.callbacks_failed);
  v[Metric::kCallbackDials] = count(c.callback_dials);
  v[Metric::kCallbackDelay] =
      Ratio(c.callback_delay_s, count(c.callbacks_completed));
  v[Metric::kCallbackTimeliness] =
      Ratio(count(c.callbacks_in_window),
            count(c.callbacks_completed + c.callbacks_failed));
  v[Metric::kCallbackHours] = c.callback_s / 3600;
  v[Metric::kWaitP50] = c.waits.Percentile(0.50);
  v[Metric::kWaitP80] = c.waits.Percentile(0.80);
  v[Metric::kWaitP90] = c.waits.Percentile(0.90);
  v[Metric::kWaitP95] = c.waits.Percentile(0.95);
  v[Metric::kServiceLevel2] = Ratio(count(c.answered_within_2), offered);
  v[Metric::kFollowUpsCreated] = count(c.follow_ups_created);
  v[Metric::kFollowUpsDone] = count(c.follow_ups_done);
  v[Metric::kFollowUpsFailed] = count(c.follow_ups_failed);
  v[Metric::kFollowUpsOpen] = count(c.follow_ups_open);
  v[Metric::kFollowUpDials] = count(c.follow_up_dials);
  v[Metric::kFollowUpDelay] =
      Ratio(c.follow_up_delay_s, count(c.follow_ups_done));
  // Tasks open at the end and not yet due are undecided: left out.
  v[Metric::kFollowUpTimeliness] = Ratio(
      count(c.follow_ups_in_window),
      count(c.follow_ups_done + c.follow_ups_failed + c.follow_ups_overdue));
  v[Metric::kFollowUpBacklog] =
      Ratio(count(c.follow_up_backlog), count(c.day_ends));
  v[Metric::kFollowUpHours] = c.follow_up_s / 3600;
  if (agents != nullptr) {
    const AgentTime& a = *agents;
    // Breaks and AUX are not available time; with neither, occupancy is
    // busy / staffed exactly as in the foundation model.
    const double available = a.staffed_s - a.break_s - a.aux_s;
    v[Metric::kOccupancy] = Ratio(a.busy_s, available);
    v[Metric::kStaffedHours] = a.staffed_s / 3600.0;
    v[Metric::kUtilisation] = Ratio(a.busy_s, a.staffed_s);
    v[Metric::kBreakShare] = Ratio(a.break_s + a.aux_s, a.staffed_s);
    v[Metric::kTalkHours] = a.talk_s / 3600.0;
    v[Metric::kWrapHours] = a.wrap_s / 3600.0;
    v[Metric::kBreakHours] = a.break_s / 3600.0;
    v[Metric::kAuxHours] = a.aux_s / 3600.0;
    v[Metric::kIdleHours] = a.idle_s / 3600.0;
    v[Metric::kAvailableHours] = available / 3600.0;
    v[Metric::kBreaksPostponed] = count(a.breaks_postponed);
    v[Metric::kBreaksForced] = count(a.breaks_forced);
    v[Metric::kOverrunHours] = a.overrun_s / 3600.0;
  }
  return v;
}

double StudentTQuantile(double p, int df) {
  // Summaries ask for the same quantile thousands of times in a row.
  thread_local double last_p = -1, last_value = 0;
  thread_local int last_df = -1;
  if (p == last_p && df == last_df) return last_value;
  boost::math::students_t dist(static_cast<double>(df));
  last_value = boost::math::quantile(dist, p);
  last_p = p;
  last_df = df;
  return last_value;
}

void RunningEstimate::Add(double x) {
  if (std::isnan(x)) return;
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / n_;
  m2_ += delta * (x - mean_);
}

Estimate RunningEstimate::Result() const {
  Estimate e;
  e.n = n_;
  e.mean = n_ > 0 ? mean_ : kNaN;
  if (n_ < 2) {
    e.ci95 = kNaN;
    return e;
  }
  const double sd = std::sqrt(m2_ / (n_ - 1));
  e.ci95 = StudentTQuantile(0.975, n_ - 1) * sd / std::sqrt(n_);
  return e;
}

Estimate Summarize(std::span<const double> values) {
  RunningEstimate acc;
  for (double x : values) acc.Add(x);
  return acc.Result();
}

}  // namespace ccsim
