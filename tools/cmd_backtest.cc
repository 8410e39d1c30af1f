// ccsim backtest: a scenario against a centre's own history.
#include <iostream>
#include <string>
#include <vector>

#include "boost/program_options.hpp"
#include "ccsim/backtest.h"
#include "ccsim/scenario_loader.h"
#include "ccsim/status_macros.h"
#include "cli.h"
#include "commands.h"
#include "fmt/format.h"
#include "output_file.h"
#include "progress.h"

namespace po = boost::program_options;

namespace ccsim::tools {

int BacktestCommand(int argc, char** argv) {
  po::options_description visible("options");
  BacktestOptions o;
  std::vector<std::string> maps;
  std::string format_name = "table", output, report_path, seed_text;
  int replications = 0, threads = 0;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("calls", po::value<std::string>(&o.calls_path),
       "the call export to compare with (docs/call-logs.md)")
      ("agents", po::value<std::string>(&o.agents_path),
       "the agent state export: simulate with the agents it shows available")
      ("map", po::value<std::vector<std::string>>(&maps),
       "COLUMN=FIELD: read the file's column COLUMN as FIELD (repeatable)")
      ("time-format", po::value<std::string>(&o.time_format)->default_value("auto"),
       "auto, iso, dmy, mdy, epoch or epoch_ms")
      ("replications,r", po::value<int>(&replications),
       "replications (overrides the scenario's; 20 or more for a useful band)")
      ("seed,s", po::value<std::string>(&seed_text), "seed (overrides the scenario's)")
      ("threads,t", po::value<int>(&threads)->default_value(0),
       "worker threads; 0 = one per core (results do not depend on it)")
      ("format,f", po::value<std::string>(&format_name)->default_value("table"),
       "output format: table, json or csv")
      ("output,o", po::value<std::string>(&output),
       "write to this file instead of standard output")
      ("trace", po::bool_switch(&o.trace),
       "replay the export's own arrival times (first calls) instead of "
       "drawing them: what is left is model error, not forecast error")
      ("trace-talk", po::bool_switch(&o.trace_talk),
       "with --trace, also the export's own talk times")
      ("report", po::value<std::string>(&report_path),
       "also write an HTML page with observed against simulated per interval");
  // clang-format on
  po::options_description hidden;
  std::string scenario_path;
  hidden.add_options()("scenario", po::value<std::string>(&scenario_path));
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const CommandSpec spec{
      .name = "backtest",
      .usage =
          "usage: ccsim backtest SCENARIO --calls CALLS.csv "
          "[--agents AGENTS.csv] [options]\n\n"
          "Simulates the scenario over the dates of the call export "
          "(with the agents\nthe agent export shows, when given) and "
          "compares offered, answered,\nabandoned, service level, "
          "abandon rate, ASA and occupancy with the\nexport per "
          "interval and in total: bias, mean absolute error and the "
          "share\nof intervals inside the 95% prediction band. See "
          "docs/calibration.md.\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (scenario_path.empty() || o.calls_path.empty()) {
    return Fail("backtest",
                "expected SCENARIO and --calls FILE (see 'ccsim backtest "
                "--help')",
                kExitUsageError);
  }
  if (o.trace_talk && !o.trace) {
    return Fail("backtest", "--trace-talk needs --trace", kExitUsageError);
  }
  OutputFormat format;
  if (std::optional<int> bad =
          FormatAndThreadsOptions("backtest", format_name, threads, &format)) {
    return *bad;
  }
  o.threads = threads;
  if (std::optional<int> bad = ParseMapOptions("backtest", maps, &o.map)) {
    return *bad;
  }
  std::vector<std::string> inputs = {scenario_path, o.calls_path};
  if (!o.agents_path.empty()) inputs.push_back(o.agents_path);
  if (std::optional<int> bad =
          CheckOutputs("backtest", {output, report_path}, inputs)) {
    return *bad;
  }
  if (std::optional<int> bad =
          DistinctOutputs("backtest", {output, report_path})) {
    return *bad;
  }
  if (std::optional<int> bad =
          ReplicationsAndSeedOptions("backtest", vm, replications, seed_text, 1,
                                     &o.replications, &o.seed)) {
    return *bad;
  }
  absl::StatusOr<Scenario> scenario = LoadScenarioFile(scenario_path);
  if (!scenario.ok()) {
    std::cerr << scenario.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<BacktestResult> r = Backtest(*scenario, o);
  if (!r.ok()) return Fail("backtest", MessageOf(r.status()));
  std::vector<std::pair<std::string, std::string>> outputs;
  if (!report_path.empty()) {
    outputs.push_back({report_path, FormatBacktestHtml(*r)});
  }
  outputs.push_back({output, FormatBacktest(*r, format)});
  absl::Status written = WriteOutputs(outputs);
  if (!written.ok()) return Fail("backtest", MessageOf(written));
  return 0;
}

}  // namespace ccsim::tools
