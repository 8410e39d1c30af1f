// The scenario's `staffing_goal` section: what `ccsim staff` must achieve.
//
//   staffing_goal:
//     - {metric: service_level, at_least: 0.8}             # per interval
//     - {metric: abandon_rate, at_most: 0.05, per: day}
//
// A single map is one goal; a sequence, goals that must all hold.
#include "absl/status/statusor.h"
#include "ccsim/staffing_goal.h"
#include "ccsim/status_macros.h"
#include "fmt/format.h"
#include "sim/scenario/readers.h"
#include "sim/scenario/yaml_value.h"

namespace ccsim::scenario_internal {

namespace {

absl::StatusOr<StaffingGoal> ReadGoal(const YamlValue& v) {
  CCSIM_ASSIGN_OR_RETURN(YamlMap m,
                         v.AsMap({"metric", "at_least", "at_most", "per"},
                                 "a goal map such as {metric: service_level, "
                                 "at_least: 0.8}"));
  CCSIM_ASSIGN_OR_RETURN(YamlValue metric, m.Require("metric"));
  CCSIM_ASSIGN_OR_RETURN(std::string name, metric.Text());
  StaffingGoal goal;
  absl::StatusOr<Metric> which = GoalMetricByName(name);
  if (!which.ok()) return metric.Error(MessageOf(which.status()));
  goal.metric = *which;
  CCSIM_ASSIGN_OR_RETURN(const YamlMap::Entry* bound,
                         m.ExactlyOneOf({"at_least", "at_most"}));
  goal.op = bound->key == "at_least" ? GoalOp::kAtLeast : GoalOp::kAtMost;
  CCSIM_ASSIGN_OR_RETURN(goal.value, bound->value.Number());
  if (std::optional<YamlValue> per = m.Find("per")) {
    CCSIM_ASSIGN_OR_RETURN(std::string p, per->Text());
    if (p == "interval") {
      goal.period = GoalPeriod::kInterval;
    } else if (p == "day") {
      goal.period = GoalPeriod::kDay;
    } else if (p == "horizon") {
      goal.period = GoalPeriod::kHorizon;
    } else {
      return per->Expected("interval, day or horizon");
    }
  }
  if (absl::Status st = CheckStaffingGoal(goal); !st.ok()) {
    return bound->value.Error(MessageOf(st));
  }
  return goal;
}

}  // namespace

absl::StatusOr<std::vector<StaffingGoal>> ReadStaffingGoals(
    const YamlValue& v) {
  std::vector<StaffingGoal> goals;
  if (v.is_map()) {
    CCSIM_ASSIGN_OR_RETURN(StaffingGoal g, ReadGoal(v));
    goals.push_back(g);
    return goals;
  }
  CCSIM_ASSIGN_OR_RETURN(std::vector<YamlValue> entries,
                         v.NonEmptySequence("goal maps"));
  for (const YamlValue& e : entries) {
    CCSIM_ASSIGN_OR_RETURN(StaffingGoal g, ReadGoal(e));
    goals.push_back(g);
  }
  return goals;
}

}  // namespace ccsim::scenario_internal
