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
  boost::math::students_t dist(static_cast<double>(df));
  return boost::math::quantile(dist, p);
}

Estimate Summarize(std::span<const double> values) {
  Estimate e;
  double sum = 0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    sum += x;
    ++e.n;
  }
  if (e.n == 0) {
    e.mean = kNaN;
    e.ci95 = kNaN;
    return e;
  }
  e.mean = sum / e.n;
  if (e.n < 2) {
    e.ci95 = kNaN;
    return e;
  }
  double ss = 0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    ss += (x - e.mean) * (x - e.mean);
  }
  const double sd = std::sqrt(ss / (e.n - 1));
  e.ci95 = StudentTQuantile(0.975, e.n - 1) * sd / std::sqrt(e.n);
  return e;
}

}  // namespace ccsim
