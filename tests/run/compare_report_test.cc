// The comparison table as text: rates and their differences in percentage
// points (as in the HTML report), and the largest rise and fall per interval
// named only among intervals that are not negligible; the JSON and CSV's
// dates, n and per-replication values.
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
// the others, and the largest rise of the service level.
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

TEST(CompareTableTest, LargestRiseAndFallIgnoreNegligibleIntervals) {
  Comparison c = ThreeIntervals();
  std::string table =
      FormatComparison(c, OutputFormat::kTable, ReportOptions());
  EXPECT_NE(table.find("service_level: significantly higher in 3 and lower in "
                       "0 of 3 intervals; largest rise +10.00 ±1.00 pp on "
                       "day 1 at 00:30\n"),
            std::string::npos)
      << table;
  // With as many calls as the others, the third interval is the largest.
  c.variants[0].intervals[2].metrics[static_cast<int>(Metric::kOffered)] =
      Paired(100, 100, 0);
  table = FormatComparison(c, OutputFormat::kTable, ReportOptions());
  EXPECT_NE(table.find("largest rise +50.00 ±1.00 pp on day 1 at 01:00\n"),
            std::string::npos)
      << table;
  // A significant fall is named beside the largest rise, and counted.
  c.variants[0].intervals[0].metrics[static_cast<int>(Metric::kServiceLevel)] =
      Paired(0.5, 0.45, 0.01);
  table = FormatComparison(c, OutputFormat::kTable, ReportOptions());
  EXPECT_NE(table.find("higher in 2 and lower in 1 of 3 intervals; largest "
                       "rise +50.00 ±1.00 pp on day 1 at 01:00; largest fall "
                       "-5.00 ±1.00 pp on day 1 at 00:00\n"),
            std::string::npos)
      << table;
}

// Issue 14: each interval's date, each estimate's n, and with
// per_replication the replications' totals of base and variant.
TEST(CompareFormatTest, DatesNAndPerReplication) {
  Comparison c = ThreeIntervals();
  c.start_date = {.year = 2026, .month = 2, .day = 28};
  c.variants[0].intervals[2].day = 2;
  c.base.per_replication.resize(2);
  c.variant_results.resize(1);
  c.variant_results[0].per_replication.resize(2);
  for (int k = 0; k < 2; ++k) {
    c.base.per_replication[k].total[Metric::kOffered] = 10 + k;
    c.variant_results[0].per_replication[k].total[Metric::kOffered] = 12 + k;
  }
  ReportOptions options;
  options.metrics = *ParseMetricList("offered");
  const std::string json = FormatComparison(c, OutputFormat::kJson, options);
  EXPECT_NE(json.find("\n{\"day\": 2, \"date\": \"2026-03-01\", \"start\": "
                      "\"01:00\", \"metrics\": {\"offered\": {\"base\": "
                      "{\"mean\": 1, \"ci95\": 0.01, \"n\": 5}, "),
            std::string::npos)
      << json;
  EXPECT_EQ(json.find("per_replication"), std::string::npos);
  const std::string csv = FormatComparison(c, OutputFormat::kCsv, options);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "variant,scope,day,start,metric,base_mean,base_ci95,variant_mean,"
            "variant_ci95,difference_mean,difference_ci95,significant,base_n,"
            "variant_n,difference_n,date");
  EXPECT_NE(csv.find("\nplus one,interval,1,00:30,offered,100,0.01,100,0.02,"
                     "0,0,0,5,5,5,2026-02-28\n"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("\nplus one,total,,,offered,10,0.01,10,0.02,0,0,0,5,5,"
                     "5,\n"),
            std::string::npos)
      << csv;

  options.per_replication = true;
  EXPECT_NE(FormatComparison(c, OutputFormat::kJson, options)
                .find("],\n\"per_replication\": [\n"
                      "{\"replication\": 1, \"base\": {\"offered\": 10}, "
                      "\"variant\": {\"offered\": 12}, \"difference\": "
                      "{\"offered\": 2}},\n"
                      "{\"replication\": 2, \"base\": {\"offered\": 11}, "
                      "\"variant\": {\"offered\": 13}, \"difference\": "
                      "{\"offered\": 2}}]}]}\n"),
            std::string::npos)
      << FormatComparison(c, OutputFormat::kJson, options);
  const std::string rows = FormatComparison(c, OutputFormat::kCsv, options);
  EXPECT_TRUE(
      rows.ends_with("\nplus one,replication,1,,offered,10,,12,,2,,,,,,\n"
                     "plus one,replication,2,,offered,11,,13,,2,,,,,,\n"))
      << rows;

  // The old shape.
  options.analyst_fields = false;
  options.per_replication = false;
  const std::string old = FormatComparison(c, OutputFormat::kCsv, options);
  EXPECT_EQ(old.substr(0, old.find('\n')),
            "variant,scope,day,start,metric,base_mean,base_ci95,variant_mean,"
            "variant_ci95,difference_mean,difference_ci95,significant");
  EXPECT_EQ(FormatComparison(c, OutputFormat::kJson, options).find("\"n\""),
            std::string::npos);
}

}  // namespace
}  // namespace ccsim
