// ccsim staff: the fewest agents per interval that meet a service goal.
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "boost/program_options.hpp"
#include "ccsim/report.h"
#include "ccsim/scenario_document.h"
#include "ccsim/staffing.h"
#include "ccsim/status_macros.h"
#include "ccsim/xlsx.h"
#include "cli.h"
#include "commands.h"
#include "fmt/format.h"
#include "output_file.h"
#include "progress.h"

namespace po = boost::program_options;

namespace ccsim::tools {

int StaffCommand(int argc, char** argv) {
  po::options_description visible("options");
  std::vector<std::string> goal_texts;
  std::string format_name = "table";
  std::string output;
  std::string report_path;
  std::string xlsx_path;
  std::string costs;
  int replications = 0;
  std::string seed_text;
  int threads = 0;
  int max_agents = 100000;
  bool confidence = false;
  bool keep_shifts = false;
  bool schedule = false;
  bool dated = false;
  std::string offsets;
  std::string days;
  int schedule_iterations = 20;
  double solver_seconds = 10;
  double mip_gap = 0.02;
  bool quiet = false;
  // clang-format off
  visible.add_options()
      ("help,h", "print this help")
      ("goal,g", po::value<std::vector<std::string>>(&goal_texts),
       "a goal, METRIC>=VALUE or METRIC<=VALUE, optionally followed by "
       "@interval (default), @day or @horizon; may be given several times "
       "(default: service_level>=the scenario's service_level.target). "
       "Metrics: service_level, service_level_answered, answer_rate, "
       "abandon_rate, asa_s, mean_wait_s, p_wait, occupancy")
      ("days", po::value<std::string>(&days),
       "judge the goals on these days only, FIRST-LAST (1 = the first day "
       "after the warm-up), e.g. 16-31 for a month-end surge")
      ("dated", po::bool_switch(&dated),
       "find the staffing of every interval of the judged days (a plan "
       "that differs by date, written with -o as a staffing table beside "
       "the plan) instead of one staffing per interval of the day for "
       "every day")
      ("confidence", po::bool_switch(&confidence),
       "a goal is met only when its 95% confidence bound meets it (default: "
       "the mean over replications)")
      ("keep-shifts", po::bool_switch(&keep_shifts),
       "keep groups that work shifts as they are and search only the groups "
       "with a staffing level (default: a group on shifts is searched as a "
       "staffing level too, counting agents available for calls)")
      ("schedule", po::bool_switch(&schedule),
       "also choose how many agents work each shift row of the groups on "
       "shifts: an integer program (CBC) covers the requirement at least "
       "cost, then the schedule is simulated as it runs and repaired where "
       "a goal fails")
      ("start-offsets", po::value<std::string>(&offsets),
       "with --schedule: each shift row is also offered at these start "
       "offsets, minutes, comma-separated (default -60,-30,0,30,60)")
      ("schedule-iterations", po::value<int>(&schedule_iterations)
           ->default_value(20),
       "at most this many cover-and-simulate rounds")
      ("solver-seconds", po::value<double>(&solver_seconds)
           ->default_value(10),
       "time limit of each integer program")
      ("mip-gap", po::value<double>(&mip_gap)->default_value(0.02),
       "each integer program stops within this relative gap of its best "
       "bound (the gap reached is reported)")
      ("cost", po::value<std::string>(&costs),
       "cost of an agent hour per group, comma-separated in the scenario's "
       "order (default 1 each)")
      ("max-agents", po::value<int>(&max_agents)->default_value(100000),
       "no interval of a group gets more agents than this")
      ("replications,r", po::value<int>(&replications),
       "replications per evaluation (overrides the scenario's)")
      ("seed,s", po::value<std::string>(&seed_text), "seed (overrides the scenario's)")
      ("threads,t", po::value<int>(&threads)->default_value(0),
       "worker threads; 0 = one per core (the plan does not depend on it)")
      ("format,f", po::value<std::string>(&format_name)->default_value("table"),
       "format of the plan on standard output: table, json or csv")
      ("output,o", po::value<std::string>(&output),
       "write the plan as a scenario variant (extends: SCENARIO) to this "
       "YAML file, for ccsim run and ccsim compare")
      ("report", po::value<std::string>(&report_path),
       "also write a self-contained HTML report of the plan to this file")
      ("xlsx", po::value<std::string>(&xlsx_path),
       "also write an Excel workbook of the plan (per interval and group), "
       "the goal checks and what the plan achieves to this file (see "
       "docs/excel.md)")
      ("quiet,q", po::bool_switch(&quiet), "no progress line");
  // clang-format on
  po::options_description hidden;
  std::string scenario_path;
  hidden.add_options()("scenario", po::value<std::string>(&scenario_path));
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const CommandSpec spec{
      .name = "staff",
      .usage =
          "usage: ccsim staff SCENARIO [options]\n\n"
          "Finds the fewest agents per interval of the day (with --dated, "
          "of every\ndate), for every agent group that follows a staffing "
          "level, such that the\nscenario meets the goals, by simulation "
          "with common random numbers\n(see docs/staffing.md).\n",
      .visible = &visible,
      .hidden = &hidden,
      .positional = &positional};
  po::variables_map vm;
  if (std::optional<int> done = ParseCommandLine(spec, argc, argv, vm)) {
    return *done;
  }
  if (scenario_path.empty()) {
    return Fail("staff", "missing SCENARIO file (see 'ccsim staff --help')",
                kExitUsageError);
  }
  OutputFormat format;
  if (std::optional<int> bad =
          FormatAndThreadsOptions("staff", format_name, threads, &format)) {
    return *bad;
  }
  StaffingOptions options;
  for (const std::string& text : goal_texts) {
    absl::StatusOr<StaffingGoal> goal = ParseStaffingGoal(text);
    if (!goal.ok()) {
      return Fail("staff", fmt::format("--goal: {}", MessageOf(goal.status())),
                  kExitUsageError);
    }
    options.goals.push_back(*goal);
  }
  if (vm.count("cost")) {
    std::string bad;
    std::optional<std::vector<double>> list = ParseNumberList(costs, &bad);
    bool positive = list.has_value();
    for (double v : list.value_or(std::vector<double>{})) {
      if (!(v > 0)) {
        positive = false;
        bad = fmt::format("{}", v);
      }
    }
    if (!positive) {
      return Fail("staff",
                  fmt::format("--cost: expected positive numbers separated "
                              "by commas, found '{}'",
                              bad),
                  kExitUsageError);
    }
    options.cost_per_hour = *list;
  }
  if (max_agents < 1) {
    return Fail("staff", "--max-agents must be at least 1", kExitUsageError);
  }
  options.max_agents = max_agents;
  options.confidence = confidence;
  options.keep_shift_groups = keep_shifts;
  if (vm.count("days")) {
    const size_t dash = days.find('-');
    int first = 0, last = 0;
    size_t used_first = 0, used_last = 0;
    try {
      first = std::stoi(days.substr(0, dash), &used_first);
      last = dash == std::string::npos
                 ? first
                 : std::stoi(days.substr(dash + 1), &used_last);
    } catch (...) {
      used_first = 0;
    }
    const bool whole =
        used_first == (dash == std::string::npos ? days.size() : dash) &&
        (dash == std::string::npos || used_last == days.size() - dash - 1);
    if (!whole || first < 1 || last < first) {
      return Fail("staff",
                  fmt::format("--days: expected FIRST-LAST with 1 <= FIRST "
                              "<= LAST, e.g. 16-31, found '{}'",
                              days),
                  kExitUsageError);
    }
    options.days = DayRange{.first = first, .last = last};
  }
  options.schedule = schedule;
  options.dated = dated;
  const std::string table_path =
      dated && !output.empty() ? StaffingTablePath(output) : "";
  if (dated && output == "-") {
    return Fail("staff",
                "--dated writes the plan's staffing table beside the plan: "
                "-o needs a file name, not '-'",
                kExitUsageError);
  }
  if (schedule_iterations < 1) {
    return Fail("staff", "--schedule-iterations must be at least 1",
                kExitUsageError);
  }
  if (!(solver_seconds > 0)) {
    return Fail("staff", "--solver-seconds must be positive", kExitUsageError);
  }
  options.schedule_iterations = schedule_iterations;
  if (vm.count("start-offsets")) {
    std::string bad;
    std::optional<std::vector<double>> list = ParseNumberList(offsets, &bad);
    options.start_offsets_min.clear();
    for (double v : list.value_or(std::vector<double>{})) {
      if (v != std::floor(v) || v <= -1440 || v >= 1440) {
        bad = fmt::format("{}", v);
        list.reset();
        break;
      }
      options.start_offsets_min.push_back(static_cast<int>(v));
    }
    if (!list.has_value()) {
      return Fail("staff",
                  fmt::format("--start-offsets: expected whole minutes "
                              "between -1439 and 1439 separated by "
                              "commas, found '{}'",
                              bad),
                  kExitUsageError);
    }
  }
  options.solver_seconds = solver_seconds;
  if (!(mip_gap >= 0 && mip_gap < 1)) {
    return Fail("staff", "--mip-gap must be from 0 to below 1",
                kExitUsageError);
  }
  options.mip_gap = mip_gap;
  options.threads = threads;
  if (std::optional<int> bad =
          ReplicationsAndSeedOptions("staff", vm, replications, seed_text, 2,
                                     &options.replications, &options.seed)) {
    return *bad;
  }
  if (std::optional<int> bad =
          CheckOutputs("staff", {output, table_path, report_path, xlsx_path},
                       std::span(&scenario_path, 1))) {
    return *bad;
  }
  if (std::optional<int> bad = DistinctOutputs(
          "staff", {output, table_path, report_path, xlsx_path})) {
    return *bad;
  }
  if (std::optional<int> bad =
          NotStandardOutput("staff", "--xlsx", xlsx_path)) {
    return *bad;
  }
  absl::StatusOr<ScenarioDocument> document =
      ScenarioDocument::Load(scenario_path);
  absl::StatusOr<Scenario> scenario =
      document.ok() ? document->ToScenario()
                    : absl::StatusOr<Scenario>(document.status());
  if (!scenario.ok()) {
    std::cerr << scenario.status().message() << "\n";
    return 1;
  }
  if (options.cost_per_hour.size() > scenario->agent_groups.size()) {
    return Fail("staff",
                fmt::format("--cost: {} costs given for {} agent groups",
                            options.cost_per_hour.size(),
                            scenario->agent_groups.size()),
                kExitUsageError);
  }
  ProgressBar progress("staff", "simulations", !quiet);
  options.on_progress = [&](int done, std::string_view) {
    progress.Update(done, 0);
  };
  absl::StatusOr<StaffingPlan> plan = FindStaffing(*scenario, options);
  progress.Finish();
  if (!plan.ok()) {
    return Fail("staff",
                fmt::format("{}: {}", scenario_path, MessageOf(plan.status())));
  }
  // All outputs or none.
  std::vector<std::pair<std::string, std::string>> outputs;
  if (!output.empty()) {
    absl::StatusOr<std::optional<YAML::Node>> agents = document->Find("agents");
    if (!agents.ok() || !agents->has_value()) {
      return Fail("staff", "the scenario has no agents list");
    }
    absl::StatusOr<std::string> yaml =
        StaffingPlanYaml(*plan, **agents, scenario_path, output);
    if (!yaml.ok()) return Fail("staff", MessageOf(yaml.status()));
    outputs.push_back({output, *std::move(yaml)});
    if (plan->dated) {
      outputs.push_back({table_path, StaffingPlanTable(*plan, *scenario)});
    }
  }
  if (!report_path.empty()) {
    outputs.push_back({report_path, FormatStaffingReport(*plan, *scenario)});
  }
  if (!xlsx_path.empty()) {
    if (std::optional<int> bad =
            AddOutput("staff", xlsx_path,
                      FormatXlsxStaffing(
                          *plan, *scenario,
                          {.report = {.metrics = DefaultMetrics(*scenario)},
                           .scenario_yaml = document->ToYaml(),
                           .scratch_dir = ScratchFolder(xlsx_path)}),
                      outputs)) {
      return *bad;
    }
  }
  outputs.push_back({"", FormatStaffingPlan(*plan, *scenario, format)});
  absl::Status written = WriteOutputs(outputs);
  if (!written.ok()) return Fail("staff", MessageOf(written));
  const bool met =
      plan->all_met && (!plan->schedule || plan->schedule->all_met);
  return met ? 0 : 3;
}

}  // namespace ccsim::tools
