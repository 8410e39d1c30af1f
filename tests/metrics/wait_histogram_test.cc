// WaitHistogram: bins, percentiles against values worked by hand and
// against sorted raw waits, and merging (per-interval counters added up
// give the total scope's percentiles).
#include "ccsim/wait_histogram.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "ccsim/metrics.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

TEST(WaitHistogramTest, BinsAreFineAtShortWaitsAndCoarserLater) {
  EXPECT_EQ(WaitHistogram::BinOf(0), 0);
  EXPECT_EQ(WaitHistogram::BinOf(1e-6), 1);
  EXPECT_EQ(WaitHistogram::BinOf(0.999), 1);
  EXPECT_EQ(WaitHistogram::BinOf(1), 2);
  EXPECT_EQ(WaitHistogram::BinOf(29.5), 30);
  EXPECT_EQ(WaitHistogram::BinOf(30), 31);
  EXPECT_EQ(WaitHistogram::BinOf(31.9), 31);
  EXPECT_EQ(WaitHistogram::BinOf(32), 32);
  EXPECT_EQ(WaitHistogram::BinOf(59.99), 45);
  EXPECT_EQ(WaitHistogram::BinOf(60), 46);
  EXPECT_EQ(WaitHistogram::BinOf(119), 51);
  EXPECT_EQ(WaitHistogram::BinOf(120), 52);
  EXPECT_EQ(WaitHistogram::BinOf(3599), 62);
  EXPECT_EQ(WaitHistogram::BinOf(3600), 63);
  EXPECT_EQ(WaitHistogram::BinOf(1e9), 63);
  EXPECT_EQ(WaitHistogram::LowerEdge(62), 2700);
  EXPECT_EQ(WaitHistogram::UpperEdge(62), 3600);
  // Every bin is wider than the one before or as wide, from bin 1 on.
  for (int b = 2; b < WaitHistogram::kBins - 1; ++b) {
    const double w = WaitHistogram::UpperEdge(b) - WaitHistogram::LowerEdge(b);
    EXPECT_GE(w,
              WaitHistogram::UpperEdge(b - 1) - WaitHistogram::LowerEdge(b - 1))
        << b;
  }
  EXPECT_LE(sizeof(WaitHistogram), 256u);
}

TEST(WaitHistogramTest, PercentilesInterpolateInsideTheirBin) {
  WaitHistogram h;
  EXPECT_TRUE(std::isnan(h.Percentile(0.5)));
  // 6 calls answered at once, 4 in [10 s, 11 s).
  for (int i = 0; i < 6; ++i) h.Record(0);
  for (int i = 0; i < 4; ++i) h.Record(10.5);
  EXPECT_EQ(h.Count(), 10u);
  EXPECT_EQ(h.Percentile(0.5), 0);  // 5 of 10 waited 0
  EXPECT_EQ(h.Percentile(0.6), 0);  // exactly 6 of 10
  // 0.8: 2 of the 4 in [10, 11): half way.
  EXPECT_DOUBLE_EQ(h.Percentile(0.8), 10.5);
  EXPECT_DOUBLE_EQ(h.Percentile(0.95), 10.875);
  // An hour or more is reported as 3600 s.
  WaitHistogram long_waits;
  long_waits.Record(5000);
  EXPECT_EQ(long_waits.Percentile(0.5), 3600);
}

TEST(WaitHistogramTest, AgreesWithSortedWaitsWithinTheBinWidth) {
  std::mt19937_64 gen(7);
  std::exponential_distribution<double> wait(1.0 / 40);
  std::vector<double> raw;
  WaitHistogram h;
  for (int i = 0; i < 20000; ++i) {
    const double w = i % 3 == 0 ? 0.0 : wait(gen);
    raw.push_back(w);
    h.Record(w);
  }
  std::sort(raw.begin(), raw.end());
  for (double p : {0.5, 0.8, 0.9, 0.95}) {
    const double exact =
        raw[static_cast<size_t>(std::ceil(p * raw.size())) - 1];
    const int b = WaitHistogram::BinOf(exact);
    const double width =
        WaitHistogram::UpperEdge(b) - WaitHistogram::LowerEdge(b);
    EXPECT_NEAR(h.Percentile(p), exact, width) << p;
  }
}

TEST(WaitHistogramTest, MergedIntervalsGiveTheTotalsPercentiles) {
  std::mt19937_64 gen(11);
  std::exponential_distribution<double> wait(1.0 / 25);
  std::vector<CallCounters> intervals(48);
  CallCounters direct;  // every call recorded in one scope
  for (int i = 0; i < 48; ++i) {
    for (int k = 0; k < 50 + i * 7; ++k) {
      const double w = k % 4 == 0 ? 0.0 : wait(gen) * (1 + i % 5);
      for (CallCounters* c : {&intervals[i], &direct}) {
        ++c->offered;
        ++c->answered;
        c->waits.Record(w);
      }
    }
  }
  CallCounters merged;
  for (const CallCounters& c : intervals) merged.Add(c);
  for (int b = 0; b < WaitHistogram::kBins; ++b) {
    ASSERT_EQ(merged.waits.count(b), direct.waits.count(b)) << b;
  }
  const MetricValues m = ComputeMetrics(merged, nullptr);
  const MetricValues d = ComputeMetrics(direct, nullptr);
  for (Metric k : {Metric::kWaitP50, Metric::kWaitP80, Metric::kWaitP90,
                   Metric::kWaitP95}) {
    EXPECT_EQ(m[k], d[k]) << MetricName(k);
    EXPECT_GT(m[k], 0) << MetricName(k);
  }
  EXPECT_LT(m[Metric::kWaitP50], m[Metric::kWaitP95]);
}

TEST(WaitHistogramTest, MergingSaturatesInsteadOfWrapping) {
  WaitHistogram a;
  a.Record(3);
  WaitHistogram big;
  for (int i = 0; i < 33; ++i) big.Add(big.Count() == 0 ? a : big);
  // 2^32 doublings would wrap; the count stops at 2^32 - 1.
  EXPECT_EQ(big.count(WaitHistogram::BinOf(3)), UINT32_MAX);
}

TEST(WaitHistogramTest, SecondServiceLevelIsAShareOfOffered) {
  CallCounters c;
  c.offered = 200;
  c.answered = 180;
  c.answered_within = 150;
  c.answered_within_2 = 170;
  const MetricValues v = ComputeMetrics(c, nullptr);
  EXPECT_DOUBLE_EQ(v[Metric::kServiceLevel2], 0.85);
  EXPECT_TRUE(std::isnan(v[Metric::kWaitP50]));  // nothing recorded
  EXPECT_EQ(MetricName(Metric::kServiceLevel2), "service_level_2");
  EXPECT_EQ(MetricName(Metric::kWaitP95), "wait_p95_s");
  EXPECT_TRUE(MetricApplies(Scope::kCallType, Metric::kWaitP90));
  EXPECT_TRUE(MetricApplies(Scope::kInterval, Metric::kServiceLevel2));
  EXPECT_FALSE(MetricApplies(Scope::kAgentGroup, Metric::kWaitP50));
}

}  // namespace
}  // namespace ccsim
