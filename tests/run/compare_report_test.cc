// The comparison table as text: rates and their differences in percentage
// points (as in the HTML report), and the largest change per interval
// named only among intervals that are not negligible.
#include <string>

#include "ccsim/compare.h"
#include "ccsim/metrics.h"
#include "ccsim/report.h"
#include "gtest/gtest.h"

namespace ccsim {
namespace {

PairedEstimate Paired(double base, double variant, double ci) {
  PairedEstimate p;
  p.base = {.mean = base, .ci95 = 0.01, .n = 5};
  p.variant = {.mean = variant, .ci95 = 0.02, .n = 5};
  p.difference = {.mean = variant - base, .ci95 = ci, .n = 5};
  p.significant = std::abs(variant - base) > ci;
  return p;
}

// Three intervals; the third has 1 call offered in the base against 100 in
// the others, and the largest change of the service level.
Comparison ThreeIntervals() {
  Comparison c;
  c.seed = 1;
  c.replications = 5;
  c.base_label = "now";
  VariantComparison vc;
  vc.label = "plus one";
  for (PairedEstimate& p : vc.total) p = Paired(10, 10, 0);
  vc.total[static_cast<int>(Metric::kServiceLevel)] =
      Paired(0.8125, 0.85, 0.0052);
  vc.total[static_cast<int>(Metric::kAsa)] = Paired(22.63, 19.46, 0.26);
  const double offered[] = {100, 100, 1};
  const double sl[] = {0.05, 0.10, 0.50};
  for (int i = 0; i < 3; ++i) {
    IntervalComparison row;
    row.day = 1;
    row.start = i == 0 ? "00:00" : i == 1 ? "00:30" : "01:00";
    for (PairedEstimate& p : row.metrics) p = Paired(1, 1, 0);
    row.metrics[static_cast<int>(Metric::kOffered)] =
        Paired(offered[i], offered[i], 0);
    row.metrics[static_cast<int>(Metric::kServiceLevel)] =
        Paired(0.5, 0.5 + sl[i], 0.01);
    vc.intervals.push_back(row);
  }
  c.variants.push_back(vc);
  return c;
}

TEST(CompareTableTest, RateDifferencesAreInPercentagePoints) {
  const std::string table =
      FormatComparison(ThreeIntervals(), OutputFormat::kTable, ReportOptions());
  EXPECT_NE(table.find("  service_level                   81.25% ±1.00 pp"
                       "      85.00% ±2.00 pp         +3.75 ±0.52 pp *\n"),
            std::string::npos)
      << table;
  // Seconds stay seconds.
  EXPECT_NE(table.find("-3.17 ±0.26 *\n"), std::string::npos) << table;
  EXPECT_EQ(table.find("+3.75%"), std::string::npos) << table;
}

TEST(CompareTableTest, LargestChangeIgnoresNegligibleIntervals) {
  Comparison c = ThreeIntervals();
  std::string table =
      FormatComparison(c, OutputFormat::kTable, ReportOptions());
  EXPECT_NE(table.find("service_level: significantly higher in 3 and lower in "
                       "0 of 3 intervals; largest change +10.00 ±1.00 pp on "
                       "day 1 at 00:30\n"),
            std::string::npos)
      << table;
  // With as many calls as the others, the third interval is the largest.
  c.variants[0].intervals[2].metrics[static_cast<int>(Metric::kOffered)] =
      Paired(100, 100, 0);
  table = FormatComparison(c, OutputFormat::kTable, ReportOptions());
  EXPECT_NE(table.find("largest change +50.00 ±1.00 pp on day 1 at 01:00\n"),
            std::string::npos)
      << table;
}

}  // namespace
}  // namespace ccsim
