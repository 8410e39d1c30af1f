// ccsim erlang: Erlang C / Erlang A figures and staffing for one interval.
//
//   ccsim erlang --calls 100 --interval 30m --aht 180s --agents 14
//   ccsim erlang --calls 100 --aht 180s --patience 300s --target-sl 0.8
#include <cmath>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "boost/program_options.hpp"
#include "ccsim/erlang.h"
#include "ccsim/time.h"
#include "cli.h"
#include "commands.h"
#include "fmt/format.h"

namespace ccsim::tools {
namespace {

namespace po = boost::program_options;

constexpr int kUsageError = kExitUsageError;
constexpr int kFailure = kExitFailure;

constexpr const char* kUsage =
    "usage: ccsim erlang --calls N --aht DURATION (--agents N | --target-sl "
    "P)\n"
    "                    [--interval DURATION] [--patience DURATION]\n"
    "                    [--threshold DURATION] [--format table|json]\n"
    "\n"
    "Steady-state figures for one interval: Erlang C (infinite patience) or,\n"
    "with --patience, Erlang A (exponential patience, abandonment).\n"
    "With --target-sl, prints the smallest number of agents whose service\n"
    "level reaches the target, and the figures at that number.\n"
    "\n"
    "Durations need a unit: 250ms, 20s, 5m, 1.5h, 1d.\n"
    "\n"
    "service_level = share of all offered calls answered within the "
    "threshold;\n"
    "asa_s = mean wait of answered calls; mean_wait_s = mean wait of all "
    "calls\n"
    "(abandoned included).\n";

int Fail(int status, std::string_view message) {
  return tools::Fail("erlang", message, status);
}

// Parses a duration flag; on error returns the message naming the flag.
std::optional<std::string> ParseSeconds(const char* flag,
                                        const std::string& text, double* out) {
  absl::StatusOr<Time> t = ParseDuration(text);
  if (!t.ok()) {
    return fmt::format("--{}: {}", flag, std::string(t.status().message()));
  }
  *out = t->seconds();
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> Rows(const char* model,
                                                      int agents,
                                                      const ErlangResult& r,
                                                      bool json) {
  auto num = [json](const char* table_format, double v) {
    return json ? fmt::format("{}", v)
                : fmt::format(fmt::runtime(table_format), v);
  };
  return {
      {"model", json ? fmt::format("\"{}\"", model) : std::string(model)},
      {"offered_load_erlangs", num("{:.3f}", r.offered_load)},
      {"agents", fmt::format("{}", agents)},
      {"p_wait", num("{:.4f}", r.p_wait)},
      {"service_level", num("{:.4f}", r.service_level)},
      {"asa_s", num("{:.2f}", r.asa_s)},
      {"mean_wait_s", num("{:.2f}", r.mean_wait_s)},
      {"abandon_rate", num("{:.4f}", r.abandon_rate)},
      {"occupancy", num("{:.4f}", r.occupancy)},
  };
}

void Print(const char* model, int agents, const ErlangResult& r, bool json) {
  std::vector<std::pair<std::string, std::string>> rows =
      Rows(model, agents, r, json);
  std::string out;
  if (json) {
    out = "{";
    for (size_t i = 0; i < rows.size(); ++i) {
      out += fmt::format("{}\"{}\": {}", i == 0 ? "" : ", ", rows[i].first,
                         rows[i].second);
    }
    out += "}\n";
  } else {
    for (const auto& [key, value] : rows) {
      out += fmt::format("{:<22}{}\n", key, value);
    }
  }
  std::fputs(out.c_str(), stdout);
}

int Run(int argc, char** argv) {
  po::options_description desc("options");
  // clang-format off
  desc.add_options()
      ("help,h", "print this help and exit")
      ("calls", po::value<double>(), "calls offered per interval")
      ("interval", po::value<std::string>()->default_value("30m"),
       "length of the interval the calls arrive in")
      ("aht", po::value<std::string>(), "mean handle time")
      ("agents", po::value<int>(), "number of agents")
      ("target-sl", po::value<double>(),
       "find the fewest agents with this service level (0 < P < 1)")
      ("patience", po::value<std::string>(),
       "mean patience; selects Erlang A (default: infinite, Erlang C)")
      ("threshold", po::value<std::string>()->default_value("20s"),
       "service-level threshold")
      ("format", po::value<std::string>()->default_value("table"),
       "output format: table or json");
  // clang-format on

  const CommandSpec spec{.name = "erlang", .usage = kUsage, .visible = &desc};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }

  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "json") {
    return Fail(
        kUsageError,
        fmt::format("--format must be 'table' or 'json', not '{}'", format));
  }
  if (!vm.count("calls")) {
    return Fail(kUsageError, "--calls is required (see --help)");
  }
  if (!vm.count("aht")) {
    return Fail(kUsageError, "--aht is required (see --help)");
  }
  const bool has_agents = vm.count("agents") > 0;
  const bool has_target = vm.count("target-sl") > 0;
  if (has_agents == has_target) {
    return Fail(kUsageError,
                has_agents
                    ? "give either --agents or --target-sl, not both"
                    : "give either --agents or --target-sl (see --help)");
  }

  const double calls = vm["calls"].as<double>();
  if (!std::isfinite(calls) || calls <= 0) {
    return Fail(
        kUsageError,
        fmt::format("--calls must be a positive number, not {}", calls));
  }
  double interval_s = 0, aht_s = 0, threshold_s = 0;
  if (auto e = ParseSeconds("interval", vm["interval"].as<std::string>(),
                            &interval_s)) {
    return Fail(kUsageError, *e);
  }
  if (auto e = ParseSeconds("aht", vm["aht"].as<std::string>(), &aht_s)) {
    return Fail(kUsageError, *e);
  }
  if (auto e = ParseSeconds("threshold", vm["threshold"].as<std::string>(),
                            &threshold_s)) {
    return Fail(kUsageError, *e);
  }
  if (interval_s <= 0) return Fail(kUsageError, "--interval must be positive");
  if (aht_s <= 0) return Fail(kUsageError, "--aht must be positive");

  // The formulas' cost grows with the agents and the load: bound both, as
  // the scenario file bounds agents per interval.
  constexpr double kMaxLoad = 100'000;
  constexpr int kMaxAgents = 100'000;
  const double load = calls / interval_s * aht_s;
  if (!(load <= kMaxLoad)) {
    return Fail(kUsageError,
                fmt::format("an offered load of {:.4g} erlangs (--calls x "
                            "--aht / --interval) is more than ccsim erlang "
                            "computes; at most {}",
                            load, kMaxLoad));
  }
  ErlangInput in;
  in.arrival_rate_per_s = calls / interval_s;
  in.mean_handle_s = aht_s;
  in.threshold_s = threshold_s;
  if (vm.count("patience")) {
    double patience_s = 0;
    if (auto e = ParseSeconds("patience", vm["patience"].as<std::string>(),
                              &patience_s)) {
      return Fail(kUsageError, *e);
    }
    if (patience_s <= 0)
      return Fail(kUsageError, "--patience must be positive");
    in.mean_patience_s = patience_s;
  }
  const char* model = in.mean_patience_s ? "Erlang A" : "Erlang C";

  if (has_agents) {
    in.agents = vm["agents"].as<int>();
    if (in.agents <= 0) {
      return Fail(kUsageError,
                  fmt::format("--agents must be positive, not {}", in.agents));
    }
    if (in.agents > kMaxAgents) {
      return Fail(kUsageError,
                  fmt::format("--agents must be at most {}, not {}", kMaxAgents,
                              in.agents));
    }
  } else {
    const double target = vm["target-sl"].as<double>();
    if (!(target > 0 && target < 1)) {
      return Fail(kUsageError,
                  fmt::format("--target-sl must be strictly between 0 and 1 "
                              "(e.g. 0.8), not {}",
                              target));
    }
    absl::StatusOr<int> agents = AgentsForServiceLevel(in, target, kMaxAgents);
    if (!agents.ok()) {
      return Fail(kFailure, std::string(agents.status().message()));
    }
    in.agents = *agents;
    if (format == "table") {
      std::printf(
          "smallest number of agents with service level >= %s "
          "within %s: %d\n\n",
          fmt::format("{}", target).c_str(),
          FormatDuration(Time::Seconds(threshold_s)).c_str(), in.agents);
    }
  }

  absl::StatusOr<ErlangResult> result = ErlangQueue(in);
  if (!result.ok()) {
    return Fail(kFailure, std::string(result.status().message()));
  }
  Print(model, in.agents, *result, format == "json");
  return 0;
}

}  // namespace

int ErlangCommand(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const po::error& e) {
    return Fail(kUsageError, fmt::format("{} (see --help)", e.what()));
  } catch (const std::exception& e) {
    return Fail(kFailure, e.what());
  } catch (...) {
    return Fail(kFailure, "unexpected error");
  }
}

}  // namespace ccsim::tools
