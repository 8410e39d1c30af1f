// The staffing requirement search (private to sim/staff; see
// include/ccsim/staffing.h and docs/staffing.md). One Search runs one
// FindStaffing call:
//   requirement.cc   set-up, the Erlang start, evaluations, the plan;
//   search_add.cc    adding agents where a goal fails;
//   search_remove.cc taking away agents that are not needed.
// Invariants: plan_ is the staffing under search, one entry per group and
// slot (an interval of the day, or of a judged date when dated_); best_ is
// always the evaluation of plan_ as it stands between moves, and every
// goal that is met in best_ stays met after a move is kept.
#ifndef CCSIM_SIM_STAFF_SEARCH_H_
#define CCSIM_SIM_STAFF_SEARCH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ccsim/run.h"
#include "ccsim/scenario.h"
#include "ccsim/staffing.h"
#include "sim/staff/schedule.h"

namespace ccsim::staff {

// Returns the status of `expr` when it is an error.
#define CCSIM_STAFF_TRY(expr)               \
  if (absl::Status st = (expr); !st.ok()) { \
    return st;                              \
  }

class Search {
 public:
  Search(const Scenario& scenario, const StaffingOptions& options,
         std::vector<StaffingGoal> goals);

  // The Erlang start, adding where a goal fails, taking away what is not
  // needed (in rounds first when dated), then the shift step if asked.
  absl::StatusOr<StaffingPlan> Find();

  // The shift step: the original scenario, its staffing-level groups at
  // their plan, and its shift groups' rows chosen to cover theirs.
  absl::StatusOr<ShiftSchedule> Schedule(const StaffingPlan& plan);

 private:
  std::vector<int>& Staffing(size_t g) { return plan_[g]; }
  // The plan's slot of a reported interval (-1: none, when dated).
  int SlotOf(int64_t reported) const {
    if (!dated_) return static_cast<int>((first_ + reported) % ipd_);
    const int64_t slot = reported - first_slot_;
    return slot >= 0 && slot < nslots_ ? static_cast<int>(slot) : -1;
  }
  int SlotOfDay(int slot) const {
    return dated_ ? static_cast<int>(slot_interval_[slot] % ipd_) : slot;
  }
  // A failing check's slot is out of play (its goal cannot be met).
  bool Unreachable(int64_t reported) const {
    const int slot = SlotOf(reported);
    return slot < 0 || unreachable_[slot];
  }

  // Writes the plan into the working scenario.
  void Apply();

  // Simulates the plan (Apply) and judges the goals; counts towards
  // StaffingOptions::max_evaluations.
  absl::Status Evaluate(std::string_view phase, Evaluation* out);

  absl::Status EvaluateScenario(const Scenario& scenario,
                                std::string_view phase, Evaluation* out);

  // Every goal is met, leaving aside intervals whose goal is unreachable.
  bool AllMet(const Evaluation& e) const;

  // How far a failing check is from its goal, larger = better.
  double Score(const GoalCheck& c) const;

  // The slots to add an agent to: for a per-interval goal, every slot with
  // a failing interval; for a failing day or horizon goal, the worst tenth
  // of the slots of that period by the goal's metric.
  std::vector<int> FailingSlots(const Evaluation& e) const;

  // The searched group to give one more agent in `slot`: the busiest per
  // unit of cost in that slot's intervals (a group without agents there
  // counts as fully busy).
  int GroupToAdd(const Evaluation& e, int slot) const;

  // Erlang C (A when every call type has a patience) for the service-level
  // target on the load offered to agents in the slot's intervals, as
  // simulated: the most agents any day asks for.
  int ObservedNeed(const Evaluation& e, int slot) const;

  // The worst value of the slot's failing per-interval checks (NaN when
  // none fails).
  double WorstFailing(const Evaluation& e, int slot) const;

  // Until every goal is met (or its slot is unreachable): adds agents in
  // every failing slot, then simulates again.
  absl::Status AddWhereFailing();

  // The intervals of the day in the order agents are taken away: with
  // per-interval goals, in time order; with a period goal, the intervals
  // with the most room above (or below) its target first, where an agent
  // less costs the period least.
  std::vector<int> RemovalOrder(bool period_goals) const;

  // The searched groups, the dearest first: its agents go first.
  std::vector<size_t> GroupsByCost() const;

  // Some goal is judged over a day or the horizon.
  bool PeriodGoals() const;

  // A dated plan has a slot per interval of every judged day, too many to
  // try one by one from the start. Before the exact pass, agents are taken
  // from many slots of a group at once:
  //  - per-interval goals: a round takes one agent from every slot that
  //    still has one to give; a slot whose own interval then fails gets it
  //    back and gives no more, and so does the nearest slot before an
  //    interval that fails without having given (the queue it left carries
  //    forward); the rest is simulated again until every goal is met;
  //  - period goals: one agent from each of the k slots with the most room,
  //    k halving after a failure and a slot at k = 1 giving no more.
  absl::Status RemoveInRounds();

  // One slot and group at a time, galloping: keeps a removal when every
  // goal is still met; ends when one agent fewer anywhere breaks a goal.
  absl::Status RemoveUnneeded();

  StaffingPlan MakePlan(const std::vector<std::vector<int>>& erlang);

  // "HH:MM", or "YYYY-MM-DD HH:MM" for a dated plan's slot.
  std::string SlotLabel(int slot) const;

  const Scenario& original_;
  Scenario work_;
  const StaffingOptions& options_;
  const std::vector<StaffingGoal> goals_;
  std::vector<bool> searched_;
  std::vector<bool> from_shifts_;
  // eligible_[g][slot]: the group may be given agents in that interval of
  // the day (a group on shifts only where a shift row, moved by a start
  // offset, can work).
  std::vector<std::vector<bool>> eligible_;
  std::vector<double> cost_;
  std::vector<std::vector<int>> original_staffing_;  // per group and slot
  std::vector<std::vector<int>> plan_;               // per group and slot
  // A dated plan: one slot per reported interval of the judged days, slot
  // k being interval slot_interval_[k] of simulated time and reported
  // interval first_slot_ + k.
  bool dated_ = false;
  int nslots_ = 0;
  std::vector<int64_t> slot_interval_;
  int64_t first_slot_ = 0;
  RunOptions run_;
  double sl_target_ = 0.8;
  std::optional<double> mean_patience_;  // of all calls; none: Erlang C
  int ipd_ = 0;
  int64_t first_ = 0;
  int evaluations_ = 0;
  Evaluation best_;
  std::vector<int> stalled_;
  std::vector<double> best_value_;
  std::vector<bool> unreachable_;
  std::vector<bool> no_group_;  // unreachable: no group may get agents
};

}  // namespace ccsim::staff

#endif  // CCSIM_SIM_STAFF_SEARCH_H_
