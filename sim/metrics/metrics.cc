#include "ccsim/metrics.h"

#include <cmath>
#include <limits>

#include "boost/math/distributions/students_t.hpp"

namespace ccsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double num, double den) { return den > 0 ? num / den : kNaN; }
}  // namespace

bool MetricApplies(Scope scope, Metric m) {
  switch (scope) {
    case Scope::kTotal:
    case Scope::kInterval:
      return true;
    case Scope::kCallType:
      return m != Metric::kOccupancy && m != Metric::kStaffedHours;
    case Scope::kAgentGroup:
      return m == Metric::kAnswered || m == Metric::kOccupancy ||
             m == Metric::kAht || m == Metric::kStaffedHours;
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
  if (agents != nullptr) {
    v[Metric::kOccupancy] = Ratio(agents->busy_s, agents->staffed_s);
    v[Metric::kStaffedHours] = agents->staffed_s / 3600.0;
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
