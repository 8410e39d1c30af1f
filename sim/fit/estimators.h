// Estimating distributions from durations, some of them censored: maximum
// likelihood for four families, the Kaplan-Meier curve, goodness of fit,
// and the choice between families (see docs/calibration.md).
//
// A Sample is a duration t >= 0 that either was observed (event) or is
// only known to exceed t (censored: a caller answered after waiting t had
// a patience above t). Families:
//   exponential  (mean)               censored and uncensored
//   weibull      (shape, mean)        censored and uncensored
//   lognormal    (mean, sd)           censored and uncensored
//   gamma        (mean, sd)           uncensored only
// The family with the lowest AIC (2 parameters - 2 log-likelihood) is
// chosen; it "fits" when its distance D to the data is at most
// max(1.63 / sqrt(n), 0.03): D is the Kolmogorov-Smirnov distance to the
// empirical CDF, or with censoring the largest gap between the fitted
// survival and the Kaplan-Meier curve where at least max(50, 2% of the
// samples) are still at risk (further out the curve rests on a handful of
// samples and says little), n the number of events (1.63 /
// sqrt(n) is the KS test's 1% critical value; the floor of 0.03 keeps very
// large samples from rejecting every family over differences no planner
// would see). When none fits, a histogram of the observed durations is
// used instead.
#ifndef CCSIM_SIM_FIT_ESTIMATORS_H_
#define CCSIM_SIM_FIT_ESTIMATORS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ccsim/distribution.h"

namespace ccsim::fit {

struct Sample {
  double t = 0;  // seconds
  bool event = true;
};

struct FamilyFit {
  std::string family;  // "exponential", "weibull", "lognormal", "gamma"
  Distribution distribution = Distribution::Exponential(1);
  // The family's parameters as the scenario writes them, e.g.
  // {"mean", 181.2}, {"sd", 90.4}; with approximate 95% half-widths
  // (from the observed information, by the delta method).
  std::vector<std::pair<std::string, double>> params;
  std::vector<double> half_widths;
  double log_likelihood = 0;
  double aic = 0;
  double distance = 0;  // KS distance, or the gap to Kaplan-Meier
  bool fits = false;
};

struct DistributionFit {
  int n = 0;                 // samples
  int events = 0;            // uncensored samples
  double mean_observed = 0;  // mean of the events (biased with censoring)
  std::vector<FamilyFit> candidates;  // in the order above, fitted ones
  int chosen = -1;                    // index into candidates, -1: histogram
  // The distribution to write: the chosen family's, or the histogram.
  Distribution distribution = Distribution::Exponential(1);
  std::string summary;  // e.g. "lognormal (mean 181.2 s, sd 90.4 s)"
};

// Fits every family that applies (gamma only without censoring) and
// chooses one. REQUIRES: at least 2 events.
DistributionFit FitDuration(std::vector<Sample> samples);

// The Kaplan-Meier estimate of the survival function: after each distinct
// event time t_i, S(t_i) = prod_{j <= i} (1 - d_j / n_j).
struct SurvivalPoint {
  double t;
  double survival;
  int64_t at_risk;  // samples still at risk just before t
};
std::vector<SurvivalPoint> KaplanMeier(std::vector<Sample> samples);

// The median of the Kaplan-Meier curve (the first time it reaches 0.5),
// nullopt when it stays above.
std::optional<double> KaplanMeierMedian(const std::vector<SurvivalPoint>& km);

// P(T <= t) of a family fit's distribution (exponential, weibull,
// lognormal, gamma).
double Cdf(const FamilyFit& f, double t);

}  // namespace ccsim::fit

#endif  // CCSIM_SIM_FIT_ESTIMATORS_H_
