// The same scenario and seed give byte-identical results for any number of
// threads, and the summaries are consistent with the replications.
#include <string>

#include "ccsim/report.h"
#include "ccsim/run.h"
#include "gtest/gtest.h"
#include "tests/testing/scenarios.h"

namespace ccsim {
namespace {

Scenario SmallScenario() {
  testing::QueueParams p;
  p.patience_s = 300;
  p.horizon = Time::Days(2);
  p.replications = 6;
  return testing::MakeQueueScenario(p);
}

TEST(DeterminismTest, SameJsonForOneAndTwoThreads) {
  Scenario s = SmallScenario();
  RunOptions one;
  one.threads = 1;
  RunOptions two;
  two.threads = 2;
  absl::StatusOr<RunResult> a = RunScenario(s, one);
  absl::StatusOr<RunResult> b = RunScenario(s, two);
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string ja = FormatJson(*a, s), jb = FormatJson(*b, s);
  EXPECT_EQ(ja, jb);
  EXPECT_EQ(FormatCsv(*a, s), FormatCsv(*b, s));
  EXPECT_EQ(FormatTable(*a, s), FormatTable(*b, s));
  // Same seed, fresh run: identical again.
  absl::StatusOr<RunResult> c = RunScenario(s, two);
  EXPECT_EQ(FormatJson(*c, s), ja);
}

TEST(DeterminismTest, OtherSeedGivesOtherResults) {
  Scenario s = SmallScenario();
  RunOptions o;
  absl::StatusOr<RunResult> a = RunScenario(s, o);
  o.seed = 99;
  absl::StatusOr<RunResult> b = RunScenario(s, o);
  EXPECT_NE(FormatJson(*a, s), FormatJson(*b, s));
}

TEST(DeterminismTest, SummaryIsTheMeanOfTheReplications) {
  Scenario s = SmallScenario();
  RunOptions o;
  o.replications = 4;
  absl::StatusOr<RunResult> r = RunScenario(s, o);
  ASSERT_TRUE(r.ok());
  double sum = 0;
  for (int rep = 0; rep < 4; ++rep) {
    sum += RunReplication(s, s.seed, rep).total[Metric::kServiceLevel];
  }
  EXPECT_DOUBLE_EQ(r->total[static_cast<int>(Metric::kServiceLevel)].mean,
                   sum / 4);
  EXPECT_EQ(r->intervals.size(), static_cast<size_t>(2 * 48));
  EXPECT_EQ(r->intervals[0].day, 1);
  EXPECT_EQ(r->intervals[0].start, "02:00");  // warm-up is 2 h
  // Days change at midnight.
  EXPECT_EQ(r->intervals[43].day, 1);
  EXPECT_EQ(r->intervals[43].start, "23:30");
  EXPECT_EQ(r->intervals[44].day, 2);
  EXPECT_EQ(r->intervals[44].start, "00:00");
}

}  // namespace
}  // namespace ccsim
