// Distribution fitting: maximum likelihood recovers known parameters from
// samples drawn by ccsim's own samplers, censoring is handled (where the
// naive mean of the observed times is far off), Kaplan-Meier matches a
// hand computation, and data no family fits gets a histogram.
#include "sim/fit/estimators.h"

#include <cmath>
#include <vector>

#include "ccsim/random.h"
#include "gtest/gtest.h"

namespace ccsim::fit {
namespace {

std::vector<Sample> Draw(const Distribution& d, int n, uint64_t seed) {
  Rng rng(seed);
  std::vector<Sample> out;
  for (int i = 0; i < n; ++i) out.push_back({d.Sample(rng), true});
  return out;
}

double Param(const DistributionFit& f, const char* name) {
  for (const auto& [k, v] : f.candidates[f.chosen].params) {
    if (k == name) return v;
  }
  return std::nan("");
}

TEST(EstimatorsTest, LognormalHandleTimes) {
  const DistributionFit f =
      FitDuration(Draw(Distribution::Lognormal(180, 120), 5000, 1));
  ASSERT_GE(f.chosen, 0);
  EXPECT_EQ(f.candidates[f.chosen].family, "lognormal") << f.summary;
  EXPECT_TRUE(f.candidates[f.chosen].fits);
  // Sampling error of the mean: 120 / sqrt(5000) = 1.7 s.
  EXPECT_NEAR(Param(f, "mean"), 180, 5);
  EXPECT_NEAR(Param(f, "sd"), 120, 8);
  // The half-width of the mean is about 1.96 standard errors.
  EXPECT_NEAR(f.candidates[f.chosen].half_widths[0], 1.96 * 120 / 70.7, 1.0);
}

TEST(EstimatorsTest, GammaAndExponentialAreTellApart) {
  const DistributionFit g =
      FitDuration(Draw(Distribution::Gamma(300, 150), 5000, 2));
  ASSERT_GE(g.chosen, 0);
  EXPECT_EQ(g.candidates[g.chosen].family, "gamma") << g.summary;
  EXPECT_NEAR(Param(g, "mean"), 300, 8);
  EXPECT_NEAR(Param(g, "sd"), 150, 8);
  const DistributionFit e =
      FitDuration(Draw(Distribution::Exponential(60), 5000, 3));
  ASSERT_GE(e.chosen, 0);
  // Exponential is Weibull with shape 1 and gamma with sd = mean: the
  // two-parameter families can only win by chance (by less than the AIC
  // gap a likelihood-ratio test would call significant).
  EXPECT_EQ(e.candidates[0].family, "exponential");
  EXPECT_LT(e.candidates[0].aic, e.candidates[e.chosen].aic + 4) << e.summary;
  EXPECT_NEAR(e.candidates[0].params[0].second, 60, 2.5);
  EXPECT_NEAR(e.distribution.Mean(), 60, 2.5);
}

// Patience ~ exponential(120 s), observed only when the caller abandons
// before being answered; answer times ~ exponential(60 s) censor it.
std::vector<Sample> CensoredPatience(const Distribution& patience, int n,
                                     uint64_t seed) {
  Rng rng(seed);
  const Distribution answer = Distribution::Exponential(60);
  std::vector<Sample> out;
  for (int i = 0; i < n; ++i) {
    const double p = patience.Sample(rng), a = answer.Sample(rng);
    out.push_back(p < a ? Sample{p, true} : Sample{a, false});
  }
  return out;
}

TEST(EstimatorsTest, CensoredPatienceIsRecoveredWhereTheNaiveMeanFails) {
  const std::vector<Sample> s =
      CensoredPatience(Distribution::Exponential(120), 20000, 4);
  const DistributionFit f = FitDuration(s);
  // Two thirds censored: P(answered first) = (1/60) / (1/60 + 1/120).
  EXPECT_NEAR(1.0 - static_cast<double>(f.events) / f.n, 2.0 / 3, 0.02);
  // The abandoners' mean wait is E[min] = 40 s: 67% below the truth.
  EXPECT_LT(f.mean_observed, 0.7 * 120);
  ASSERT_GE(f.chosen, 0);
  const double mean = Param(f, "mean");
  EXPECT_NEAR(mean, 120, 0.05 * 120) << f.summary;
}

TEST(EstimatorsTest, CensoredWeibullShape) {
  const DistributionFit f =
      FitDuration(CensoredPatience(Distribution::Weibull(0.7, 200), 20000, 5));
  ASSERT_GE(f.chosen, 0);
  EXPECT_EQ(f.candidates[f.chosen].family, "weibull") << f.summary;
  EXPECT_NEAR(Param(f, "shape"), 0.7, 0.05);
  EXPECT_NEAR(Param(f, "mean"), 200, 0.1 * 200);
}

TEST(EstimatorsTest, CensoredLognormal) {
  const DistributionFit f =
      FitDuration(CensoredPatience(Distribution::Lognormal(90, 60), 20000, 6));
  ASSERT_GE(f.chosen, 0);
  EXPECT_EQ(f.candidates[f.chosen].family, "lognormal") << f.summary;
  EXPECT_NEAR(Param(f, "mean"), 90, 0.06 * 90);
}

TEST(EstimatorsTest, KaplanMeierByHand) {
  // Times 1 (event), 2 (censored), 3, 3 (events), 4 (censored):
  // S(1) = 4/5; at 3, 3 at risk and 2 events: S(3) = 0.8 * 1/3.
  const std::vector<SurvivalPoint> km =
      KaplanMeier({{3, true}, {1, true}, {2, false}, {4, false}, {3, true}});
  ASSERT_EQ(km.size(), 2u);
  EXPECT_DOUBLE_EQ(km[0].t, 1);
  EXPECT_DOUBLE_EQ(km[0].survival, 0.8);
  EXPECT_DOUBLE_EQ(km[1].t, 3);
  EXPECT_DOUBLE_EQ(km[1].survival, 0.8 / 3);
  EXPECT_EQ(KaplanMeierMedian(km), 3.0);
}

TEST(EstimatorsTest, NoFamilyFitsTwoClusters) {
  // Half the calls take about 30 s, half about 600 s.
  std::vector<Sample> s = Draw(Distribution::Uniform(25, 35), 3000, 7);
  for (const Sample& x : Draw(Distribution::Uniform(580, 620), 3000, 8)) {
    s.push_back(x);
  }
  const DistributionFit f = FitDuration(s);
  EXPECT_EQ(f.chosen, -1) << f.summary;
  EXPECT_EQ(f.distribution.kind(), Distribution::Kind::kHistogram);
  EXPECT_NEAR(f.distribution.Mean(), (30 + 600) / 2.0, 10);
}

}  // namespace
}  // namespace ccsim::fit
