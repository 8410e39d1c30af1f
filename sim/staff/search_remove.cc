// Taking away agents that are not needed (see sim/staff/search.h): a
// dated plan first in rounds over many slots at once, then every plan one
// slot and group at a time, so that it ends minimal: one agent fewer
// anywhere breaks a goal.
#include <algorithm>
#include <utility>
#include <vector>

#include "sim/staff/search.h"

namespace ccsim::staff {

// The intervals of the day in the order agents are taken away: with
// per-interval goals, in time order; with a period goal, the intervals
// with the most room above (or below) its target first, where an agent
// less costs the period least.
std::vector<int> Search::RemovalOrder(bool period_goals) const {
  std::vector<int> order(nslots_);
  for (int slot = 0; slot < nslots_; ++slot) order[slot] = slot;
  if (!period_goals) return order;
  const StaffingGoal* goal = nullptr;
  for (const StaffingGoal& g : goals_) {
    if (g.period != GoalPeriod::kInterval) {
      goal = &g;
      break;
    }
  }
  std::vector<double> room(nslots_, 0.0);
  std::vector<int> seen(nslots_, 0);
  const int metric = static_cast<int>(goal->metric);
  for (size_t i = 0; i < best_.result.intervals.size(); ++i) {
    const Estimate& v = best_.result.intervals[i].metrics[metric];
    if (v.n == 0 || std::isnan(v.mean)) continue;
    const int slot = SlotOf(static_cast<int64_t>(i));
    if (slot < 0) continue;
    room[slot] += goal->op == GoalOp::kAtLeast ? v.mean - goal->value
                                               : goal->value - v.mean;
    ++seen[slot];
  }
  for (int slot = 0; slot < nslots_; ++slot) {
    // No calls there: agents are idle, the first to go.
    room[slot] = seen[slot] > 0 ? room[slot] / seen[slot] : 1e9;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return room[a] > room[b]; });
  return order;
}

// The searched groups, the dearest first: its agents go first.
std::vector<size_t> Search::GroupsByCost() const {
  std::vector<size_t> order;
  for (size_t g = 0; g < searched_.size(); ++g) {
    if (searched_[g]) order.push_back(g);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return cost_[a] > cost_[b]; });
  return order;
}

bool Search::PeriodGoals() const {
  for (const StaffingGoal& g : goals_) {
    if (g.period != GoalPeriod::kInterval) return true;
  }
  return false;
}

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
absl::Status Search::RemoveInRounds() {
  if (!AllMet(best_)) return absl::OkStatus();
  const bool period_goals = PeriodGoals();
  Evaluation trial;
  for (size_t g : GroupsByCost()) {
    std::vector<int>& n = Staffing(g);
    std::vector<bool> done(nslots_, false);
    size_t k = std::max(1, nslots_ / 4);
    while (true) {
      std::vector<int> taken;
      for (int slot : RemovalOrder(period_goals)) {
        if (done[slot] || n[slot] == 0) continue;
        if (period_goals && taken.size() == k) break;
        --n[slot];
        taken.push_back(slot);
      }
      if (taken.empty()) break;
      while (!taken.empty()) {
        CCSIM_STAFF_TRY(Evaluate("thin", &trial));
        if (AllMet(trial)) {
          std::swap(best_, trial);
          break;
        }
        std::vector<bool> give(nslots_, false);
        if (period_goals) {
          if (taken.size() == 1) done[taken[0]] = true;
          k = std::max<size_t>(1, taken.size() / 2);
          for (int slot : taken) give[slot] = true;
        } else {
          std::vector<bool> is_taken(nslots_, false);
          for (int slot : taken) is_taken[slot] = true;
          bool any = false;
          for (const GoalCheck& c : trial.checks) {
            if (c.met || c.interval < 0 || Unreachable(c.interval)) continue;
            int slot = SlotOf(c.interval);
            while (slot >= 0 && !is_taken[slot]) --slot;
            if (slot < 0) continue;
            give[slot] = true;
            done[slot] = true;
            any = true;
          }
          // A failure no taken slot explains: give all back.
          if (!any) {
            for (int slot : taken) give[slot] = done[slot] = true;
          }
        }
        std::vector<int> left;
        for (int slot : taken) {
          if (give[slot]) {
            ++n[slot];
          } else {
            left.push_back(slot);
          }
        }
        taken = std::move(left);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Search::RemoveUnneeded() {
  if (!AllMet(best_)) return absl::OkStatus();
  const bool period_goals = PeriodGoals();
  const std::vector<size_t> order = GroupsByCost();
  Evaluation trial;
  for (bool changed = true; changed;) {
    changed = false;
    for (int slot : RemovalOrder(period_goals)) {
      for (size_t g : order) {
        // Galloping: after a removal that keeps every goal, try twice as
        // many; after one that breaks a goal, go back to single agents.
        // The last try always takes away a single agent and fails, so
        // the plan ends minimal in this slot and group.
        int& n = Staffing(g)[slot];
        for (int step = 1; n > 0;) {
          step = std::min(step, n);
          n -= step;
          CCSIM_STAFF_TRY(Evaluate("remove", &trial));
          if (AllMet(trial)) {
            std::swap(best_, trial);
            changed = true;
            step *= 2;
            continue;
          }
          n += step;
          if (step == 1) break;
          step = 1;
        }
      }
    }
    // With per-interval goals alone one pass suffices: taking agents
    // away never helps another interval. A period goal may let a later
    // removal free room for an earlier one (a dated plan, with its many
    // slots already thinned in rounds, makes one pass).
    if (!period_goals || dated_) break;
  }
  return absl::OkStatus();
}
}  // namespace ccsim::staff
