#include "ccsim/metrics.h"

#include <cmath>
#include <vector>

#include "gtest/gtest.h"

namespace ccsim {
namespace {

TEST(MetricsTest, ComputesEachDefinitionFromCounts) {
  CallCounters c;
  c.offered = 200;
  c.answered = 180;
  c.abandoned = 20;
  c.answered_within = 150;
  c.abandoned_short = 5;
  c.waited = 90;
  c.wait_answered_s = 1800;  // 10 s per answered call
  c.wait_all_s = 2400;       // 12 s per offered call
  c.handle_s = 180 * 200.0;  // 200 s per answered call
  AgentTime a{.staffed_s = 36000, .busy_s = 27000};
  MetricValues v = ComputeMetrics(c, &a);
  EXPECT_EQ(v[Metric::kOffered], 200);
  EXPECT_EQ(v[Metric::kAnswered], 180);
  EXPECT_EQ(v[Metric::kAbandoned], 20);
  EXPECT_DOUBLE_EQ(v[Metric::kAnswerRate], 0.9);
  EXPECT_DOUBLE_EQ(v[Metric::kAbandonRate], 0.1);
  EXPECT_DOUBLE_EQ(v[Metric::kServiceLevel], 0.75);
  EXPECT_DOUBLE_EQ(v[Metric::kServiceLevelAnswered], 150.0 / 180);
  EXPECT_DOUBLE_EQ(v[Metric::kServiceLevelExclShort], 150.0 / 195);
  EXPECT_DOUBLE_EQ(v[Metric::kAsa], 10);
  EXPECT_DOUBLE_EQ(v[Metric::kMeanWait], 12);
  EXPECT_DOUBLE_EQ(v[Metric::kPWait], 0.45);
  EXPECT_DOUBLE_EQ(v[Metric::kOccupancy], 0.75);
  EXPECT_DOUBLE_EQ(v[Metric::kAht], 200);
  EXPECT_DOUBLE_EQ(v[Metric::kStaffedHours], 10);
}

TEST(MetricsTest, UndefinedRatiosAreNaN) {
  MetricValues v = ComputeMetrics(CallCounters{}, nullptr);
  EXPECT_EQ(v[Metric::kOffered], 0);
  EXPECT_TRUE(std::isnan(v[Metric::kAnswerRate]));
  EXPECT_TRUE(std::isnan(v[Metric::kAsa]));
  EXPECT_TRUE(std::isnan(v[Metric::kOccupancy]));
  EXPECT_TRUE(std::isnan(v[Metric::kStaffedHours]));
}

TEST(MetricsTest, StudentTQuantilesMatchPublishedTables) {
  // Two-sided 95% critical values, e.g. NIST/SEMATECH e-Handbook of
  // Statistical Methods, section 1.3.6.7.2 (critical values of the t
  // distribution), upper-tail 0.025 column.
  EXPECT_NEAR(StudentTQuantile(0.975, 1), 12.706, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 4), 2.776, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 9), 2.262, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 29), 2.045, 5e-4);
  EXPECT_NEAR(StudentTQuantile(0.975, 100), 1.984, 5e-4);
}

TEST(MetricsTest, SummaryIsMeanAndStudentHalfWidth) {
  const std::vector<double> x = {1, 2, 3, 4, 5};
  Estimate e = Summarize(x);
  EXPECT_EQ(e.n, 5);
  EXPECT_DOUBLE_EQ(e.mean, 3);
  // s = sqrt(2.5); half-width = t(0.975, 4) * s / sqrt(5).
  EXPECT_NEAR(e.ci95, 2.7764451 * std::sqrt(2.5) / std::sqrt(5.0), 1e-6);
}

TEST(MetricsTest, SummaryLeavesOutUndefinedValues) {
  const double nan = std::nan("");
  const std::vector<double> x = {nan, 10, nan, 14};
  Estimate e = Summarize(x);
  EXPECT_EQ(e.n, 2);
  EXPECT_DOUBLE_EQ(e.mean, 12);
  EXPECT_NEAR(e.ci95, 12.7062047 * std::sqrt(8.0) / std::sqrt(2.0), 1e-5);
  Estimate one = Summarize(std::vector<double>{7});
  EXPECT_EQ(one.mean, 7);
  EXPECT_TRUE(std::isnan(one.ci95));
  Estimate none = Summarize(std::vector<double>{nan});
  EXPECT_EQ(none.n, 0);
  EXPECT_TRUE(std::isnan(none.mean));
}

TEST(MetricsTest, RunningEstimateIsStableForLargeOffsets) {
  // Naive sum-of-squares would lose all digits here.
  RunningEstimate acc;
  for (double x : {1e9 + 1, 1e9 + 2, 1e9 + 3}) acc.Add(x);
  Estimate e = acc.Result();
  EXPECT_DOUBLE_EQ(e.mean, 1e9 + 2);
  EXPECT_NEAR(e.ci95, 4.3026527 * 1.0 / std::sqrt(3.0), 1e-6);
}

TEST(MetricsTest, ScopesReportTheirMetrics) {
  EXPECT_TRUE(MetricApplies(Scope::kTotal, Metric::kOccupancy));
  EXPECT_TRUE(MetricApplies(Scope::kInterval, Metric::kOccupancy));
  EXPECT_FALSE(MetricApplies(Scope::kCallType, Metric::kOccupancy));
  EXPECT_TRUE(MetricApplies(Scope::kCallType, Metric::kServiceLevel));
  EXPECT_TRUE(MetricApplies(Scope::kAgentGroup, Metric::kOccupancy));
  EXPECT_FALSE(MetricApplies(Scope::kAgentGroup, Metric::kServiceLevel));
  EXPECT_EQ(MetricName(Metric::kServiceLevelExclShort),
            "service_level_excl_short");
  EXPECT_EQ(MetricName(Metric::kAsa), "asa_s");
}

}  // namespace
}  // namespace ccsim
