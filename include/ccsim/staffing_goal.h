// A staffing goal: what a staffing plan must achieve, e.g. "service level at
// least 0.8 in every interval". Written in a scenario's `staffing_goal`
// section or given to `ccsim staff --goal`; see ccsim/staffing.h.
//
//   ccsim::StaffingGoal g{.metric = ccsim::Metric::kAbandonRate,
//                         .op = ccsim::GoalOp::kAtMost, .value = 0.05,
//                         .period = ccsim::GoalPeriod::kDay};
//   absl::Status ok = ccsim::CheckStaffingGoal(g);
#ifndef CCSIM_STAFFING_GOAL_H_
#define CCSIM_STAFFING_GOAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ccsim/metrics.h"

namespace ccsim {

enum class GoalOp { kAtLeast, kAtMost };

// Over what a goal is judged: each reported interval on its own, each
// simulated day (after the warm-up) as a whole, or the whole horizon.
enum class GoalPeriod { kInterval, kDay, kHorizon };

struct StaffingGoal {
  Metric metric = Metric::kServiceLevel;
  GoalOp op = GoalOp::kAtLeast;
  double value = 0.8;
  GoalPeriod period = GoalPeriod::kInterval;
  friend bool operator==(const StaffingGoal&, const StaffingGoal&) = default;
};

// The metrics a goal may name: service_level, service_level_answered,
// answer_rate (at least); abandon_rate, asa_s, mean_wait_s, p_wait,
// occupancy (at most).
const std::vector<Metric>& GoalMetrics();
// The goal metric with this key, or InvalidArgument "'NAME' cannot be a
// staffing goal; expected one of ...".
absl::StatusOr<Metric> GoalMetricByName(std::string_view name);

// OK, or InvalidArgument saying what is wrong with the goal (without
// naming where it was written): a metric that cannot be a goal, a share
// outside 0..1 or a negative time, a comparison the wrong way round, a goal
// any staffing meets.
absl::Status CheckStaffingGoal(const StaffingGoal& goal);

// "service_level >= 0.8 per interval".
std::string DescribeGoal(const StaffingGoal& goal);

}  // namespace ccsim

#endif  // CCSIM_STAFFING_GOAL_H_
