// ccsim run / ccsim validate.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

#include "boost/program_options.hpp"
#include "ccsim/call_log.h"
#include "ccsim/html_report.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
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

int RunCommand(int argc, char** argv) {
  po::options_description visible("options");
  std::string format_name = "table";
  std::string output;
  std::string metrics_list;
  std::string scopes_list;
  bool per_replication = false;
  bool legacy_shape = false;
  int replications = 0;
  std::string seed_text;
  int threads = 0;
  std::string report_path;
  std::string xlsx_path;
  bool quiet = false;
  std::string call_log_path, agent_log_path;
  int log_replication = 1;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("replications,r", po::value<int>(&replications),
       "replications (overrides the scenario's)")
      ("seed,s", po::value<std::string>(&seed_text), "seed (overrides the scenario's)")
      ("threads,t", po::value<int>(&threads)->default_value(0),
       "worker threads; 0 = one per core (results do not depend on it)")
      ("format,f", po::value<std::string>(&format_name)->default_value("table"),
       "output format: table, json or csv")
      ("output,o", po::value<std::string>(&output),
       "write to this file instead of standard output (whole or not at all)")
      ("metrics,m", po::value<std::string>(&metrics_list),
       "report only these metrics: comma-separated keys, e.g. "
       "offered,service_level,occupancy (default: all; the call flow needs "
       "'calls'; see docs/metrics.md)")
      ("scopes", po::value<std::string>(&scopes_list),
       "report only these scopes: comma-separated, of total, call_flow, "
       "interval, call_type, agent_group (default: all; the agent groups' "
       "intervals need interval and agent_group)")
      ("per-replication", po::bool_switch(&per_replication),
       "also write each replication's values: JSON \"per_replication\", CSV "
       "rows of scope 'replication' (json and csv only)")
      ("legacy-shape", po::bool_switch(&legacy_shape),
       "JSON and CSV without the interval dates, the n column and "
       "service_level_target: the shape of earlier releases")
      ("report", po::value<std::string>(&report_path),
       "also write a self-contained HTML report with charts to this file")
      ("xlsx", po::value<std::string>(&xlsx_path),
       "also write an Excel workbook (summary, intervals with dates, charts, "
       "heatmap, scenario) to this file (see docs/excel.md)")
      ("call-log", po::value<std::string>(&call_log_path),
       "also write one CSV row per call attempt of one replication to this "
       "file (see docs/call-logs.md)")
      ("agent-log", po::value<std::string>(&agent_log_path),
       "also write one CSV row per agent state change of that replication")
      ("call-log-replication", po::value<int>(&log_replication)->default_value(1),
       "the replication the logs describe, from 1")
      ("quiet,q", po::bool_switch(&quiet),
       "no progress bar or summary line (they are drawn only when standard "
       "error is a terminal)");
  // clang-format on
  po::options_description hidden;
  std::string scenario_path;
  hidden.add_options()("scenario", po::value<std::string>(&scenario_path));
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const CommandSpec spec{
      .name = "run",
      .usage =
          "usage: ccsim run SCENARIO [options]\n\n"
          "Simulates the scenario's replications and reports each metric's "
          "mean\nand 95% confidence half-width (see docs/metrics.md), per "
          "interval, call\ntype and agent group, and the call flow per 100 "
          "calls. --metrics\nrestricts the report to the listed metrics; "
          "with only the 14 metrics of\nthe foundation model (offered ... "
          "staffed_hours) the output has exactly\nthe foundation's shape. "
          "SCENARIO '-' reads the scenario from standard input.\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (scenario_path.empty()) {
    return Fail("run", "missing SCENARIO file (see 'ccsim run --help')",
                kExitUsageError);
  }
  OutputFormat format;
  if (std::optional<int> bad =
          FormatAndThreadsOptions("run", format_name, threads, &format)) {
    return *bad;
  }
  if (std::optional<int> bad = CheckOutputs(
          "run",
          {output, report_path, xlsx_path, call_log_path, agent_log_path},
          std::span(&scenario_path, 1))) {
    return *bad;
  }
  if (std::optional<int> bad = DistinctOutputs(
          "run",
          {output, report_path, xlsx_path, call_log_path, agent_log_path})) {
    return *bad;
  }
  const bool logging = !call_log_path.empty() || !agent_log_path.empty();
  if (vm.count("call-log-replication") &&
      !vm["call-log-replication"].defaulted() && !logging) {
    return Fail("run", "--call-log-replication needs --call-log or --agent-log",
                kExitUsageError);
  }
  if (std::optional<int> bad = NotStandardOutput("run", "--xlsx", xlsx_path)) {
    return *bad;
  }
  if (call_log_path == "-" || agent_log_path == "-") {
    return Fail("run",
                "the call and agent logs go to files, not standard output",
                kExitUsageError);
  }
  ReportOptions report;
  if (vm.count("metrics")) {
    absl::StatusOr<MetricSet> metrics = ParseMetricList(metrics_list);
    if (!metrics.ok()) {
      return Fail("run",
                  fmt::format("--metrics: {}", MessageOf(metrics.status())),
                  kExitUsageError);
    }
    report.metrics = *metrics;
  }
  if (vm.count("scopes")) {
    absl::StatusOr<SweepScopes> scopes = ParseScopeList(scopes_list);
    if (!scopes.ok()) {
      return Fail("run",
                  fmt::format("--scopes: {}", MessageOf(scopes.status())),
                  kExitUsageError);
    }
    report.scopes = *scopes;
  }
  report.analyst_fields = !legacy_shape;
  if (per_replication && format == OutputFormat::kTable) {
    return Fail("run", "--per-replication needs --format json or csv",
                kExitUsageError);
  }

  absl::StatusOr<ScenarioDocument> document =
      LoadScenarioDocumentArgument(scenario_path);
  absl::StatusOr<Scenario> scenario =
      document.ok() ? document->ToScenario()
                    : absl::StatusOr<Scenario>(document.status());
  if (!scenario.ok()) {
    std::cerr << scenario.status().message() << "\n";
    return 1;
  }
  if (!vm.count("metrics")) report.metrics = DefaultMetrics(*scenario);
  for (const std::string& w : ScenarioWarnings(*scenario)) {
    std::cerr << fmt::format(
        "ccsim run: warning: {}: {}\n",
        scenario_path == "-" ? "(standard input)" : scenario_path, w);
  }
  RunOptions options;
  options.threads = threads;
  if (std::optional<int> bad =
          ReplicationsAndSeedOptions("run", vm, replications, seed_text, 1,
                                     &options.replications, &options.seed)) {
    return *bad;
  }

  const int reps = options.replications.value_or(scenario->replications);
  options.keep_replication_totals = per_replication;
  report.per_replication = per_replication;
  if (logging && (log_replication < 1 || log_replication > reps)) {
    return Fail("run",
                fmt::format("--call-log-replication {}: expected a "
                            "replication from 1 to {}",
                            log_replication, reps),
                kExitUsageError);
  }
  // The logs stream to temporary files while the replications run.
  StreamedOutput call_log, agent_log;
  std::vector<StreamedOutput*> streamed;
  for (auto [path, file] : {std::pair{&call_log_path, &call_log},
                            std::pair{&agent_log_path, &agent_log}}) {
    if (path->empty()) continue;
    if (absl::Status st = file->Open(*path); !st.ok()) {
      return Fail("run", MessageOf(st));
    }
    streamed.push_back(file);
  }
  std::optional<CsvTraceWriter> trace;
  if (logging) {
    trace.emplace(*scenario, call_log.file(), agent_log.file());
    options.trace = &*trace;
    options.trace_replication = log_replication - 1;
  }

  ProgressBar progress("run", "replications", !quiet);
  options.on_progress = [&](int done, int total) {
    progress.Update(done, total);
  };
  // Simulated time, so that the bar moves within long replications.
  std::atomic<int64_t> simulated{0};
  if (progress.active()) {
    options.simulated = &simulated;
    progress.Update(0, reps);
    progress.Watch(&simulated, reps * kSimulatedPerReplication);
  }
  const auto started = std::chrono::steady_clock::now();
  absl::StatusOr<RunResult> result = RunScenario(*scenario, options);
  progress.Finish();
  if (!result.ok()) {
    return Fail("run", fmt::format("{}: {}", scenario_path,
                                   MessageOf(result.status())));
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started)
          .count();
  // All outputs or none; --scopes and --per-replication are for the
  // standard output only.
  ReportOptions whole = report;
  whole.scopes.set();
  whole.per_replication = false;
  std::vector<std::pair<std::string, std::string>> outputs;
  if (!report_path.empty()) {
    outputs.push_back(
        {report_path, FormatHtmlReport(*result, *scenario, whole)});
  }
  if (!xlsx_path.empty()) {
    if (std::optional<int> bad = AddOutput(
            "run", xlsx_path,
            FormatXlsxReport(*result, *scenario,
                             {.report = whole,
                              .scenario_yaml = document->ToYaml(),
                              .scratch_dir = ScratchFolder(xlsx_path)}),
            outputs)) {
      return *bad;
    }
  }
  outputs.push_back({output, FormatResult(*result, *scenario, format, report)});
  if (trace.has_value() && !trace->Flush()) {
    return Fail("run", fmt::format("{}: cannot write the logs: {}",
                                   !call_log_path.empty() ? call_log_path
                                                          : agent_log_path,
                                   std::strerror(errno)));
  }
  absl::Status written = WriteOutputs(outputs, streamed);
  if (!written.ok()) return Fail("run", MessageOf(written));
  if (!quiet && isatty(STDERR_FILENO)) {
    std::cerr << fmt::format(
        "ccsim run: {} replications, {} calls, {} events in {:.2f} s "
        "({:.2f} M calls/s)\n",
        result->replications, result->calls, result->events, wall,
        wall > 0 ? result->calls / wall / 1e6 : 0.0);
  }
  return 0;
}

int ValidateCommand(int argc, char** argv) {
  po::options_description visible("options");
  bool resolved = false;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("resolved", po::bool_switch(&resolved),
       "print each good file as the single scenario it resolves to, with "
       "every 'extends:' merged in, instead of 'ok'");
  // clang-format on
  po::options_description hidden;
  std::vector<std::string> paths;
  hidden.add_options()("scenario", po::value<std::vector<std::string>>(&paths));
  po::positional_options_description positional;
  positional.add("scenario", -1);
  const CommandSpec spec{
      .name = "validate",
      .usage =
          "usage: ccsim validate [--resolved] SCENARIO...\n\n"
          "Checks scenario files; prints 'ok' for each good file and the "
          "errors\nof the others. Exits non-zero if any file has an "
          "error. A file may\nextend another ('extends: base.yaml'); "
          "--resolved prints the merged\nscenario (see "
          "docs/scenario-format.md).\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (paths.empty()) {
    return Fail("validate",
                "missing SCENARIO file (see 'ccsim validate --help')",
                kExitUsageError);
  }
  int status = 0;
  for (const std::string& path : paths) {
    absl::StatusOr<ScenarioDocument> document = ScenarioDocument::Load(path);
    absl::StatusOr<Scenario> scenario =
        document.ok() ? document->ToScenario()
                      : absl::StatusOr<Scenario>(document.status());
    if (!scenario.ok()) {
      std::cout << scenario.status().message() << "\n";
      status = 1;
      continue;
    }
    for (const std::string& w : ScenarioWarnings(*scenario)) {
      std::cerr << fmt::format("ccsim validate: warning: {}: {}\n", path, w);
    }
    if (resolved) {
      if (paths.size() > 1) std::cout << "# " << path << "\n";
      std::cout << document->ToYaml();
      if (paths.size() > 1) std::cout << "\n";
    } else {
      std::cout << (paths.size() > 1 ? path + ": ok" : std::string("ok"))
                << "\n";
    }
  }
  return status;
}

}  // namespace ccsim::tools
