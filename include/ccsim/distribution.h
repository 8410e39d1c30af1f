// Probability distributions for durations (handle time, patience, ...).
//
// A `Distribution` is a small value type: a kind and its parameters, with
// sampling by a switch (no virtual call, no allocation per draw). Parameters
// are in seconds; most are given by their mean, as planners think of them.
//
//   ccsim::Distribution d = ccsim::Distribution::Exponential(180.0);
//   double seconds = d.Sample(rng);
//
// Construct through the factories; `Validate()` reports parameters that make
// no sense (negative means, sd without a mean, empty tables, ...).
#ifndef CCSIM_DISTRIBUTION_H_
#define CCSIM_DISTRIBUTION_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/random.h"

namespace ccsim {

class Distribution {
 public:
  enum class Kind {
    kExponential,    // mean
    kDeterministic,  // value
    kUniform,        // min, max
    kLognormal,      // mean, sd (of the variable itself, not of its log)
    kGamma,          // mean, sd
    kWeibull,        // shape, mean
    kErlang,         // k (stages), mean
    kEmpirical,      // values with weights: one is drawn
    kHistogram,      // bin edges with weights: a bin is drawn, then uniform
  };

  // A deterministic zero; the default so that value semantics are simple.
  Distribution() = default;

  static Distribution Exponential(double mean);
  static Distribution Deterministic(double value);
  static Distribution Uniform(double min, double max);
  static Distribution Lognormal(double mean, double sd);
  static Distribution Gamma(double mean, double sd);
  static Distribution Weibull(double shape, double mean);
  static Distribution Erlang(int k, double mean);
  // `weights` empty means equally likely.
  static Distribution Empirical(std::vector<double> values,
                                std::vector<double> weights = {});
  // `edges` has one more entry than `weights`, ascending.
  static Distribution Histogram(std::vector<double> edges,
                                std::vector<double> weights);

  // OK when the parameters define a proper distribution on [0, inf).
  absl::Status Validate() const;

  // One draw. REQUIRES: Validate() is OK.
  double Sample(Rng& rng) const;

  Kind kind() const { return kind_; }
  double Mean() const;
  double Variance() const;
  // "exponential(mean=180s)", for reports.
  std::string Describe() const;
  // The scenario file's form, e.g. "{lognormal: {mean: 180s, sd: 120s}}"
  // (docs/scenario-format.md#distributions), with six significant digits.
  std::string ToYaml() const;
  // Same kind and parameters.
  friend bool operator==(const Distribution&, const Distribution&) = default;

 private:
  void Prepare();  // derives internal parameters from the user's ones

  Kind kind_ = Kind::kDeterministic;
  // User parameters (meaning depends on kind, see Kind).
  double a_ = 0, b_ = 0;
  int k_ = 1;
  // Derived parameters used by Sample().
  double p_ = 0, q_ = 0;
  std::vector<double> values_;      // empirical values or histogram edges
  std::vector<double> cumulative_;  // normalised cumulative weights
};

}  // namespace ccsim

#endif  // CCSIM_DISTRIBUTION_H_
