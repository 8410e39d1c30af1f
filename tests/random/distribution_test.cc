#include "ccsim/distribution.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ccsim/random.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

constexpr int kN = 200'000;
constexpr double kPi = std::numbers::pi;

// Mean, variance and fourth central moment of a distribution known in
// closed form; the tolerance of the sample variance is derived from mu4.
struct Moments {
  double mean, var, mu4;
  double Mean() const { return mean; }
  double Var() const { return var; }
  double Mu4() const { return mu4; }
};

Moments FromCentral(double mean, double var, double kurtosis) {
  return {mean, var, kurtosis * var * var};
}

// From raw moments r[j] = E[X^j], j = 1..4.
Moments FromRaw(const double r[5]) {
  const double m = r[1];
  return {m, r[2] - m * m,
          r[4] - 4 * m * r[3] + 6 * m * m * r[2] - 3 * m * m * m * m};
}

Moments Weibull(double k, double mean) {
  const double scale = mean / std::tgamma(1 + 1 / k);
  double r[5];
  for (int j = 0; j <= 4; ++j)
    r[j] = std::pow(scale, j) * std::tgamma(1 + j / k);
  return FromRaw(r);
}

Moments Discrete(const std::vector<double>& v, std::vector<double> w) {
  if (w.empty()) w.assign(v.size(), 1.0);
  double total = 0;
  for (double x : w) total += x;
  double r[5] = {0, 0, 0, 0, 0};
  for (size_t i = 0; i < v.size(); ++i)
    for (int j = 1; j <= 4; ++j) r[j] += w[i] / total * std::pow(v[i], j);
  return FromRaw(r);
}

// Mixture of uniforms: E[X^j] on [lo, hi] = (hi^(j+1) - lo^(j+1)) /
// ((j+1)(hi-lo)).
Moments HistogramMoments(const std::vector<double>& e,
                         const std::vector<double>& w) {
  double total = 0;
  for (double x : w) total += x;
  double r[5] = {0, 0, 0, 0, 0};
  for (size_t i = 0; i < w.size(); ++i) {
    for (int j = 1; j <= 4; ++j) {
      r[j] += w[i] / total *
              (std::pow(e[i + 1], j + 1) - std::pow(e[i], j + 1)) /
              ((j + 1) * (e[i + 1] - e[i]));
    }
  }
  return FromRaw(r);
}

struct Case {
  std::string name;
  Distribution d;
  double mean;      // closed form, written independently of distribution.cc
  double variance;  // idem
  Moments moments;  // for the variance tolerance
};

std::vector<Case> Cases() {
  const double lw = 1.25;  // lognormal: 1 + cv^2 with cv = 90/180
  const double w2 = 4 / kPi - 1;
  return {
      {"exponential", Distribution::Exponential(180), 180, 180.0 * 180,
       FromCentral(180, 32400, 9)},
      {"uniform", Distribution::Uniform(60, 300), 180, 240.0 * 240 / 12,
       FromCentral(180, 4800, 9.0 / 5)},
      // Lognormal kurtosis: w^4 + 2w^3 + 3w^2 - 3 with w = exp(sigma^2).
      {"lognormal", Distribution::Lognormal(180, 90), 180, 8100,
       FromCentral(180, 8100,
                   std::pow(lw, 4) + 2 * std::pow(lw, 3) + 3 * lw * lw - 3)},
      // Gamma: shape = (mean/sd)^2, kurtosis 3 + 6/shape.
      {"gamma_shape_0.5", Distribution::Gamma(180, 180 * std::sqrt(2.0)), 180,
       2 * 180.0 * 180, FromCentral(180, 64800, 3 + 6 / 0.5)},
      {"gamma_shape_3", Distribution::Gamma(180, 180 / std::sqrt(3.0)), 180,
       180.0 * 180 / 3, FromCentral(180, 10800, 3 + 6 / 3.0)},
      // Weibull: Var = m^2 (G(1+2/k)/G(1+1/k)^2 - 1); for k = 2 that is
      // m^2 (4/pi - 1) since G(1.5) = sqrt(pi)/2 and G(2) = 1.
      {"weibull_0.7", Distribution::Weibull(0.7, 180), 180,
       180.0 * 180 *
           (std::tgamma(1 + 2 / 0.7) / std::pow(std::tgamma(1 + 1 / 0.7), 2) -
            1),
       Weibull(0.7, 180)},
      {"weibull_2", Distribution::Weibull(2, 180), 180, 180.0 * 180 * w2,
       Weibull(2, 180)},
      // Erlang(k, mean): Var = mean^2/k, kurtosis 3 + 6/k.
      {"erlang_3", Distribution::Erlang(3, 180), 180, 10800,
       FromCentral(180, 10800, 5)},
      // {60, 120, 300} equally likely: mean 160, Var (100^2+40^2+140^2)/3.
      {"empirical", Distribution::Empirical({60, 120, 300}), 160, 10400,
       Discrete({60, 120, 300}, {})},
      // Weights 1:2:1: mean 150, Var (90^2 + 2*30^2 + 150^2)/4 = 8100.
      {"empirical_weighted", Distribution::Empirical({60, 120, 300}, {1, 2, 1}),
       150, 8100, Discrete({60, 120, 300}, {1, 2, 1})},
      // Bins [0,60) [60,180) [180,600) weights 1:2:1: mean
      // (30 + 2*120 + 390)/4 = 165; E[X^2] = (1200 + 2*15600 + 166800)/4 =
      // 49800; Var = 49800 - 165^2 = 22575.
      {"histogram", Distribution::Histogram({0, 60, 180, 600}, {1, 2, 1}), 165,
       22575, HistogramMoments({0, 60, 180, 600}, {1, 2, 1})},
  };
}

TEST(DistributionTest, MeanAndVarianceMatchClosedForms) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    ASSERT_TRUE(c.d.Validate().ok()) << c.d.Validate();
    EXPECT_NEAR(c.d.Mean(), c.mean, 1e-9 * c.mean);
    EXPECT_NEAR(c.d.Variance(), c.variance, 1e-9 * c.variance);
    // The moments used for tolerances describe the same distribution.
    EXPECT_NEAR(c.moments.Mean(), c.mean, 1e-9 * c.mean);
    EXPECT_NEAR(c.moments.Var(), c.variance, 1e-9 * c.variance);
  }
  // Spot values written out in full.
  EXPECT_NEAR(Distribution::Weibull(2, 180).Variance(), 8852.9612, 1e-3);
  EXPECT_DOUBLE_EQ(Distribution::Deterministic(120).Mean(), 120);
  EXPECT_DOUBLE_EQ(Distribution::Deterministic(120).Variance(), 0);
}

TEST(DistributionTest, SampleMomentsMatch) {
  int seed = 1;
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.name);
    Rng rng(Rng::ForStream(seed++, 0, Stream::kTest).Next());
    double sum = 0, sum2 = 0, lo = INFINITY;
    for (int i = 0; i < kN; ++i) {
      double x = c.d.Sample(rng);
      sum += x;
      sum2 += x * x;
      lo = std::min(lo, x);
    }
    const double mean = sum / kN;
    const double var = (sum2 - kN * mean * mean) / (kN - 1);
    EXPECT_GE(lo, 0.0);
    // Mean: within 4 standard errors sqrt(Var/n).
    EXPECT_NEAR(mean, c.mean, 4 * std::sqrt(c.variance / kN));
    // Sample variance: asymptotically normal with standard error
    // sqrt((mu4 - sigma^4)/n); allow 4 of them. (For these cases that is
    // between 1% (uniform) and 7% (Weibull shape 0.7) of the variance.)
    const double se_var =
        std::sqrt((c.moments.Mu4() - c.variance * c.variance) / kN);
    EXPECT_NEAR(var, c.variance, 4 * se_var);
  }
}

TEST(DistributionTest, DeterministicAlwaysReturnsItsValue) {
  Distribution d = Distribution::Deterministic(120);
  ASSERT_TRUE(d.Validate().ok());
  Rng rng(3);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(d.Sample(rng), 120.0);
  EXPECT_TRUE(Distribution::Deterministic(0).Validate().ok());
  EXPECT_EQ(Distribution().Sample(rng), 0.0);  // default is deterministic 0
}

// Kolmogorov-Smirnov statistic of `n` draws against a continuous CDF.
double KsStatistic(const Distribution& d, Rng& rng,
                   const std::function<double(double)>& cdf,
                   std::vector<double>* sorted = nullptr) {
  std::vector<double> x(kN);
  for (double& v : x) v = d.Sample(rng);
  std::sort(x.begin(), x.end());
  double dmax = 0;
  for (int i = 0; i < kN; ++i) {
    double f = cdf(x[i]);
    dmax = std::max({dmax, f - static_cast<double>(i) / kN,
                     static_cast<double>(i + 1) / kN - f});
  }
  if (sorted) *sorted = std::move(x);
  return dmax;
}

// Asymptotic KS critical value at level 0.001: 1.9495 / sqrt(n).
const double kKsCritical = 1.9495 / std::sqrt(static_cast<double>(kN));

TEST(DistributionTest, ExponentialKsAndMedian) {
  Rng rng(Rng::ForStream(11, 0, Stream::kTest).Next());
  std::vector<double> x;
  double ks = KsStatistic(
      Distribution::Exponential(180), rng,
      [](double t) { return -std::expm1(-t / 180); }, &x);
  EXPECT_LT(ks, kKsCritical);
  // Sample median: standard error 1/(2 f(med) sqrt n) with f(med) = 1/360,
  // i.e. 180/sqrt(n); allow 4 of them around 180 ln 2.
  const double median = 0.5 * (x[kN / 2 - 1] + x[kN / 2]);
  EXPECT_NEAR(median, 180 * std::numbers::ln2, 4 * 180 / std::sqrt(kN));
}

TEST(DistributionTest, ContinuousKindsPassKs) {
  struct KsCase {
    std::string name;
    Distribution d;
    std::function<double(double)> cdf;
  };
  const double w07 = 180 / std::tgamma(1 + 1 / 0.7);  // Weibull scales
  const double w2 = 180 / std::tgamma(1.5);
  // Lognormal(180, 90): sigma^2 = ln 1.25, mu = ln 180 - sigma^2/2.
  const double s = std::sqrt(std::log(1.25)), mu = std::log(180) - s * s / 2;
  const std::vector<KsCase> cases = {
      {"uniform", Distribution::Uniform(60, 300),
       [](double t) { return std::clamp((t - 60) / 240, 0.0, 1.0); }},
      {"lognormal", Distribution::Lognormal(180, 90),
       [=](double t) {
         return 0.5 * std::erfc(-(std::log(t) - mu) / (s * std::sqrt(2.0)));
       }},
      // Gamma shape 1/2, scale 360 is 180 * chi-square(1): P =
      // erf(sqrt(t/360)).
      {"gamma_shape_0.5", Distribution::Gamma(180, 180 * std::sqrt(2.0)),
       [](double t) { return std::erf(std::sqrt(t / 360)); }},
      // Gamma shape 3 is Erlang 3 with stage mean 60.
      {"gamma_shape_3", Distribution::Gamma(180, 180 / std::sqrt(3.0)),
       [](double t) {
         double y = t / 60;
         return 1 - std::exp(-y) * (1 + y + y * y / 2);
       }},
      {"erlang_3", Distribution::Erlang(3, 180),
       [](double t) {
         double y = t / 60;
         return 1 - std::exp(-y) * (1 + y + y * y / 2);
       }},
      {"weibull_0.7", Distribution::Weibull(0.7, 180),
       [=](double t) { return -std::expm1(-std::pow(t / w07, 0.7)); }},
      {"weibull_2", Distribution::Weibull(2, 180),
       [=](double t) { return -std::expm1(-std::pow(t / w2, 2)); }},
      // Piecewise-linear CDF of the histogram of the moment test.
      {"histogram", Distribution::Histogram({0, 60, 180, 600}, {1, 2, 1}),
       [](double t) {
         if (t < 60) return 0.25 * t / 60;
         if (t < 180) return 0.25 + 0.5 * (t - 60) / 120;
         return std::min(1.0, 0.75 + 0.25 * (t - 180) / 420);
       }},
  };
  int seed = 100;
  for (const KsCase& c : cases) {
    SCOPED_TRACE(c.name);
    Rng rng(Rng::ForStream(seed++, 0, Stream::kTest).Next());
    EXPECT_LT(KsStatistic(c.d, rng, c.cdf), kKsCritical);
  }
}

TEST(DistributionTest, EmpiricalFrequenciesFollowWeights) {
  // Includes a zero weight, which must never be drawn.
  Distribution d = Distribution::Empirical({10, 20, 30, 40}, {1, 0, 2, 1});
  ASSERT_TRUE(d.Validate().ok());
  Rng rng(8);
  int count[4] = {0, 0, 0, 0};
  for (int i = 0; i < kN; ++i) {
    double x = d.Sample(rng);
    int k = static_cast<int>(x / 10) - 1;
    ASSERT_TRUE(k >= 0 && k < 4 && x == 10.0 * (k + 1)) << x;
    ++count[k];
  }
  EXPECT_EQ(count[1], 0);
  const double p[4] = {0.25, 0, 0.5, 0.25};
  for (int k : {0, 2, 3}) {
    EXPECT_NEAR(static_cast<double>(count[k]) / kN, p[k],
                4 * std::sqrt(p[k] * (1 - p[k]) / kN))
        << k;
  }
}

TEST(DistributionTest, SampleIsDeterministicForSeed) {
  std::vector<Distribution> all = {Distribution::Deterministic(5)};
  for (const Case& c : Cases()) all.push_back(c.d);
  for (const Distribution& d : all) {
    SCOPED_TRACE(d.Describe());
    Rng a(123), b(123), other(124);
    bool differs = false;
    for (int i = 0; i < 1000; ++i) {
      double x = d.Sample(a);
      ASSERT_EQ(x, d.Sample(b)) << i;
      if (x != d.Sample(other)) differs = true;
    }
    if (d.kind() != Distribution::Kind::kDeterministic) {
      EXPECT_TRUE(differs);
    }
  }
}

void ExpectInvalid(const Distribution& d, const std::string& message) {
  absl::Status s = d.Validate();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << d.Describe();
  EXPECT_EQ(s.message(), message) << d.Describe();
}

TEST(DistributionTest, ValidateRejectsBadParameters) {
  using D = Distribution;
  ExpectInvalid(D::Exponential(-1), "mean must be a positive duration");
  ExpectInvalid(D::Exponential(0), "mean must be a positive duration");
  ExpectInvalid(D::Exponential(NAN), "mean must be a positive duration");
  ExpectInvalid(D::Deterministic(-1), "value must not be negative");
  ExpectInvalid(D::Uniform(300, 60), "expected 0 <= min <= max");
  ExpectInvalid(D::Uniform(-1, 60), "expected 0 <= min <= max");
  ExpectInvalid(D::Lognormal(-180, 90), "mean must be a positive duration");
  ExpectInvalid(D::Lognormal(180, 0), "sd must be a positive duration");
  ExpectInvalid(D::Gamma(180, 0), "sd must be a positive duration");
  ExpectInvalid(D::Gamma(180, -5), "sd must be a positive duration");
  ExpectInvalid(D::Weibull(0, 180), "shape must be a positive number");
  ExpectInvalid(D::Weibull(0.005, 180), "shape must be at least 0.01");
  ExpectInvalid(D::Weibull(2, -180), "mean must be a positive duration");
  ExpectInvalid(D::Erlang(0, 180), "k must be a whole number of at least 1");
  ExpectInvalid(D::Erlang(3, -1), "mean must be a positive duration");
  ExpectInvalid(D::Empirical({}), "values must not be empty");
  ExpectInvalid(D::Empirical({1, 2}, {1}),
                "weights must have one entry per value");
  ExpectInvalid(D::Empirical({1, 2}, {1, 1, 1}),
                "weights must have one entry per value");
  ExpectInvalid(D::Empirical({1, 2}, {1, -1}), "weights must not be negative");
  ExpectInvalid(D::Empirical({1, -2}), "values must not be negative");
  ExpectInvalid(D::Empirical({1, 2}, {0, 0}),
                "weights must have a positive sum");
  ExpectInvalid(D::Histogram({0, 60, 30}, {1, 1}), "edges must be ascending");
  ExpectInvalid(D::Histogram({0}, {}), "edges must have at least two entries");
  ExpectInvalid(D::Histogram({0, 1, 2}, {1}),
                "edges must have one more entry than weights");
  ExpectInvalid(D::Histogram({0, 1}, {-1}), "weights must not be negative");
  ExpectInvalid(D::Histogram({-1, 1}, {1}), "edges must not be negative");
  // Boundary cases that are valid.
  EXPECT_TRUE(D::Uniform(60, 60).Validate().ok());
  EXPECT_TRUE(D::Erlang(1, 180).Validate().ok());
  EXPECT_TRUE(D::Empirical({0}).Validate().ok());
  EXPECT_TRUE(D::Histogram({0, 60, 60, 90}, {1, 0, 1}).Validate().ok());
}

}  // namespace
}  // namespace ccsim
