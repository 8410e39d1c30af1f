// ccsim compare: paired differences with common random numbers.
#include "ccsim/compare.h"

#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/command.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

using ::ccsim::testing::Contains;
using ::ccsim::testing::MakeQueueScenario;
using ::ccsim::testing::QueueParams;
using ::ccsim::testing::ReadFile;
using ::ccsim::testing::RunCcsim;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(ComparePaired, WorkedExample) {
  // Differences 1, 2, 3: mean 2, sd 1, half-width t(0.975, 2) / sqrt(3)
  // = 4.302653 / 1.732051 = 2.484138, which includes zero.
  const std::vector<double> base = {1, 2, 3};
  const std::vector<double> variant = {2, 4, 6};
  PairedEstimate p = ComparePaired(base, variant);
  EXPECT_DOUBLE_EQ(p.base.mean, 2);
  EXPECT_DOUBLE_EQ(p.variant.mean, 4);
  EXPECT_DOUBLE_EQ(p.difference.mean, 2);
  EXPECT_NEAR(p.difference.ci95, 2.484138, 1e-5);
  EXPECT_FALSE(p.significant);

  // Differences 2, 2.1, 1.9: mean 2, sd 0.1, half-width 0.248414.
  p = ComparePaired(std::vector<double>{1, 2, 3},
                    std::vector<double>{3, 4.1, 4.9});
  EXPECT_NEAR(p.difference.ci95, 0.248414, 1e-5);
  EXPECT_TRUE(p.significant);
}

TEST(ComparePaired, UndefinedValuesDropTheirPair) {
  // The second replication has no value in the base: its pair is left out
  // of the difference (1 and 3 remain) but the variant keeps its value.
  PairedEstimate p = ComparePaired(std::vector<double>{1, kNaN, 3},
                                   std::vector<double>{2, 5, 4});
  EXPECT_EQ(p.difference.n, 2);
  EXPECT_DOUBLE_EQ(p.difference.mean, 1);
  EXPECT_DOUBLE_EQ(p.difference.ci95, 0);
  // The same difference in every replication excludes zero.
  EXPECT_TRUE(p.significant);
  EXPECT_EQ(p.variant.n, 3);
  EXPECT_EQ(p.base.n, 2);
}

QueueParams SmallQueue() {
  QueueParams p;
  p.calls_per_interval = 100;
  p.aht_s = 180;
  p.agents = 14;
  p.patience_s = 300;
  p.horizon = Time::Days(2);
  p.replications = 20;
  p.seed = 11;
  return p;
}

TEST(CompareScenarios, AScenarioAgainstItselfDiffersByExactlyNothing) {
  const Scenario s = MakeQueueScenario(SmallQueue());
  absl::StatusOr<Comparison> c =
      CompareScenarios(s, std::vector<Scenario>{s}, CompareOptions());
  ASSERT_TRUE(c.ok()) << c.status();
  for (int m = 0; m < kNumMetrics; ++m) {
    const PairedEstimate& p = c->variants[0].total[m];
    if (p.difference.n == 0) continue;
    EXPECT_EQ(p.difference.mean, 0) << kMetricNames[m];
    EXPECT_EQ(p.difference.ci95, 0) << kMetricNames[m];
    EXPECT_FALSE(p.significant) << kMetricNames[m];
  }
  EXPECT_EQ(c->variants[0].intervals.size(), c->base.intervals.size());
}

// Common random numbers at work: one more agent is a small change, and the
// paired difference estimates it far more sharply than two runs with
// independent seeds do.
TEST(CompareScenarios, CommonRandomNumbersSharpenTheDifference) {
  QueueParams p = SmallQueue();
  const Scenario base = MakeQueueScenario(p);
  p.agents = 15;
  const Scenario more = MakeQueueScenario(p);
  absl::StatusOr<Comparison> c =
      CompareScenarios(base, std::vector<Scenario>{more}, CompareOptions());
  ASSERT_TRUE(c.ok()) << c.status();

  // Independent seeds: the variant run on its own seed; the two-sample
  // half-width of the difference is about sqrt(h_base^2 + h_variant^2).
  RunOptions other_seed;
  other_seed.seed = 12345;
  absl::StatusOr<RunResult> independent = RunScenario(more, other_seed);
  ASSERT_TRUE(independent.ok());

  for (Metric m :
       {Metric::kServiceLevel, Metric::kMeanWait, Metric::kAbandonRate}) {
    SCOPED_TRACE(MetricName(m));
    const int i = static_cast<int>(m);
    const PairedEstimate& paired = c->variants[0].total[i];
    const double h_independent =
        std::hypot(c->base.total[i].ci95, independent->total[i].ci95);
    EXPECT_LT(paired.difference.ci95, 0.5 * h_independent)
        << "paired " << paired.difference.ci95 << " vs independent "
        << h_independent;
    EXPECT_TRUE(paired.significant);
  }
  // And in the right direction.
  EXPECT_GT(c->variants[0]
                .total[static_cast<int>(Metric::kServiceLevel)]
                .difference.mean,
            0);
  EXPECT_LT(
      c->variants[0].total[static_cast<int>(Metric::kMeanWait)].difference.mean,
      0);
  // Offered calls do not depend on staffing: identical arrivals.
  EXPECT_EQ(
      c->variants[0].total[static_cast<int>(Metric::kOffered)].difference.mean,
      0);
  EXPECT_EQ(
      c->variants[0].total[static_cast<int>(Metric::kOffered)].difference.ci95,
      0);
}

TEST(CompareScenarios, ResultsDoNotDependOnThreads) {
  QueueParams p = SmallQueue();
  p.replications = 4;
  const Scenario base = MakeQueueScenario(p);
  p.agents = 13;
  const std::vector<Scenario> variants = {MakeQueueScenario(p)};
  CompareOptions one;
  one.threads = 1;
  CompareOptions two;
  two.threads = 2;
  int calls = 0;
  two.on_progress = [&](int done, int total) {
    ++calls;
    EXPECT_LE(done, total);
    EXPECT_EQ(total, 8);
  };
  const std::string a = FormatComparison(*CompareScenarios(base, variants, one),
                                         OutputFormat::kJson, ReportOptions());
  const std::string b = FormatComparison(*CompareScenarios(base, variants, two),
                                         OutputFormat::kJson, ReportOptions());
  EXPECT_TRUE(a == b);
  EXPECT_EQ(calls, 8);
}

TEST(CompareScenarios, DifferentIntervalGridsSkipTheIntervals) {
  QueueParams p = SmallQueue();
  p.replications = 3;
  const Scenario base = MakeQueueScenario(p);
  p.horizon = Time::Days(3);
  absl::StatusOr<Comparison> c = CompareScenarios(
      base, std::vector<Scenario>{MakeQueueScenario(p)}, CompareOptions());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->variants[0].intervals.empty());
  EXPECT_TRUE(
      Contains(FormatComparison(*c, OutputFormat::kTable, ReportOptions()),
               "per interval: not compared"));
}

// Scenarios without a call type in common have no callers in common: the
// table says so instead of implying that pairing sharpened anything.
TEST(CompareScenarios, UnrelatedScenariosAreNamedSo) {
  QueueParams p = SmallQueue();
  p.replications = 3;
  const Scenario base = MakeQueueScenario(p);
  Scenario other = MakeQueueScenario(p);
  other.call_types[0].name = "billing";
  Scenario wider = MakeQueueScenario(p);
  wider.call_types.push_back(wider.call_types[0]);
  wider.call_types[1].name = "fault";
  absl::StatusOr<Comparison> c = CompareScenarios(
      base, std::vector<Scenario>{base, other, wider}, CompareOptions());
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->variants[0].shared_call_types, 1);
  EXPECT_EQ(c->variants[1].shared_call_types, 0);
  EXPECT_EQ(c->variants[2].shared_call_types, 1);
  EXPECT_EQ(c->variants[2].variant_call_types, 2);
  const std::string table =
      FormatComparison(*c, OutputFormat::kTable, ReportOptions());
  // Only the second variant shares no call type.
  const size_t at =
      table.find("share no call type, so their callers are not the same");
  ASSERT_NE(at, std::string::npos) << table;
  EXPECT_EQ(table.find("share no call type", at + 1), std::string::npos);
  EXPECT_TRUE(Contains(table,
                       "note: 1 of the base's 1 call types are in the variant "
                       "(which has 2)"))
      << table;
}

// With no call type in common at all, the banner does not claim common
// random numbers (only a variant that shares one keeps it).
TEST(CompareScenarios, UnrelatedScenariosGetNoCommonRandomNumbersBanner) {
  QueueParams p = SmallQueue();
  p.replications = 2;
  const Scenario base = MakeQueueScenario(p);
  Scenario other = MakeQueueScenario(p);
  other.call_types[0].name = "billing";
  absl::StatusOr<Comparison> c =
      CompareScenarios(base, std::vector<Scenario>{other}, CompareOptions());
  ASSERT_TRUE(c.ok()) << c.status();
  const std::string table =
      FormatComparison(*c, OutputFormat::kTable, ReportOptions());
  const std::string banner = table.substr(0, table.find('\n'));
  EXPECT_TRUE(Contains(banner,
                       "2 replications each, no call type in common: "
                       "no caller is the same, so pairing is "
                       "meaningless"))
      << banner;
  EXPECT_FALSE(Contains(table, "common random numbers")) << table;
  absl::StatusOr<Comparison> related = CompareScenarios(
      base, std::vector<Scenario>{other, base}, CompareOptions());
  ASSERT_TRUE(related.ok());
  EXPECT_TRUE(Contains(
      FormatComparison(*related, OutputFormat::kTable, ReportOptions()),
      "2 replications each, common random numbers\n"));
}

// Pairing keeps every replication's per-interval values of two scenarios:
// a long horizon of short intervals with many replications is refused
// before anything runs, with the figure and the remedy.
TEST(CompareScenarios, TooManyKeptReplicationsAreRefusedUpFront) {
  QueueParams p = SmallQueue();
  p.interval = Time::Minutes(15);
  p.horizon = Time::Days(1000);
  p.warmup = Time::Zero();
  p.replications = 300;
  const Scenario base = MakeQueueScenario(p);
  absl::StatusOr<Comparison> c =
      CompareScenarios(base, std::vector<Scenario>{base}, CompareOptions());
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(Contains(std::string(c.status().message()),
                       "compare keeps 600 replications' per-interval values "
                       "at once (96000 intervals of 15m, 1 agent group): "
                       "more than 16 GiB"))
      << c.status();
  // Two replications fit.
  EXPECT_TRUE(CheckKeptReplications(base, 4, "compare").ok());
}

TEST(CompareCli, TableJsonCsvAndReport) {
  const std::string dir = ::testing::TempDir();
  const std::string variant = dir + "/compare-variant.yaml";
  testing::WriteFile(variant, "extends: " CCSIM_SOURCE_DIR
                              "/scenarios/erlang-a.yaml\n"
                              "name: more-agents\nhorizon: 2d\n"
                              "agents:\n  - name: team\n    skills: [general]\n"
                              "    staffing: {constant: 15}\n");
  const std::string base = dir + "/compare-base.yaml";
  testing::WriteFile(base, "extends: " CCSIM_SOURCE_DIR
                           "/scenarios/erlang-a.yaml\n"
                           "horizon: 2d\n");
  const std::string args = "compare '" + base + "' '" + variant + "' -r 4 ";

  testing::Outcome table = RunCcsim(args, "2>/dev/null");
  ASSERT_EQ(table.status, 0) << table.out;
  EXPECT_TRUE(Contains(table.out, "more-agents vs erlang-a-demo"));
  EXPECT_TRUE(Contains(table.out, "service_level"));

  testing::Outcome json =
      RunCcsim(args + "-f json -m service_level,calls", "2>/dev/null");
  ASSERT_EQ(json.status, 0);
  EXPECT_TRUE(json.out.starts_with(
      "{\"base\": \"erlang-a-demo\", \"seed\": 1, \"replications\": 4,"));
  EXPECT_TRUE(Contains(json.out, "\"label\": \"more-agents\""));
  EXPECT_TRUE(Contains(json.out, "\"service_level\": {\"base\": {\"mean\":"));
  EXPECT_TRUE(Contains(json.out, "\"significant\": true"));
  EXPECT_FALSE(Contains(json.out, "\"occupancy\""));

  testing::Outcome csv =
      RunCcsim(args + "-f csv -m service_level", "2>/dev/null");
  ASSERT_EQ(csv.status, 0);
  EXPECT_TRUE(csv.out.starts_with(
      "variant,scope,day,start,metric,base_mean,base_ci95,variant_mean,"
      "variant_ci95,difference_mean,difference_ci95,significant,base_n,"
      "variant_n,difference_n,date\n"
      "more-agents,total,,,service_level,"));
  EXPECT_TRUE(Contains(csv.out, ",4,4,4,2024-01-02\n"));  // n and date
  EXPECT_TRUE(Contains(csv.out, "more-agents,interval,1,00:00,service_level,"));
  // 1 total row and 2 days x 48 intervals, plus the header.
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 1 + 1 + 96);

  testing::Outcome reps = RunCcsim(
      args + "-f csv -m offered --per-replication --quiet", "2>/dev/null");
  ASSERT_EQ(reps.status, 0) << reps.out;
  EXPECT_TRUE(Contains(reps.out, "\nmore-agents,replication,4,,offered,"))
      << reps.out.substr(reps.out.size() - 300);
  EXPECT_EQ(RunCcsim(args + "--per-replication").status, 2);

  // --scopes: only the totals (1 row and the header), or only the
  // intervals (in JSON the variant's label is followed by its intervals,
  // not by the totals' "metrics"); a scope a comparison does not have is
  // refused.
  testing::Outcome totals =
      RunCcsim(args + "-f csv -m service_level --scopes total", "2>/dev/null");
  ASSERT_EQ(totals.status, 0) << totals.out;
  EXPECT_EQ(std::count(totals.out.begin(), totals.out.end(), '\n'), 2);
  testing::Outcome only_intervals = RunCcsim(
      args + "-f json -m service_level --scopes interval", "2>/dev/null");
  ASSERT_EQ(only_intervals.status, 0) << only_intervals.out;
  EXPECT_TRUE(Contains(only_intervals.out,
                       "\"label\": \"more-agents\",\n\"intervals\": [\n{"));
  const testing::Outcome wrong =
      RunCcsim(args + "-f csv --scopes total,call_type", "2>&1");
  EXPECT_EQ(wrong.status, 2);
  EXPECT_TRUE(Contains(wrong.out, "'call_type' is not one of them"))
      << wrong.out;
  EXPECT_EQ(RunCcsim(args + "-f csv --scopes totals", "2>/dev/null").status, 2);

  const std::string report = dir + "/compare-report.html";
  std::filesystem::remove(report);
  testing::Outcome html =
      RunCcsim(args + "--quiet --report '" + report + "'", "2>/dev/null");
  ASSERT_EQ(html.status, 0);
  EXPECT_TRUE(ReadFile(report).starts_with("<!DOCTYPE html>"));
}

TEST(CompareCli, BadInputFailsBeforeRunning) {
  testing::Outcome one = RunCcsim("compare scenarios/erlang-a.yaml");
  EXPECT_EQ(one.status, 2);
  EXPECT_TRUE(Contains(one.out,
                       "expected a BASE scenario and at least one "
                       "VARIANT"));
  testing::Outcome missing =
      RunCcsim("compare scenarios/erlang-a.yaml scenarios/nothing.yaml");
  EXPECT_EQ(missing.status, 1);
  EXPECT_TRUE(
      Contains(missing.out, "scenarios/nothing.yaml: cannot read file"));
}

}  // namespace
}  // namespace ccsim
