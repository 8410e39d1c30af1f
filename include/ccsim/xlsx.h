// Excel workbooks (.xlsx) of runs, comparisons, staffing plans and sweeps,
// written with libxlsxwriter.
//
//   absl::StatusOr<ccsim::RunResult> r = ccsim::RunScenario(scenario, {});
//   ccsim::XlsxOptions options;
//   options.scenario_yaml = document.ToYaml();  // the "Scenario" sheet
//   absl::StatusOr<std::string> bytes =
//       ccsim::FormatXlsxReport(*r, scenario, options);
//
// Each function returns the bytes of a whole .xlsx file (a zip), to be
// written as any other output. libxlsxwriter writes only to a named file,
// so the workbook is built in a scratch file in `scratch_dir` (and its own
// temporary files there too), read back and removed.
//
// What a workbook holds (docs/excel.md has the details):
//  * "Summary": totals with 95% CI, the call flow per 100 calls, and each
//    call type and agent group;
//  * "Intervals" (and one "Group NAME" sheet per agent group): one row per
//    reported interval whose first columns are the interval's start as an
//    Excel date-time, date and time cell (numbers with a date format),
//    then each metric's mean and 95% half-width;
//  * "Charts": native Excel charts of offered and answered calls and of
//    the service level against its target, per interval;
//  * "Heatmap": the service level (and the answer rate) per date and
//    interval of the day, coloured by conditional formatting against the
//    target; intervals whose 95% CI lies wholly below it are bold and
//    marked with "*";
//  * "Scenario": the run's settings and, when given, every key of the
//    resolved scenario file with its value.
// Comparisons add base, variant, difference and CI per metric (in total and
// per interval, one sheet per variant); staffing plans the plan per
// interval and group and the goals it meets; sweeps their points with
// parameters and metrics. Rates and shares are stored as fractions with a
// percentage format; differences of rates are stored in percentage points
// (as in the text and HTML reports). Undefined values are empty cells.
//
// The bytes are a deterministic function of the inputs (the document's
// creation time is fixed at 2000-01-01). A sheet holds at most 1,048,576
// rows; more is an error.
#ifndef CCSIM_XLSX_H_
#define CCSIM_XLSX_H_

#include <span>
#include <string>

#include "absl/status/statusor.h"
#include "ccsim/compare.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing.h"

namespace ccsim {

struct XlsxOptions {
  // Metrics shown, as for the table (ccsim run --metrics).
  ReportOptions report;
  // The resolved scenario as YAML (ScenarioDocument::ToYaml()), listed key
  // by key on the "Scenario" sheet; empty: only the run's settings. For a
  // comparison, the base's.
  std::string scenario_yaml;
  // Where the scratch file goes; empty: the system's temporary folder.
  // Choose the output's folder, so that no other file system is needed.
  std::string scratch_dir;
};

// The workbook of one run of `scenario`.
absl::StatusOr<std::string> FormatXlsxReport(const RunResult& result,
                                             const Scenario& scenario,
                                             const XlsxOptions& options);

// The workbook of a comparison; `variants` as given to CompareScenarios.
absl::StatusOr<std::string> FormatXlsxComparison(
    const Comparison& comparison, const Scenario& base,
    std::span<const Scenario> variants, const XlsxOptions& options);

// The workbook of a staffing plan: the plan, what it achieves (the plan's
// simulation as in a run's workbook), every goal check and the schedule.
absl::StatusOr<std::string> FormatXlsxStaffing(const StaffingPlan& plan,
                                               const Scenario& scenario,
                                               const XlsxOptions& options);

// The workbook of a sweep database: its points with their parameters and
// total metrics (mean and CI), and the call flow, call type, agent group
// and interval summaries it holds, one sheet each.
absl::StatusOr<std::string> ExportSweepXlsx(const std::string& database,
                                            const XlsxOptions& options);

}  // namespace ccsim

#endif  // CCSIM_XLSX_H_
