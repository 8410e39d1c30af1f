// ccsim compare: a base scenario and variants, with common random numbers.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "boost/program_options.hpp"
#include "ccsim/compare.h"
#include "ccsim/html_report.h"
#include "ccsim/report.h"
#include "ccsim/scenario_document.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/status_macros.h"
#include "ccsim/xlsx.h"
#include "cli.h"
#include "commands.h"
#include "fmt/format.h"
#include "output_file.h"
#include "progress.h"

namespace po = boost::program_options;

namespace ccsim::tools {

int CompareCommand(int argc, char** argv) {
  po::options_description visible("options");
  std::string format_name = "table";
  std::string output;
  std::string report_path;
  std::string xlsx_path;
  std::string metrics_list;
  std::string scopes_list;
  int replications = 0;
  std::string seed_text;
  int threads = 0;
  bool quiet = false;
  bool per_replication = false;
  bool legacy_shape = false;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("replications,r", po::value<int>(&replications),
       "replications of every scenario (default: the base scenario's)")
      ("seed,s", po::value<std::string>(&seed_text),
       "seed of every scenario (default: the base scenario's)")
      ("threads,t", po::value<int>(&threads)->default_value(0),
       "worker threads; 0 = one per core (results do not depend on it)")
      ("format,f", po::value<std::string>(&format_name)->default_value("table"),
       "output format: table, json or csv")
      ("output,o", po::value<std::string>(&output),
       "write to this file instead of standard output (whole or not at all)")
      ("metrics,m", po::value<std::string>(&metrics_list),
       "compare only these metrics: comma-separated keys (default: all; see "
       "docs/metrics.md)")
      ("scopes", po::value<std::string>(&scopes_list),
       "write only these scopes to JSON and CSV: comma-separated, of total, "
       "call_flow, interval (default: all)")
      ("per-replication", po::bool_switch(&per_replication),
       "also write each replication's totals of base and variant and their "
       "difference: JSON \"per_replication\", CSV rows of scope "
       "'replication' (json and csv only)")
      ("legacy-shape", po::bool_switch(&legacy_shape),
       "JSON and CSV without the interval dates and the n columns: the shape "
       "of earlier releases")
      ("report", po::value<std::string>(&report_path),
       "also write a self-contained HTML report with charts to this file")
      ("xlsx", po::value<std::string>(&xlsx_path),
       "also write an Excel workbook (base, variant, difference and CI per "
       "metric, in total and per interval, charts, heatmaps) to this file "
       "(see docs/excel.md)")
      ("quiet,q", po::bool_switch(&quiet),
       "no progress bar (it is drawn only when standard error is a terminal)");
  // clang-format on
  po::options_description hidden;
  std::vector<std::string> paths;
  hidden.add_options()("scenario", po::value<std::vector<std::string>>(&paths));
  po::positional_options_description positional;
  positional.add("scenario", -1);
  const CommandSpec spec{
      .name = "compare",
      .usage =
          "usage: ccsim compare BASE VARIANT... [options]\n\n"
          "Runs the base scenario and each variant with the same seed and\n"
          "replications, so that they share their random numbers (common\n"
          "random numbers), and reports for each metric the base, the "
          "variant\nand their difference with the 95% confidence interval "
          "of the paired\nreplications, in total, per interval and for the "
          "call flow. A `*`\nmarks a difference whose interval excludes "
          "zero. See\ndocs/case-studies.md for worked examples.\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (paths.size() < 2) {
    return Fail("compare",
                "expected a BASE scenario and at least one VARIANT (see "
                "'ccsim compare --help')",
                kExitUsageError);
  }
  OutputFormat format;
  if (std::optional<int> bad =
          FormatAndThreadsOptions("compare", format_name, threads, &format)) {
    return *bad;
  }
  if (std::optional<int> bad =
          CheckOutputs("compare", {output, report_path, xlsx_path}, paths)) {
    return *bad;
  }
  if (std::optional<int> bad =
          DistinctOutputs("compare", {output, report_path, xlsx_path})) {
    return *bad;
  }
  if (std::optional<int> bad =
          NotStandardOutput("compare", "--xlsx", xlsx_path)) {
    return *bad;
  }
  ReportOptions report;
  if (vm.count("metrics")) {
    absl::StatusOr<MetricSet> metrics = ParseMetricList(metrics_list);
    if (!metrics.ok()) {
      return Fail("compare",
                  fmt::format("--metrics: {}", MessageOf(metrics.status())),
                  kExitUsageError);
    }
    report.metrics = *metrics;
  }
  if (vm.count("scopes")) {
    absl::StatusOr<SweepScopes> scopes = ParseScopeList(scopes_list);
    if (!scopes.ok()) {
      return Fail("compare",
                  fmt::format("--scopes: {}", MessageOf(scopes.status())),
                  kExitUsageError);
    }
    for (SweepScope absent : {SweepScope::kCallType, SweepScope::kAgentGroup}) {
      if (scopes->test(static_cast<int>(absent))) {
        return Fail(
            "compare",
            fmt::format("--scopes: a comparison has the scopes total, "
                        "call_flow and interval; '{}' is not one of them",
                        kSweepScopeNames[static_cast<int>(absent)]),
            kExitUsageError);
      }
    }
    report.scopes = *scopes;
  }
  CompareOptions options;
  options.threads = threads;
  if (per_replication && format == OutputFormat::kTable) {
    return Fail("compare", "--per-replication needs --format json or csv",
                kExitUsageError);
  }
  options.keep_replication_totals = per_replication;
  report.per_replication = per_replication;
  report.analyst_fields = !legacy_shape;
  if (std::optional<int> bad =
          ReplicationsAndSeedOptions("compare", vm, replications, seed_text, 1,
                                     &options.replications, &options.seed)) {
    return *bad;
  }

  // Every file is checked before anything runs.
  std::vector<Scenario> scenarios;
  std::string base_yaml;  // for the workbook's "Scenario" sheet
  bool bad = false;
  for (const std::string& path : paths) {
    absl::StatusOr<ScenarioDocument> document = ScenarioDocument::Load(path);
    absl::StatusOr<Scenario> s =
        document.ok() ? document->ToScenario()
                      : absl::StatusOr<Scenario>(document.status());
    if (s.ok() && !xlsx_path.empty() && scenarios.empty()) {
      base_yaml = document->ToYaml();
    }
    if (!s.ok()) {
      std::cerr << s.status().message() << "\n";
      bad = true;
      continue;
    }
    for (const std::string& w : ScenarioWarnings(*s)) {
      std::cerr << fmt::format("ccsim compare: warning: {}: {}\n", path, w);
    }
    scenarios.push_back(*std::move(s));
  }
  if (bad) return kExitFailure;
  if (!vm.count("metrics")) {
    report.metrics.reset();
    for (const Scenario& s : scenarios) report.metrics |= DefaultMetrics(s);
  }
  // Scenario names label the results, unless two are the same.
  for (size_t i = 0; i < scenarios.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (scenarios[i].name == scenarios[j].name) options.labels = paths;
    }
  }

  ProgressBar progress("compare", "replications", !quiet);
  options.on_progress = [&](int done, int total) {
    progress.Update(done, total);
  };
  // Simulated time, so that the bar moves within long replications.
  std::atomic<int64_t> simulated{0};
  if (progress.active()) {
    options.simulated = &simulated;
    const int64_t runs =
        static_cast<int64_t>(scenarios.size()) *
        options.replications.value_or(scenarios[0].replications);
    progress.Update(0, runs);
    progress.Watch(&simulated, runs * kSimulatedPerReplication);
  }
  const auto started = std::chrono::steady_clock::now();
  const Scenario& base = scenarios[0];
  absl::StatusOr<Comparison> comparison = CompareScenarios(
      base, std::span<const Scenario>(scenarios).subspan(1), options);
  progress.Finish();
  if (!comparison.ok()) {
    return Fail("compare", MessageOf(comparison.status()));
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  // All outputs or none; --scopes and --per-replication are for the JSON
  // and CSV only.
  ReportOptions whole = report;
  whole.scopes.set();
  whole.per_replication = false;
  std::vector<std::pair<std::string, std::string>> outputs;
  if (!report_path.empty()) {
    outputs.push_back(
        {report_path,
         FormatHtmlComparison(*comparison, base,
                              std::span<const Scenario>(scenarios).subspan(1),
                              whole)});
  }
  if (!xlsx_path.empty()) {
    if (std::optional<int> bad =
            AddOutput("compare", xlsx_path,
                      FormatXlsxComparison(
                          *comparison, base,
                          std::span<const Scenario>(scenarios).subspan(1),
                          {.report = whole,
                           .scenario_yaml = base_yaml,
                           .scratch_dir = ScratchFolder(xlsx_path)}),
                      outputs)) {
      return *bad;
    }
  }
  outputs.push_back({output, FormatComparison(*comparison, format, report)});
  absl::Status written = WriteOutputs(outputs);
  if (!written.ok()) return Fail("compare", MessageOf(written));
  if (!quiet && isatty(STDERR_FILENO)) {
    std::cerr << fmt::format(
        "ccsim compare: {} scenarios x {} replications, {} calls in {:.2f} s\n",
        scenarios.size(), comparison->replications, comparison->calls, wall);
  }
  return 0;
}

}  // namespace ccsim::tools
