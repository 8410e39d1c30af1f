// Staffing requirements found by simulation: the fewest agents per interval
// of the day (or, with StaffingOptions::dated, per interval of the
// horizon), for every agent group that follows a staffing level, such that
// the scenario meets a service goal.
//
//   ccsim::StaffingOptions options;
//   options.goals = {{ccsim::Metric::kServiceLevel, ccsim::GoalOp::kAtLeast,
//                     0.8}};
//   absl::StatusOr<ccsim::StaffingPlan> plan =
//       ccsim::FindStaffing(scenario, options);
//   int agents_at_9 = plan->groups[0].agents[18];
//
// The search (see docs/staffing.md):
//  1. starts from an Erlang C or A estimate per interval and group (each
//     call type's load split evenly among the groups that serve it at once);
//  2. simulates the scenario with the plan (all evaluations share the seed
//     and replications: common random numbers) and adds one agent in every
//     interval of the day whose goal fails on any day, to the group that is
//     busiest there per unit of cost, until every goal is met;
//  3. tries to take one agent away from each interval of the day in turn
//     (the most expensive group first), keeping the change when every goal
//     is still met.
// Intervals are coupled (a queue, redials and returns carry load forward):
// every evaluation simulates the whole horizon, so a change in one
// interval is judged by its effect on all of them.
//
// Same scenario, options and seed give the same plan for any thread count.
#ifndef CCSIM_STAFFING_H_
#define CCSIM_STAFFING_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/metrics.h"
#include "ccsim/report.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing_goal.h"
#include "yaml-cpp/yaml.h"

namespace ccsim {

// Parses "service_level>=0.8", "abandon_rate<=0.05", "asa_s<=30",
// "answer_rate>=0.9", "occupancy<=0.85" (any metric of GoalMetrics()),
// with an optional "@day" or "@horizon" (default "@interval") suffix, and
// checks it with CheckStaffingGoal().
absl::StatusOr<StaffingGoal> ParseStaffingGoal(std::string_view text);

// Reported days, 1 = the day the warm-up ends, both included.
struct DayRange {
  int first = 1;
  int last = 1 << 30;
};

struct StaffingOptions {
  // Empty: the scenario's staffing_goal, or, without one, service_level >=
  // the scenario's service_level.target in every interval.
  std::vector<StaffingGoal> goals;
  // Overrides Scenario::replications / Scenario::seed when set.
  std::optional<int> replications;
  std::optional<uint64_t> seed;
  int threads = 0;  // 0: one per core; the plan does not depend on it
  // false: a goal is met when the mean over replications meets it; true:
  // when the 95% confidence bound on the unfavourable side does (mean -
  // ci95 for an "at least" goal, mean + ci95 for "at most").
  bool confidence = false;
  // Goals are judged on these days only (e.g. the month-end surge, days 16
  // to 31); the staffing found is still the same for every day (unless
  // dated).
  DayRange days;
  // false: one staffing per interval of the day, the same every day, met on
  // the busiest. true: one per interval of the judged days (a dated plan,
  // written as a staffing table); the warm-up and days not judged keep the
  // scenario's own staffing. With `schedule`, the shift step covers, for
  // each interval of the day, the largest requirement of any date.
  bool dated = false;
  // Cost of one agent hour of each group (Scenario::agent_groups order);
  // empty or missing entries: the group's cost_per_hour in the scenario.
  std::vector<double> cost_per_hour;
  // Groups that work shifts: false (the default) searches them as staffing
  // levels too, the requirement being agents available for calls (their
  // shifts, breaks, AUX and adherence are left out: the shift schedule
  // must provide that many agents net of them); true keeps them as they
  // are, working their shifts, and searches the other groups only.
  bool keep_shift_groups = false;
  // Also choose how many agents work each shift row of the groups that work
  // shifts (see docs/staffing.md): an integer program (CBC) covers the
  // requirement at least cost, then the schedule is simulated as it will
  // run (breaks under the cap, AUX, adherence) and repaired where a goal
  // fails, up to schedule_iterations times.
  bool schedule = false;
  int schedule_iterations = 20;
  // Each shift row is offered to the schedule at its own start and at these
  // offsets from it, in minutes (its breaks move with it), so that the
  // schedule can stagger starts and breaks.
  std::vector<int> start_offsets_min = {-60, -30, 0, 30, 60};
  double solver_seconds = 10;  // time limit of each integer program
  // Each integer program stops when its cover is within this relative gap
  // of the best bound (the gap reached is reported).
  double mip_gap = 0.02;
  // No interval of any group gets more agents than this.
  int max_agents = 100000;
  // Stops after this many simulations of the scenario.
  int max_evaluations = 5000;
  // Called after each simulation with the number done and what the search
  // is doing ("estimate", "add", "thin": a dated plan's rounds, "remove").
  std::function<void(int evaluations, std::string_view phase)> on_progress;
};

struct GroupPlan {
  std::string name;
  bool searched = false;     // its staffing was searched (else: kept shifts)
  bool from_shifts = false;  // works shifts in the scenario, searched as a
                             // staffing level (requirement net of breaks)
  std::vector<int> agents;   // per slot of the plan (searched groups): an
                             // interval of the day, or of a judged day when
                             // the plan is dated
  std::vector<int> current;  // the scenario's own staffing (for a group on
                             // shifts: agents on shift, breaks included)
  std::vector<int> erlang;   // the Erlang estimate the search started from
  // Dated plans: the staffing of every simulated interval (the plan's slots
  // and, around them, the scenario's own staffing).
  std::vector<double> by_interval;
  double agent_hours = 0;    // per simulated day, found plan
  double current_hours = 0;  // per simulated day, the scenario's staffing
  double cost_per_hour = 1;
};

// A goal judged on one reported interval or period.
struct GoalCheck {
  int goal = 0;       // index into StaffingPlan::goals
  int day = 0;        // 1 = first day after the warm-up; 0 for the horizon
  int interval = -1;  // reported interval index; -1 for a day or horizon
  Estimate value;
  bool met = true;
};

// One shift template of a group (a shift row of the scenario, maybe moved
// by a start offset) and how many agents work it.
struct ShiftRowPlan {
  std::string label;       // "08:00-16:30 Mon-Fri"
  int source_row = 0;      // the scenario's shift row it comes from
  int offset_min = 0;      // its start offset from that row, minutes
  std::string start, end;  // clock times "HH:MM"
  // Each break: earliest and latest start (clock times) and duration.
  struct Break {
    std::string earliest, latest, duration;
  };
  std::vector<Break> breaks;
  int today = 0;          // the scenario's count
  int cover = 0;          // the first, plain cover of the requirement
  int plan = 0;           // after the simulation's repairs
  double paid_hours = 0;  // per agent and week
};

struct GroupSchedule {
  std::string name;
  int group = 0;  // index into Scenario::agent_groups
  std::vector<ShiftRowPlan> rows;
};

struct ShiftSchedule {
  std::vector<GroupSchedule> groups;
  // Costs per week (paid hours x cost per hour): today's shifts, the plain
  // cover of the requirement, its LP bound (no cover is cheaper), and the
  // simulation-corrected schedule.
  double today_cost = 0, cover_cost = 0, lp_bound = 0, cost = 0;
  // Largest relative optimality gap CBC reported (0: every integer program
  // was solved to optimality).
  double gap = 0;
  int iterations = 0;  // integer programs solved
  bool all_met = true;
  std::vector<std::string> unmet;
  std::vector<GoalCheck> checks;
  RunResult result;  // the schedule's simulation
};

struct StaffingPlan {
  std::vector<StaffingGoal> goals;
  // What the plan's slots (GroupPlan::agents entries) are: without `dated`,
  // the intervals of the day; with it, the reported intervals from
  // `first_reported` on, one per interval of the judged days.
  bool dated = false;
  int64_t first_reported = 0;
  // A label per slot: "HH:MM", or "YYYY-MM-DD HH:MM" when dated.
  std::vector<std::string> slot_labels;
  // The slot of reported interval `reported` (index into
  // RunResult::intervals), or -1 when the plan has none for it.
  int SlotOf(const Scenario& scenario, int64_t reported) const;
  std::vector<GroupPlan> groups;  // as Scenario::agent_groups
  // Every goal in every reported interval or period, for the found plan.
  std::vector<GoalCheck> checks;
  // Slots whose goal cannot be met (more agents no longer
  // help, or max_agents was reached), with why; empty when all are met.
  std::vector<std::string> unmet;
  RunResult result;  // the found plan's simulation
  // With StaffingOptions::schedule: the shift schedule that covers the plan.
  std::optional<ShiftSchedule> schedule;
  int evaluations = 0;
  double cost = 0;  // per simulated day: sum of agent hours x cost
  bool all_met = true;
};

// REQUIRES nothing: every problem with the goals or the scenario is an
// error returned before any simulation (a target outside its range, a
// metric that cannot be a goal, no group that follows a staffing level).
absl::StatusOr<StaffingPlan> FindStaffing(const Scenario& scenario,
                                          const StaffingOptions& options);

// Judges every goal on a run of `scenario` (used by FindStaffing, and by
// tests that check a plan), on the reported days in `days` only (a day or
// horizon goal pools those days). `replications` must be the run's.
std::vector<GoalCheck> JudgeGoals(
    const Scenario& scenario, const std::vector<StaffingGoal>& goals,
    const RunResult& result, const std::vector<ReplicationResult>& replications,
    bool confidence, DayRange days = {});

// The plan as a table (per interval of the day: each searched group's
// agents, its Erlang estimate and today's staffing, and the worst day's
// value of each per-interval goal), JSON (everything, including every
// goal check) or CSV (one row per group and interval of the day).
std::string FormatStaffingPlan(const StaffingPlan& plan,
                               const Scenario& scenario, OutputFormat format);

// The plan as one self-contained HTML page (inline SVG, no scripts): the
// requirement against today's staffing and the Erlang estimate per group,
// each per-interval goal's worst and mean value per interval of the day
// against its target, where the plan fails, a per-interval table, and the
// shift schedule.
std::string FormatStaffingReport(const StaffingPlan& plan,
                                 const Scenario& scenario);

// The plan as a scenario variant: "extends: BASE" (the path of `base_path`
// as seen from the folder of `plan_path`) and the base's resolved `agents`
// list with the found staffing, so that `ccsim run` and `ccsim compare`
// take it as it is. `agents` is the base's resolved `agents` node. A dated
// plan's groups read their staffing from the table at
// StaffingTablePath(plan_path), whose text is StaffingPlanTable().
absl::StatusOr<std::string> StaffingPlanYaml(const StaffingPlan& plan,
                                             const YAML::Node& agents,
                                             const std::string& base_path,
                                             const std::string& plan_path);

// Where a dated plan's staffing table goes: beside the plan, "NAME.yaml"
// becoming "NAME-staffing.csv".
std::string StaffingTablePath(const std::string& plan_path);

// A dated plan's staffing as a table for `staffing: {table: ...}`: date,
// time, group and agents for every interval simulated (the warm-up and the
// days not judged with the scenario's own staffing), searched groups only.
std::string StaffingPlanTable(const StaffingPlan& plan,
                              const Scenario& scenario);

// A time of day as StaffingPlanTable() writes it: "HH:MM", or "HH:MM:SS"
// when the scenario's interval is not a whole number of minutes.
std::string TableClock(const Scenario& scenario, Time time_of_day);

}  // namespace ccsim

#endif  // CCSIM_STAFFING_H_
