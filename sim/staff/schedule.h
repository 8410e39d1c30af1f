// The shift schedule step of ccsim staff (private to sim/staff).
//
// Given the requirement of each group that works shifts (agents available
// for calls per interval of the day), chooses how many agents work each of
// the group's shift rows: an integer program covers the requirement on
// every weekday at least cost (a row's coverage of an interval is the share
// of it on shift and not on a break, breaks placed in the middle of their
// windows); then the scenario is simulated with those shifts as they will
// really run (breaks under the cap, AUX, adherence), and where a goal fails
// the requirement there is raised by one agent and the cover solved again,
// until every goal is met or the iteration limit is reached.
#ifndef CCSIM_SIM_STAFF_SCHEDULE_H_
#define CCSIM_SIM_STAFF_SCHEDULE_H_

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing.h"

namespace ccsim::staff {

// A simulation of a scenario, judged by the goals.
struct Evaluation {
  RunResult result;
  std::vector<ReplicationResult> reps;
  std::vector<GoalCheck> checks;
};

// Simulates `scenario` (common random numbers across calls) and judges the
// goals; counts towards the search's evaluation limit.
using Evaluator = std::function<absl::Status(
    const Scenario& scenario, std::string_view phase, Evaluation* out)>;

struct ScheduleInput {
  // The scenario with its shift groups as they are and its staffing-level
  // groups at their found plan.
  const Scenario* scenario = nullptr;
  const std::vector<StaffingGoal>* goals = nullptr;
  std::vector<int> groups;                    // the shift groups to schedule
  std::vector<std::vector<int>> requirement;  // [group][interval of day]
  std::vector<double> cost_per_hour;          // per group
  // For the size of a repair: half the gap between the agents available in
  // a failing interval and Erlang's requirement for the load simulated
  // there (at least one).
  double sl_target = 0.8;
  std::optional<double> mean_patience_s;
  // The requirement's own simulation: its offered load per weekday scales
  // the daily requirement down on quieter weekdays.
  const RunResult* requirement_run = nullptr;
  std::vector<int> start_offsets_min = {0};
  int max_iterations = 20;
  double solver_seconds = 10;
  double mip_gap = 0.02;
  Evaluator evaluate;
};

absl::StatusOr<ShiftSchedule> ScheduleShifts(const ScheduleInput& in);

}  // namespace ccsim::staff

#endif  // CCSIM_SIM_STAFF_SCHEDULE_H_
