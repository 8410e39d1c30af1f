// ccsim bench: the engine's throughput on the user's scenarios (or the
// reference set), per thread count.
#include <algorithm>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "boost/program_options.hpp"
#include "ccsim/bench.h"
#include "ccsim/status_macros.h"
#include "ccsim_git_describe.h"
#include "cli.h"
#include "commands.h"
#include "fmt/format.h"

namespace po = boost::program_options;

namespace ccsim::tools {

namespace {

// The most threads one measurement may ask for.
constexpr int kMaxBenchThreads = 1024;
// The longest budget per measurement (a day).
constexpr double kMaxBenchSeconds = 86400;

// --threads "1,2,4": whole numbers from 1 to kMaxBenchThreads, each kept
// once in the order given; nullopt after reporting (a usage error).
std::optional<std::vector<int>> ParseThreadList(const std::string& text,
                                                int* status) {
  const std::string expected = fmt::format(
      "--threads: expected thread counts from 1 to {} separated by commas, "
      "e.g. 1,2,4",
      kMaxBenchThreads);
  std::string bad;
  std::optional<std::vector<double>> numbers = ParseNumberList(text, &bad);
  if (!numbers.has_value()) {
    *status = Fail("bench", fmt::format("{}; got '{}'", expected, bad),
                   kExitUsageError);
    return std::nullopt;
  }
  std::vector<int> out;
  for (double v : *numbers) {
    if (v != static_cast<int>(v) || v < 1 || v > kMaxBenchThreads) {
      *status = Fail("bench", fmt::format("{}; got {}", expected, v),
                     kExitUsageError);
      return std::nullopt;
    }
    const int n = static_cast<int>(v);
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

}  // namespace

int BenchCommand(int argc, char** argv) {
  po::options_description visible("options");
  std::string threads_text;
  double seconds = 3;
  std::string format_name = "table";
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("threads,t", po::value<std::string>(&threads_text),
       "thread counts to measure, comma-separated, e.g. 1,2,4 (default: 1 "
       "and one per core)")
      ("seconds", po::value<double>(&seconds)->default_value(3),
       "wall-time budget of each (scenario, thread count) measurement: "
       "replications run until it is spent, at least one")
      ("format,f", po::value<std::string>(&format_name)->default_value("table"),
       "output format: table or json");
  // clang-format on
  po::options_description hidden;
  std::vector<std::string> paths;
  hidden.add_options()("scenario", po::value<std::vector<std::string>>(&paths));
  po::positional_options_description positional;
  positional.add("scenario", -1);
  const CommandSpec spec{
      .name = "bench",
      .usage =
          "usage: ccsim bench [SCENARIO...] [options]\n\n"
          "Measures simulated calls and events per second of wall time on "
          "each\nscenario with each thread count (replications spread over "
          "the threads\nas 'ccsim run' does), the peak resident memory and "
          "the speed-up over\none thread. With no SCENARIO, the reference "
          "set: M/M/100+M at load 1.0,\nthe full-model demo and a large "
          "multi-skill centre (see docs/benchmarks.md).\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  std::vector<int> thread_counts = {1};
  if (vm.count("threads")) {
    int status = 0;
    std::optional<std::vector<int>> parsed =
        ParseThreadList(threads_text, &status);
    if (!parsed.has_value()) return status;
    thread_counts = *std::move(parsed);
  } else {
    const BenchMachine machine = DescribeMachine();
    const int cores = static_cast<int>(
        std::min<unsigned>(machine.hardware_concurrency, kMaxBenchThreads));
    if (cores > 1) thread_counts.push_back(cores);
  }
  if (!(seconds > 0) || !(seconds <= kMaxBenchSeconds)) {
    return Fail("bench",
                fmt::format("--seconds: expected a number of seconds above 0 "
                            "and at most {}, got {}",
                            kMaxBenchSeconds, seconds),
                kExitUsageError);
  }
  if (format_name != "table" && format_name != "json") {
    return Fail("bench",
                fmt::format("--format must be 'table' or 'json', not '{}'",
                            format_name),
                kExitUsageError);
  }
  const OutputFormat format =
      format_name == "json" ? OutputFormat::kJson : OutputFormat::kTable;

  // Every scenario is loaded and checked before anything is measured.
  std::vector<BenchScenario> scenarios;
  if (paths.empty()) {
    absl::StatusOr<std::vector<BenchScenario>> reference = ReferenceScenarios();
    if (!reference.ok()) return Fail("bench", MessageOf(reference.status()));
    scenarios = *std::move(reference);
  }
  for (const std::string& path : paths) {
    absl::StatusOr<Scenario> scenario = LoadScenarioArgument(path);
    if (!scenario.ok()) {
      std::cerr << scenario.status().message() << "\n";
      return kExitFailure;
    }
    if (absl::Status st = CheckRunnable(*scenario); !st.ok()) {
      return Fail("bench", fmt::format("{}: {}", path, MessageOf(st)));
    }
    scenarios.push_back({path, *std::move(scenario)});
  }

  BenchReport report;
  report.version = CCSIM_VERSION;
  report.git_describe = CCSIM_GIT_DESCRIBE;
  report.machine = DescribeMachine();
  report.seconds = seconds;
  for (const BenchScenario& s : scenarios) {
    BenchResult& result = report.scenarios.emplace_back();
    result.name = s.name;
    for (int threads : thread_counts) {
      absl::StatusOr<BenchMeasurement> m =
          MeasureThroughput(s.scenario, threads, seconds);
      if (!m.ok()) {
        return Fail("bench",
                    fmt::format("{}: {}", s.name, MessageOf(m.status())));
      }
      result.runs.push_back(*m);
    }
  }
  SetSpeedups(report);
  std::cout << FormatBenchReport(report, format);
  return 0;
}

}  // namespace ccsim::tools
